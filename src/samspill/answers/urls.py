from django.urls import path

from samspill.answers import views

app_name = "answers"

urlpatterns = [
    path("sok/", views.search_page, name="search"),
    path("sporsmal/", views.ask, name="ask"),
    path("sporsmal/tilbakemelding/", views.feedback, name="feedback"),
]
