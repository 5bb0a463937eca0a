"""Results and exports (see `views`)."""

from django.urls import path

from samspill.surveys.results import views

urlpatterns = [
    path(
        "sporreundersokelser/<slug:slug>/resultater/",
        views.results_page,
        name="results",
    ),
    path(
        "sporreundersokelser/<slug:slug>/resultater/svar/<int:pk>/skjul/",
        views.answer_hide,
        name="answer-hide",
    ),
    path(
        "sporreundersokelser/<slug:slug>/resultater.csv",
        views.export_csv,
        name="export-csv",
    ),
    path(
        "sporreundersokelser/<slug:slug>/resultater.xlsx",
        views.export_xlsx,
        name="export-xlsx",
    ),
    path(
        "sporreundersokelser/<slug:slug>/sammendrag.csv",
        views.summary_csv,
        name="summary-csv",
    ),
    path(
        "sporreundersokelser/<slug:slug>/sammendrag.xlsx",
        views.summary_xlsx,
        name="summary-xlsx",
    ),
    path(
        "sporreundersokelser/<slug:slug>/kodebok.csv",
        views.codebook_csv,
        name="codebook-csv",
    ),
]
