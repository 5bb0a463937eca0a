from django.urls import path

from samspill.events import views

app_name = "events"

urlpatterns = [
    path("arrangementer/", views.event_list, name="list"),
    path("arrangementer/arkiv/<int:year>/", views.event_archive, name="archive"),
    path("arrangementer/<int:pk>/", views.event_detail, name="detail-short"),
    path("arrangementer/<int:pk>/<slug:slug>/", views.event_detail, name="detail"),
    path("arrangementer/<int:pk>/<slug:slug>/pamelding/", views.register, name="register"),
    path("arrangementer/pamelding/<str:token>/", views.registration, name="registration"),
    # The confirmation secret of a guest's email (only in the email): a token of its own.
    path(
        "arrangementer/bekreft/<str:token>/",
        views.registration_confirm,
        name="registration-confirm",
    ),
    path(
        "arrangementer/pamelding/<str:token>/avmeld/",
        views.registration_cancel,
        name="registration-cancel",
    ),
    path(
        "arrangementer/pamelding/<str:token>/innspill/",
        views.registration_agenda_input,
        name="registration-agenda",
    ),
    path(
        "arrangementer/pamelding/<str:token>/inviter/",
        views.registration_invite,
        name="registration-invite",
    ),
    path(
        "arrangementer/pamelding/<str:token>/kalender.ics",
        views.registration_ics,
        name="registration-ics",
    ),
    # Calendar files keep the paths calendar programs subscribe to.
    path("events/upcoming.ics", views.feed_ics, name="feed"),
    path("events/<int:pk>.ics", views.event_ics, name="ics"),
]
