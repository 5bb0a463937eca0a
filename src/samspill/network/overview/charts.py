"""The overview's figures as SVG: the house bar chart (`core.charts`), one group of bars per row,
each bar's number in words after it, and a legend where a figure has two series."""

from django.utils.safestring import SafeString

from samspill.core.charts import Bar, BarRow
from samspill.core.charts import bar_chart as draw


def bar_chart(figure) -> SafeString:
    """The figure's chart: the series it draws (`figure.series`), named by `series_names`."""
    names = figure.series_names
    rows = [
        BarRow(
            row.label,
            [
                Bar(row.values[s], f"{row.values[s]} {names[i] if i < len(names) else ''}")
                for i, s in enumerate(figure.series)
            ],
        )
        for row in figure.rows
    ]
    legend = names[: len(figure.series)] if len(figure.series) > 1 else ()
    return draw(f"chart-{figure.name}", figure.title, figure.description, rows, legend=legend)
