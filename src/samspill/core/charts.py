"""Server-rendered SVG bar charts, in one house style for every app (survey results, the network
overview).

A chart is an image (role="img") named by its <title> and described by its <desc>. Each row has a
label before its bars; each bar carries its figure in words after it, and a bar without a value
(none, or a count that is not shown) is drawn as no bar with its words still written, so nothing
is told by colour or length alone. With two series the first bar is solid and the second white
with an outline, and a legend names them: shape, not colour, tells them apart. Pages show a
table with the same figures after each chart (for screen readers and copying).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 760
LABEL_WIDTH = 230
BAR_AREA = 340  # leaves room after the longest bar for "1234 organisasjoner"
BAR_HEIGHT = 20
BAR_GAP = 4  # between the bars of one row
GAP = 10  # between rows
LEGEND_HEIGHT = 28
FONT_SIZE = 14
INK = "#1a1c2e"
FILLS = ("#0a55a3", "#ffffff")  # solid blue, then white with a dark outline: told apart by shape
STROKES = ("#0a55a3", "#b3401a")
MAX_LABEL = 30


@dataclass
class Bar:
    value: float | None  # None or 0: no bar, only the words
    words: str  # written after the bar


@dataclass
class BarRow:
    label: str
    bars: list[Bar] = field(default_factory=list)  # one per series


def short_label(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[BarRow],
    *,
    legend: Sequence[str] = (),
    largest: float | None = None,
) -> SafeString:
    """Horizontal bars, one group per row. `largest` is the value of a full bar (the largest
    value by default; a scale's maximum for means); `legend` names the series when there are
    two."""
    n_series = max((len(row.bars) for row in rows), default=1) or 1
    group = n_series * BAR_HEIGHT + (n_series - 1) * BAR_GAP + GAP
    top = 8 + (LEGEND_HEIGHT if len(legend) > 1 else 0)
    height = top + max(len(rows), 1) * group + 8
    if largest is None:
        largest = max((bar.value or 0 for row in rows for bar in row.bars), default=0)
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
    if len(legend) > 1:
        x = LABEL_WIDTH
        for i, name in enumerate(legend[: len(FILLS)]):
            parts.append(
                f'<rect x="{x}" y="8" width="16" height="16" fill="{FILLS[i]}" '
                f'stroke="{STROKES[i]}" stroke-width="2"/>'
                f'<text x="{x + 22}" y="21" fill="{INK}">{escape(name)}</text>'
            )
            x += 22 + 9 * len(name) + 30
    for index, row in enumerate(rows):
        y = top + index * group
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 5}" text-anchor="end" '
            f'fill="{INK}">{escape(short_label(row.label))}</text>'
        )
        for i, bar in enumerate(row.bars):
            style = i % len(FILLS)
            bar_y = y + i * (BAR_HEIGHT + BAR_GAP)
            width = 0.0
            if bar.value:
                width = round(BAR_AREA * bar.value / largest, 1)
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{max(width, 2)}" '
                    f'height="{BAR_HEIGHT}" fill="{FILLS[style]}" stroke="{STROKES[style]}" '
                    f'stroke-width="2"/>'
                )
            parts.append(
                f'<text x="{LABEL_WIDTH + width + 8}" y="{bar_y + BAR_HEIGHT - 5}" '
                f'fill="{INK}">{escape(bar.words)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))
