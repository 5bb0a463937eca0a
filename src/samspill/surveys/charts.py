"""The SVG bar charts of a question's results, drawn by `core.charts` (the house style the network
overview shares).

Each chart is an image (role="img") named by its <title> and described by its <desc>; every bar
carries its figure in words beside it, and a suppressed count is written out ("not shown")
without a bar, so nothing is told by colour or length alone. The page shows a table with the same
figures after each chart.
"""

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samspill.core.charts import Bar, BarRow, bar_chart


def fewer_than() -> str:
    """The words for a count the public does not see: a small group, or one from which a small
    group could be worked out (complementary suppression), so not "fewer than five"."""
    return _("not shown")


def count_words(count: int | None, percent: str = "") -> str:
    if count is None:
        return fewer_than()
    words = ngettext("%(n)s respondent", "%(n)s respondents", count) % {"n": count}
    return f"{words} ({percent})" if percent else words


def question_chart(result) -> SafeString:
    """The chart of one question's result (`results.QuestionResult`), or "" where there is none:
    a matrix's row means, or the bars with the words its kind describes them by."""
    question = result.question
    chart_id = f"chart-{question.key}"
    if result.withheld or result.filtered_out or result.answered == 0:
        return mark_safe("")
    kind = question.engine
    if kind.has_rows:
        bars = [
            BarRow(
                row.label,
                [
                    Bar(
                        row.mean,
                        _("mean %(mean)s") % {"mean": number_format(row.mean, 1)}
                        if row.mean is not None
                        else (fewer_than() if row.count is None else _("no answers")),
                    )
                ],
            )
            for row in result.rows
        ]
        return bar_chart(
            chart_id,
            question.text,
            _("The mean answer to each row, on a scale from 1 to %(max)s.")
            % {"max": question.scale_max},
            bars,
            largest=question.scale_max,
        )
    if not result.bars:
        return mark_safe("")
    bars = [
        BarRow(bar.label, [Bar(bar.count, count_words(bar.count, bar.percent))])
        for bar in result.bars
    ]
    return bar_chart(chart_id, question.text, kind.chart_description(question), bars)
