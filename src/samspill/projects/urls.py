"""The programme, projects and reach (bokmål paths, under the language prefix)."""

from django.urls import path

from samspill.projects import views

app_name = "projects"

urlpatterns = [
    path("program/<slug:slug>/", views.programme, name="programme"),
    path("program/<slug:slug>/rekkevidde/", views.reach, name="reach"),
    path("program/<slug:slug>/rekkevidde.csv", views.reach_csv, name="reach-csv"),
    path(
        "program/<slug:slug>/kommuner/<slug:municipality>/",
        views.municipality,
        name="municipality",
    ),
    path("program/<slug:slug>/rapport/", views.report, name="report"),
    path("program/<slug:slug>/rapport/<int:year>/", views.report_year, name="report-year"),
    path("program/<slug:slug>/rapport/<int:year>.csv", views.report_csv, name="report-csv"),
    path("prosjekter/", views.project_list, name="list"),
    path("prosjekter/<slug:slug>/", views.project_detail, name="project"),
]
