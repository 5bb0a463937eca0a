"""The list of surveys and answering them (see views)."""

from django.urls import path

from samspill.surveys import views

urlpatterns = [
    path("sporreundersokelser/", views.survey_list, name="list"),
    path("sporreundersokelser/<slug:slug>/", views.survey_detail, name="detail"),
    path("sporreundersokelser/<slug:slug>/takk/", views.survey_thanks, name="thanks"),
]
