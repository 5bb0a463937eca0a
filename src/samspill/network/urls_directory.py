"""The directory, the profiles of organisations and people, needs and offers, contact."""

from django.urls import path

from samspill.network import views

urlpatterns = [
    path("nettverk/", views.directory, name="directory"),
    path("nettverk/personer/<int:pk>/", views.person, name="person"),
    path("nettverk/personer/<int:pk>/kontakt/", views.contact_person, name="person-contact"),
    path("nettverk/<slug:slug>/", views.profile, name="profile"),
    path("nettverk/<slug:slug>/behov-og-tilbud/", views.needs_offers_edit, name="needs-offers"),
    path("nettverk/<slug:slug>/kontakt/", views.contact_organisation, name="contact"),
]
