"""The surveys' pages: the list, answering (`views`), and the results and exports
(`results/urls.py`)."""

from django.urls import path

from samspill.surveys import views
from samspill.surveys.results import urls as results_urls

app_name = "surveys"

urlpatterns = results_urls.urlpatterns + [
    path("sporreundersokelser/", views.survey_list, name="list"),
    path("sporreundersokelser/<slug:slug>/", views.survey_detail, name="detail"),
    path("sporreundersokelser/<slug:slug>/takk/", views.survey_thanks, name="thanks"),
]
