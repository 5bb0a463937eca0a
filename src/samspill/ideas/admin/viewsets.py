"""The viewsets of the ideas admin, in the "Projects" menu: ideas (the list; each opens the
moderation screen of `admin.views`) and the queue of reported comments."""

from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from samspill.core.admin.views import ScopedHistoryView, ScopedUsageView
from samspill.ideas.admin import views as admin_views
from samspill.ideas.models import Idea
from samspill.projects.admin import PROJECTS_MENU_HOOK
from samspill.projects.admin.views import programme_choices, short_day, yes_no
from samspill.projects.permissions import moderated_programmes, runs_a_programme


class IdeaFilterSet(WagtailFilterSet):
    programme = ModelChoiceFilter(label=_("Programme"), queryset=programme_choices)

    class Meta:
        model = Idea
        fields = ["status", "programme", "is_hidden"]


class IdeaIndexView(generic.IndexView):
    default_ordering = "-created_at"

    def get_base_queryset(self):
        return (
            Idea.objects.filter(programme__in=moderated_programmes(self.request.user))
            .select_related("programme")
            .annotate(comment_count=Count("comments"))
            .order_by("-created_at", "-pk")
        )


class IdeaViewSet(ModelViewSet):
    model = Idea
    icon = "help"
    menu_label = _("Ideas")
    menu_order = 130
    menu_hook = PROJECTS_MENU_HOOK
    url_prefix = "ideas"
    url_namespace = admin_views.IDEA_NAMESPACE
    index_view_class = IdeaIndexView
    edit_view_class = admin_views.IdeaScreenView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    filterset_class = IdeaFilterSet
    list_display = [
        "title",
        Column("programme", label=_("Programme"), sort_key="programme__name"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("support_count", label=_("Supporters"), sort_key="support_count"),
        Column("comment_count", label=_("Comments"), sort_key="comment_count"),
        Column(
            "created_at",
            label=_("Proposed"),
            accessor=lambda i: short_day(i.created_at),
            sort_key="created_at",
        ),
        Column(
            "is_hidden",
            label=_("Hidden"),
            accessor=lambda i: yes_no(i.is_hidden),
            sort_key="is_hidden",
        ),
    ]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["title"]  # unused: the idea screen is not a model form

    def get_edit_view_kwargs(self, **kwargs):
        return {"template_name": "ideas/admin/idea.html", **kwargs}

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("hide/<int:pk>/", admin_views.IdeaHideView.as_view(), name="hide"),
        ]


# --- Reported comments ----------------------------------------------------------------------------


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return runs_a_programme(request.user)


class CommentReportsViewSet(ViewSet):
    icon = "warning"
    menu_label = _("Reported comments")
    menu_order = 140
    menu_hook = PROJECTS_MENU_HOOK
    menu_item_class = ReportsMenuItem
    url_prefix = "comment-reports"
    url_namespace = admin_views.REPORTS_NAMESPACE

    def get_urlpatterns(self):
        return [
            path("", admin_views.CommentReportsView.as_view(), name="index"),
            path(
                "moderate/<int:pk>/",
                admin_views.CommentModerateView.as_view(),
                name="moderate",
            ),
        ]
