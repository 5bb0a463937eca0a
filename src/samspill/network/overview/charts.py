"""The overview's figures as SVG: horizontal bar charts drawn on the server (no JavaScript)."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 760
LABEL_WIDTH = 230
BAR_AREA = 340  # leaves room after the longest bar for "1234 organisasjoner"
BAR_HEIGHT = 20
GAP = 10
FONT_SIZE = 14
INK = "#1a1c2e"
FILLS = ("#0a55a3", "#ffffff")  # solid blue, then white with a dark outline: told apart by shape
STROKES = ("#0a55a3", "#b3401a")
MAX_LABEL = 30


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def bar_chart(figure) -> SafeString:
    """Horizontal bars, one group per row: each bar carries its number in words beside it.

    With two series, the first bar is solid and the second outlined, and a legend names them, so
    colour is never the only difference. The chart is an image with a title and a description;
    the table after it holds the same figures for screen readers and copying."""
    n_series = len(figure.series)
    group = n_series * BAR_HEIGHT + (n_series - 1) * 4 + GAP
    top = 8 + (28 if n_series > 1 else 0)
    height = top + max(len(figure.rows), 1) * group + 8
    largest = max((row.values[s] for row in figure.rows for s in figure.series), default=0) or 1
    title_id = f"chart-{figure.name}-title"
    desc_id = f"chart-{figure.name}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}">',
        f'<title id="{title_id}">{escape(figure.title)}</title>',
        f'<desc id="{desc_id}">{escape(figure.description)}</desc>',
    ]
    if n_series > 1:
        x = LABEL_WIDTH
        for i, name in enumerate(figure.series_names[:n_series]):
            parts.append(
                f'<rect x="{x}" y="8" width="16" height="16" fill="{FILLS[i]}" '
                f'stroke="{STROKES[i]}" stroke-width="2"/>'
                f'<text x="{x + 22}" y="21" fill="{INK}">{escape(name)}</text>'
            )
            x += 22 + 9 * len(name) + 30
    for index, row in enumerate(figure.rows):
        y = top + index * group
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 5}" text-anchor="end" '
            f'fill="{INK}">{escape(_short(row.label))}</text>'
        )
        for i, s in enumerate(figure.series):
            value = row.values[s]
            bar_y = y + i * (BAR_HEIGHT + 4)
            width = round(BAR_AREA * value / largest, 1)
            if value:
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{max(width, 2)}" '
                    f'height="{BAR_HEIGHT}" fill="{FILLS[i]}" stroke="{STROKES[i]}" '
                    f'stroke-width="2"/>'
                )
            words = figure.series_names[i] if i < len(figure.series_names) else ""
            parts.append(
                f'<text x="{LABEL_WIDTH + width + 8}" y="{bar_y + BAR_HEIGHT - 5}" '
                f'fill="{INK}">{value} {escape(words)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))
