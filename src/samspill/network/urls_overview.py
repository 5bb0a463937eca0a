"""The ecosystem at a glance (figures, charts, CSV) and the weekly match email's switch."""

from django.urls import path

from samspill.network import views_overview

urlpatterns = [
    path("nettverk/oversikt/", views_overview.overview, name="overview"),
    path("nettverk/oversikt/<slug:name>.csv", views_overview.overview_csv, name="overview-csv"),
    path("nettverk/<slug:slug>/ukebrev/", views_overview.digest_toggle, name="digest-toggle"),
]
