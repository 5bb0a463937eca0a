"""Ideas' pages (bokmål paths, under the language prefix; namespace `ideas`)."""

from django.urls import path

from samspill.ideas import views

app_name = "ideas"

urlpatterns = [
    path("ideer/", views.idea_list, name="idea-list"),
    path("ideer/ny/", views.idea_new, name="idea-new"),
    path("ideer/<int:pk>/", views.idea_detail, name="idea"),
    path("ideer/<int:pk>/endre/", views.idea_edit, name="idea-edit"),
    path("ideer/<int:pk>/stott/", views.idea_support, name="idea-support"),
    path("ideer/<int:pk>/folg/", views.idea_follow, name="idea-follow"),
    path("ideer/<int:pk>/kommenter/", views.idea_comment, name="idea-comment"),
    path("ideer/kommentarer/<int:pk>/rapporter/", views.comment_report, name="comment-report"),
    path("ideer/kommentarer/<int:pk>/slett/", views.comment_delete, name="comment-delete"),
]
