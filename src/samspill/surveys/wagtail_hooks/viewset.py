"""The "Surveys" menu: the list, the builder, history and usage, and each survey's invitations."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from samspill.core.wagtail_hooks import ScopedHistoryView
from samspill.surveys.models import Survey
from samspill.surveys.wagtail_hooks import invitations, links
from samspill.surveys.wagtail_hooks.editing import (
    SurveyCreateView,
    SurveyDeleteView,
    SurveyEditView,
)
from samspill.surveys.wagtail_hooks.listing import SURVEY_COLUMNS, SurveyIndexView
from samspill.surveys.wagtail_hooks.panels import SURVEY_PANELS
from samspill.surveys.wagtail_hooks.policy import ScopedUsageView


class SurveyViewSet(ModelViewSet):
    model = Survey
    icon = "form"
    menu_label = _("Surveys")
    menu_order = 220
    add_to_admin_menu = True
    url_prefix = "surveys"
    url_namespace = links.URL_NAMESPACE
    index_view_class = SurveyIndexView
    add_view_class = SurveyCreateView
    edit_view_class = SurveyEditView
    delete_view_class = SurveyDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    list_display = SURVEY_COLUMNS
    list_filter = ["mode", "is_published"]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = SURVEY_PANELS
    edit_template_name = "surveys/admin/survey_edit.html"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "invitations/<int:pk>/",
                invitations.InvitationsView.as_view(),
                name="invitations",
            ),
            path(
                "invitations/<int:pk>/links.csv",
                invitations.InvitationsCsvView.as_view(),
                name="invitations_csv",
            ),
        ]
