"""The ecosystem at a glance: charts with their tables, and one CSV file per figure.

The overview's figures are counted in SQL and cached for a few minutes (see `selectors`); the page
and its CSV files read the same cached figures, in the active language.
"""

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samspill.network.overview import selectors


@require_GET
def overview(request):
    figures = selectors.figures()
    total = sum(row.values[0] for row in figures["kinds"].rows)
    return render(
        request,
        "network/overview/overview.html",
        {"figures": list(figures.values()), "total": total},
    )


def _csv_cell(value):
    """Numbers as numbers; text that a spreadsheet would take for a formula is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@require_GET
def overview_csv(request, name: str):
    if name not in selectors.NAMES:
        raise Http404
    figure = selectors.figures()[name]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in figure.csv_rows():
        writer.writerow([_csv_cell(cell) for cell in row])
    # With a byte order mark, Excel opens the file as UTF-8 (æ, ø, å stay whole).
    response = HttpResponse(
        buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="samspill-{name}.csv"'
    return response
