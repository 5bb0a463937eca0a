"""The admin's "Emails" report (Reports menu, hub admins only): per kind of email, how many were
sent, failed, bounced, were unsubscribed from and skipped (opted out) in the last 30 days, read
from the EmailLog in one aggregate query."""

from django.urls import path
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from samspill.core import mail
from samspill.core.admin.jobs import HubAdminOnlyMixin, _HubAdminMenuItem

EMAILS = "email_report"


class EmailReportView(HubAdminOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/email_report.html"
    page_title = gettext_lazy("Emails")
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = mail.email_report()
        context["rows"] = rows
        context["days"] = mail.EMAIL_LOG_DAYS
        context["totals"] = {
            status: sum(row[status] for row in rows) for status in mail.EMAIL_STATUSES
        }
        return context


class EmailReportViewSet(ViewSet):
    icon = "mail"
    menu_label = gettext_lazy("Emails")
    menu_order = 950
    add_to_reports_menu = True
    menu_item_class = _HubAdminMenuItem

    def get_urlpatterns(self):
        return [path("", EmailReportView.as_view(), name="index")]
