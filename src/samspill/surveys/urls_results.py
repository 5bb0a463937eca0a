"""Results and exports (see views_results)."""

from django.urls import path

from samspill.surveys import views_results

urlpatterns = [
    path(
        "sporreundersokelser/<slug:slug>/resultater/",
        views_results.results_page,
        name="results",
    ),
    path(
        "sporreundersokelser/<slug:slug>/resultater/svar/<int:pk>/skjul/",
        views_results.answer_hide,
        name="answer-hide",
    ),
    path(
        "sporreundersokelser/<slug:slug>/resultater.csv",
        views_results.export_csv,
        name="export-csv",
    ),
    path(
        "sporreundersokelser/<slug:slug>/resultater.xlsx",
        views_results.export_xlsx,
        name="export-xlsx",
    ),
    path(
        "sporreundersokelser/<slug:slug>/sammendrag.csv",
        views_results.summary_csv,
        name="summary-csv",
    ),
    path(
        "sporreundersokelser/<slug:slug>/sammendrag.xlsx",
        views_results.summary_xlsx,
        name="summary-xlsx",
    ),
    path(
        "sporreundersokelser/<slug:slug>/kodebok.csv",
        views_results.codebook_csv,
        name="codebook-csv",
    ),
]
