"""The network's pages: the ecosystem at a glance (`overview`), the weekly match email's switch,
joining (`joining`), then the directory and the profiles. Fixed paths come before the profile's
`nettverk/<slug>/`."""

from django.urls import path

from samspill.network import views
from samspill.network.joining import urls as joining_urls
from samspill.network.overview import urls as overview_urls

app_name = "network"

urlpatterns = [
    *overview_urls.urlpatterns,
    path("nettverk/<slug:slug>/ukebrev/", views.digest_toggle, name="digest-toggle"),
    *joining_urls.urlpatterns,
    path("nettverk/", views.directory, name="directory"),
    path("nettverk/personer/<int:pk>/", views.person, name="person"),
    path("nettverk/personer/<int:pk>/kontakt/", views.contact_person, name="person-contact"),
    path("nettverk/<slug:slug>/", views.profile, name="profile"),
    path("nettverk/<slug:slug>/behov-og-tilbud/", views.needs_offers_edit, name="needs-offers"),
    path("nettverk/<slug:slug>/kontakt/", views.contact_organisation, name="contact"),
]
