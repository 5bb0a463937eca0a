"""Joining the network: new organisations, requests to join, invitations (`views_join`)."""

from django.urls import path

from samspill.network import views_join

urlpatterns = [
    path("nettverk/ny-organisasjon/", views_join.organisation_new, name="organisation-new"),
    path(
        "nettverk/ny-organisasjon/<slug:slug>/",
        views_join.organisation_pending,
        name="organisation-pending",
    ),
    path("nettverk/invitasjon/<str:token>/", views_join.invitation, name="invitation"),
    path("nettverk/<slug:slug>/bli-med/", views_join.join, name="join"),
    path("nettverk/<slug:slug>/foresporsler/", views_join.join_requests, name="join-requests"),
    path(
        "nettverk/<slug:slug>/foresporsler/<int:pk>/",
        views_join.join_request_decide,
        name="join-request-decide",
    ),
    path("nettverk/<slug:slug>/inviter/", views_join.invite, name="invite"),
]
