"""Server-rendered SVG bar charts of a question's results, in the house style of the network
overview (`network.overview.bar_chart`).

Each chart is an image (role="img") named by its <title> and described by its <desc>; every bar
carries its figure in words beside it, and a suppressed count is written out ("not shown")
without a bar, so nothing is told by colour or length alone. The page shows a table with the same
figures after each chart.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WIDTH = 760
LABEL_WIDTH = 230
BAR_AREA = 360
BAR_HEIGHT = 20
GAP = 10
FONT_SIZE = 14
INK = "#1a1c2e"
FILL = "#0a55a3"
MAX_LABEL = 30


@dataclass
class ChartBar:
    label: str
    value: float | None  # None: suppressed, no bar
    words: str  # written beside the bar


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def fewer_than() -> str:
    """The words for a count the public does not see: a small group, or one from which a small
    group could be worked out (complementary suppression), so not "fewer than five"."""
    return _("not shown")


def bar_chart(
    chart_id: str, title: str, description: str, bars: list[ChartBar], largest: float | None = None
) -> SafeString:
    """Horizontal bars with their labels before and their figures after them."""
    height = 8 + max(len(bars), 1) * (BAR_HEIGHT + GAP) + 8
    if largest is None:
        largest = max((bar.value or 0 for bar in bars), default=0)
    largest = largest or 1
    title_id = f"{chart_id}-title"
    desc_id = f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    for index, bar in enumerate(bars):
        y = 8 + index * (BAR_HEIGHT + GAP)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 5}" text-anchor="end" '
            f'fill="{INK}">{escape(_short(bar.label))}</text>'
        )
        width = 0.0
        if bar.value:
            width = round(BAR_AREA * bar.value / largest, 1)
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(width, 2)}" height="{BAR_HEIGHT}" '
                f'fill="{FILL}"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + width + 8}" y="{y + BAR_HEIGHT - 5}" '
            f'fill="{INK}">{escape(bar.words)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


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
            ChartBar(
                row.label,
                row.mean,
                _("mean %(mean)s") % {"mean": number_format(row.mean, 1)}
                if row.mean is not None
                else (fewer_than() if row.count is None else _("no answers")),
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
        ChartBar(bar.label, bar.count, count_words(bar.count, bar.percent)) for bar in result.bars
    ]
    return bar_chart(chart_id, question.text, kind.chart_description(question), bars)
