"""The admin's list of surveys: state, responses (linking to the results), invitations."""

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.widgets.button import Button

from samspill.surveys import permissions, selectors
from samspill.surveys.models import Mode, Survey
from samspill.surveys.wagtail_hooks import links

STATE_LABELS = {
    "draft": _("Draft"),
    "not_open": _("Not open yet"),
    "open": _("Open"),
    "closed": _("Closed"),
}


def _moment(value) -> str:
    return date_format(value, "SHORT_DATETIME_FORMAT") if value else "–"


class ResponsesColumn(Column):
    """Submitted responses, linking to the results when the site has a results page."""

    def get_value(self, instance):
        count = instance.submitted_count
        url = links.results_url(instance)
        if url:
            return format_html('<a href="{}">{}</a>', url, count)
        return count


SURVEY_COLUMNS = [
    "title",
    Column("owner", label=_("Run by"), sort_key="owner__name"),
    Column("mode", label=_("Who answers"), accessor="get_mode_display", sort_key="mode"),
    Column(
        "opens_at", label=_("Opens"), accessor=lambda s: _moment(s.opens_at), sort_key="opens_at"
    ),
    Column(
        "closes_at",
        label=_("Closes"),
        accessor=lambda s: _moment(s.closes_at),
        sort_key="closes_at",
    ),
    Column("state", label=_("State"), accessor=lambda s: STATE_LABELS[s.state()]),
    ResponsesColumn("submitted_count", label=_("Responses"), sort_key="submitted_count"),
]


class SurveyIndexView(generic.IndexView):
    default_ordering = "-opens_at"

    def get_base_queryset(self):
        return selectors.surveys_with_counts(
            permissions.managed_surveys(self.request.user, Survey.objects.all())
        ).order_by("-opens_at", "-pk")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.mode == Mode.INVITATION:
            buttons.append(
                Button(
                    _("Invitations"),
                    url=links.admin_url("invitations", instance.pk),
                    icon_name="mail",
                    priority=11,
                )
            )
        results = links.results_url(instance)
        if results:
            buttons.append(Button(_("Results"), url=results, icon_name="view", priority=12))
        return buttons
