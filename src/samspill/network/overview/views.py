"""The ecosystem at a glance: charts with their tables, and one CSV file per figure.

The overview's figures are counted in SQL and cached for a few minutes (see `selectors`); the page
and its CSV files read the same cached figures, in the active language.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samspill.core.spreadsheets import csv_response
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


@require_GET
def overview_csv(request, name: str):
    if name not in selectors.NAMES:
        raise Http404
    figure = selectors.figures()[name]
    return csv_response(f"samspill-{name}.csv", None, figure.csv_rows(), private=False)
