"""The "Surveys" menu: the list, the builder, history and usage, and each survey's invitations."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from samspill.core.admin.views import ScopedHistoryView, ScopedUsageView
from samspill.surveys.admin import screens
from samspill.surveys.admin.panels import SURVEY_PANELS
from samspill.surveys.admin.views import (
    SURVEY_COLUMNS,
    SurveyCreateView,
    SurveyDeleteView,
    SurveyEditView,
    SurveyIndexView,
)
from samspill.surveys.models import Survey


class SurveyViewSet(ModelViewSet):
    model = Survey
    icon = "form"
    menu_label = _("Surveys")
    menu_order = 220
    add_to_admin_menu = True
    url_prefix = "surveys"
    url_namespace = screens.URL_NAMESPACE
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
                screens.InvitationsView.as_view(),
                name="invitations",
            ),
            path(
                "invitations/<int:pk>/send/",
                screens.MailingView.as_view(reminder=False),
                name="invitations_send",
            ),
            path(
                "invitations/<int:pk>/remind/",
                screens.MailingView.as_view(reminder=True),
                name="invitations_remind",
            ),
            path(
                "invitations/<int:pk>/links.csv",
                screens.InvitationsCsvView.as_view(),
                name="invitations_csv",
            ),
        ]
