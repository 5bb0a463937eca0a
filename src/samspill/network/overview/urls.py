"""The ecosystem at a glance: the page and one CSV file per figure."""

from django.urls import path

from samspill.network.overview import views

urlpatterns = [
    path("nettverk/oversikt/", views.overview, name="overview"),
    path("nettverk/oversikt/<slug:name>.csv", views.overview_csv, name="overview-csv"),
]
