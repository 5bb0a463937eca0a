"""The one SVG bar chart: an image with a title and a description, every figure in words, no bar
for a missing value, two series told apart by shape and named in a legend."""

import re

from samspill.core.charts import Bar, BarRow, bar_chart


def test_a_chart_is_a_named_and_described_image_with_every_figure_in_words():
    svg = bar_chart(
        "chart-q1",
        "Hvilke <sjangre>?",
        "How many respondents gave each answer.",
        [BarRow("Jazz", [Bar(3, "3 respondents")]), BarRow("Pop", [Bar(None, "not shown")])],
    )
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" ')
    assert 'aria-labelledby="chart-q1-title chart-q1-desc"' in svg
    assert '<title id="chart-q1-title">Hvilke &lt;sjangre&gt;?</title>' in svg
    assert '<desc id="chart-q1-desc">How many respondents gave each answer.</desc>' in svg
    assert svg.count("<rect") == 1  # the suppressed count has no bar
    assert ">3 respondents</text>" in svg and ">not shown</text>" in svg
    assert 'width="340.0"' in svg  # the largest value fills the bar area


def test_largest_sets_the_full_bar_and_labels_are_shortened():
    svg = bar_chart("c", "t", "d", [BarRow("x" * 40, [Bar(2.5, "mean 2.5")])], largest=5)
    assert 'width="170.0"' in svg
    assert ">" + "x" * 29 + "…</text>" in svg


def test_two_series_have_a_legend_and_differ_by_shape():
    svg = bar_chart(
        "chart-needs",
        "Needs and offers",
        "d",
        [BarRow("Booking", [Bar(4, "4 needs"), Bar(0, "0 offers")])],
        legend=["needs", "offers"],
    )
    assert re.findall(r'fill="(#[0-9a-f]+)" stroke', svg) == ["#0a55a3", "#ffffff", "#0a55a3"]
    assert ">needs</text>" in svg and ">offers</text>" in svg
    assert ">0 offers</text>" in svg


def test_an_empty_chart_still_has_a_height():
    assert 'viewBox="0 0 760 46"' in bar_chart("c", "t", "d", [])
