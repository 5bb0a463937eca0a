"""The admin's list of surveys and the builder's create, edit and delete screens; every write
goes through `surveys.services` (one transaction and an audit entry each)."""

from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.widgets.button import Button, HeaderButton

from samspill.core.admin.views import ScopedObjectMixin, ServiceErrorMixin, ViewOnSiteMixin
from samspill.core.nplusone import ignore_n_plus_one
from samspill.surveys import permissions, selectors, services
from samspill.surveys.admin import screens
from samspill.surveys.models import Mode, Survey

# --- The list -------------------------------------------------------------------------------------


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
        url = screens.results_url(instance)
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
                    url=screens.admin_url("invitations", instance.pk),
                    icon_name="mail",
                    priority=11,
                )
            )
        results = screens.results_url(instance)
        if results:
            buttons.append(Button(_("Results"), url=results, icon_name="view", priority=12))
        return buttons


# --- The builder ----------------------------------------------------------------------------------


# Django's inline formsets clean each existing row's hidden id with its own `queryset.get()`: one
# query per question on the form, which the N+1 detector takes for a loop.
INLINE_ROW_READS = [{"model": "surveys.Question", "field": "get()"}]


class SurveyFormMixin(ServiceErrorMixin):
    """Validate the survey with its questions and hand both to the service (one transaction, the
    audit entry). A question that got answers since the form was checked stops the save (no 500)."""

    def is_valid(self, form):
        with ignore_n_plus_one(INLINE_ROW_READS):
            return super().is_valid(form)

    def save_instance(self):
        form = self.form
        survey = form.save(commit=False)  # with its questions in memory, in the editors' order
        # Saving the question rows reads each one again (modelcluster), like validating them.
        with ignore_n_plus_one(INLINE_ROW_READS):
            return services.survey_save(
                actor=self.request.user, survey=survey, audiences=form.cleaned_data.get("audiences")
            )

    def get_success_url(self):
        return screens.admin_url("edit", self.object.pk)


class SurveyCreateView(SurveyFormMixin, generic.CreateView):
    """A new survey with its audiences, through `services.survey_save`."""


class SurveyEditView(SurveyFormMixin, ViewOnSiteMixin, ScopedObjectMixin, generic.EditView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["survey"] = self.object
        context["survey_screens"] = screens.survey_screens(self.object, "edit")
        return context

    @property
    def header_buttons(self):
        buttons = []
        if self.object.mode == Mode.INVITATION:
            buttons.append(
                HeaderButton(
                    _("Invitations"),
                    url=screens.admin_url("invitations", self.object.pk),
                    icon_name="mail",
                )
            )
        results = screens.results_url(self.object)
        if results:
            buttons.append(HeaderButton(_("Results"), url=results, icon_name="view"))
        return buttons

    def public_url(self):
        return screens.public_url(self.object) if self.object.is_published else None


class SurveyDeleteView(ScopedObjectMixin, generic.DeleteView):
    """A survey with submitted responses is not deleted: its answers would go with it."""

    def _refusal(self):
        count = selectors.submitted_count(self.object)
        if not count:
            return None
        messages.error(
            self.request,
            ngettext(
                "“%(title)s” has %(count)s submitted response and cannot be deleted. Close or "
                "unpublish it instead.",
                "“%(title)s” has %(count)s submitted responses and cannot be deleted. Close or "
                "unpublish it instead.",
                count,
            )
            % {"title": self.object.title, "count": count},
        )
        return redirect(screens.admin_url("edit", self.object.pk))

    def get(self, request, *args, **kwargs):
        return self._refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refusal() or super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.SurveyHasResponses as error:
            messages.error(self.request, str(error.message))
            return redirect(screens.admin_url("edit", self.object.pk))

    def delete_action(self):
        services.survey_delete(actor=self.request.user, survey=self.object)
