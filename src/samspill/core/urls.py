from django.urls import path

from samspill.core import unsubscribe, views

app_name = "core"

urlpatterns = [
    path("organisasjoner/", views.organisation_list, name="organisation-list"),
    path("organisasjoner/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("konto/profil/", views.profile, name="profile"),
    path("konto/mine-data/", views.my_data, name="my-data"),
    path("konto/mine-data/last-ned/", views.my_data_download, name="my-data-download"),
    path("konto/slett/", views.account_delete, name="account-delete"),
    path("e-post/avmeld/<str:token>/", unsubscribe.unsubscribe, name="unsubscribe"),
]
