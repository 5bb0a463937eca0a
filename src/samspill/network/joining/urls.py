"""Joining the network: new organisations, requests to join, invitations."""

from django.urls import path

from samspill.network.joining import views

urlpatterns = [
    path("nettverk/ny-organisasjon/", views.organisation_new, name="organisation-new"),
    path(
        "nettverk/ny-organisasjon/<slug:slug>/",
        views.organisation_pending,
        name="organisation-pending",
    ),
    path("nettverk/invitasjon/<str:token>/", views.invitation, name="invitation"),
    path("nettverk/<slug:slug>/bli-med/", views.join, name="join"),
    path("nettverk/<slug:slug>/foresporsler/", views.join_requests, name="join-requests"),
    path(
        "nettverk/<slug:slug>/foresporsler/<int:pk>/",
        views.join_request_decide,
        name="join-request-decide",
    ),
    path("nettverk/<slug:slug>/inviter/", views.invite, name="invite"),
]
