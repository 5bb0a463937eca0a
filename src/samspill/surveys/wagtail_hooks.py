"""Editor screens for surveys in the Wagtail admin: the survey builder.

The "Surveys" menu lists the surveys the user runs: hub admins all of them, an organisation's
admins and editors those their organisations own (`surveys.permissions`). The builder edits a
survey with its ordered questions (an inline panel); an edit that would orphan answers is refused
as a whole (`forms_admin.SurveyAdminForm`), and so is deleting a survey that has responses. A
survey in invitation mode has its invitations screen next to its edit form (`admin_views`).
"""

from django import forms
from django.db import transaction
from django.db.models import Count, ProtectedError, Q
from django.shortcuts import redirect
from django.urls import path
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.views.generic import usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from samspill.core.admin.views import ScopedHistoryView
from samspill.core.errors import InvalidInput, SamspillError
from samspill.core.nplusone import ignore_n_plus_one
from samspill.core.permissions import is_hub_admin
from samspill.core.services import audit_log
from samspill.surveys import admin_views, permissions
from samspill.surveys.forms_admin import SurveyAdminForm
from samspill.surveys.models import Answer, Mode, ResponseStatus, Survey

LOG_ACTIONS = [
    ("surveys.survey.created", _("Survey created")),
    ("surveys.survey.updated", _("Survey updated")),
    ("surveys.survey.deleted", _("Survey deleted")),
    ("surveys.answer.hidden", _("Free-text answer hidden")),
    ("surveys.answer.shown", _("Free-text answer shown again")),
    ("surveys.invitations.created", _("Survey invitations created")),
    ("surveys.results.exported", _("Survey responses exported")),
]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for code, label in LOG_ACTIONS:
        actions.register_action(code, label, label)


# --- Permission policy ----------------------------------------------------------------------------


class SurveyPermissionPolicy(ModelPermissionPolicy):
    """Hub admins run every survey; admins and editors of an organisation create surveys for it
    and run those it owns; everyone else nothing."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete", "view"}:
            return permissions.can_create_survey(user)
        return is_hub_admin(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in {"change", "delete", "view"}:
            return permissions.can_manage_survey(user, instance)
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if not set(actions) & {"change", "delete", "view"}:
            return Survey.objects.none()
        if not permissions.can_create_survey(user):
            return Survey.objects.none()
        return permissions.managed_surveys(user, Survey.objects.all())


register_permission_policy(Survey, SurveyPermissionPolicy(Survey))


class ScopedObjectMixin:
    """Edit and delete find only the surveys the user may change (others get a 404)."""

    def get_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )


class ScopedUsageView(usage.UsageView):
    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )


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
        url = admin_views.results_url(instance)
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


def surveys_with_counts(queryset):
    """The surveys with their owner and `submitted_count`, in one query."""
    return queryset.select_related("owner").annotate(
        submitted_count=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED))
    )


class SurveyIndexView(generic.IndexView):
    default_ordering = "-opens_at"

    def get_base_queryset(self):
        return surveys_with_counts(
            permissions.managed_surveys(self.request.user, Survey.objects.all())
        ).order_by("-opens_at", "-pk")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.mode == Mode.INVITATION:
            buttons.append(
                Button(
                    _("Invitations"),
                    url=admin_views.admin_url("invitations", instance.pk),
                    icon_name="mail",
                    priority=11,
                )
            )
        results = admin_views.results_url(instance)
        if results:
            buttons.append(Button(_("Results"), url=results, icon_name="view", priority=12))
        return buttons


# --- The builder ----------------------------------------------------------------------------------


# Django's inline formsets clean each existing row's hidden id with its own `queryset.get()`: one
# query per question on the form, which the N+1 detector takes for a loop.
INLINE_ROW_READS = [{"model": "surveys.Question", "field": "get()"}]


class SurveyFormMixin:
    """Validate the survey with its questions, save both in one transaction, and write the audit
    entry. A question that got answers since the form was checked stops the save (no 500)."""

    audit_action = ""

    def is_valid(self, form):
        with ignore_n_plus_one(INLINE_ROW_READS):
            return super().is_valid(form)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except SamspillError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
            # What Wagtail's views set when validation fails (their form_invalid reads it).
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_instance(self):
        try:
            # Saving the question rows reads each one again (modelcluster), like validating them.
            with transaction.atomic(), ignore_n_plus_one(INLINE_ROW_READS):
                survey = self.form.save()
        except ProtectedError as error:
            raise InvalidInput(
                _("A question you removed has answers now. Reload the survey and try again.")
            ) from error
        audit_log(
            actor=self.request.user,
            action=self.audit_action,
            target=survey,
            data={"title": survey.title, "questions": survey.questions.count()},
        )
        return survey

    def get_success_url(self):
        return admin_views.admin_url("edit", self.object.pk)


class SurveyCreateView(SurveyFormMixin, generic.CreateView):
    audit_action = "surveys.survey.created"


class SurveyEditView(SurveyFormMixin, ScopedObjectMixin, generic.EditView):
    audit_action = "surveys.survey.updated"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["survey"] = self.object
        context["survey_screens"] = admin_views.survey_screens(self.object, "edit")
        return context

    @property
    def header_buttons(self):
        buttons = []
        if self.object.mode == Mode.INVITATION:
            buttons.append(
                HeaderButton(
                    _("Invitations"),
                    url=admin_views.admin_url("invitations", self.object.pk),
                    icon_name="mail",
                )
            )
        results = admin_views.results_url(self.object)
        if results:
            buttons.append(HeaderButton(_("Results"), url=results, icon_name="view"))
        return buttons

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        url = admin_views.public_url(self.object)
        if url and self.object.is_published:
            buttons.append(Button(_("View on the site"), url=url, icon_name="view", priority=3))
        return buttons


class SurveyDeleteView(ScopedObjectMixin, generic.DeleteView):
    """A survey with submitted responses is not deleted: its answers would go with it."""

    def _refusal(self):
        count = self.object.responses.filter(status=ResponseStatus.SUBMITTED).count()
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
        return redirect(admin_views.admin_url("edit", self.object.pk))

    def get(self, request, *args, **kwargs):
        return self._refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refusal() or super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, _("This survey has answers now and cannot be deleted."))
            return redirect(admin_views.admin_url("edit", self.object.pk))

    def delete_action(self):
        """Drafts go with the survey (their answers first: an answer protects its question);
        a response submitted meanwhile stops the deletion."""
        survey = self.object
        with transaction.atomic():
            if survey.responses.filter(status=ResponseStatus.SUBMITTED).exists():
                raise ProtectedError("The survey has submitted responses.", set())
            Answer.objects.filter(response__survey=survey).delete()
            survey.responses.all().delete()
            audit_log(
                actor=self.request.user,
                action="surveys.survey.deleted",
                target=survey,
                data={"title": survey.title},
            )
            survey.delete()


QUESTION_PANELS = [
    FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
    FieldPanel("text"),
    FieldPanel("help_text", widget=forms.Textarea(attrs={"rows": 2})),
    FieldPanel("options", widget=forms.Textarea(attrs={"rows": 4})),
    FieldPanel("allow_other"),
    FieldRowPanel([FieldPanel("scale_max"), FieldPanel("low_label"), FieldPanel("high_label")]),
    FieldRowPanel([FieldPanel("min_value"), FieldPanel("max_value")]),
    FieldPanel("municipality_country"),
    FieldRowPanel([FieldPanel("show_if_question"), FieldPanel("show_if_value")]),
]

SURVEY_PANELS = TabbedInterface(
    [
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldPanel("title"),
                        FieldPanel("slug"),
                        FieldPanel("introduction"),
                        FieldPanel("owner"),
                        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                        FieldPanel("language"),
                    ],
                    heading=_("Survey"),
                ),
                MultiFieldPanel(
                    [
                        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                        FieldPanel("mode"),
                        FieldPanel("one_response"),
                        FieldPanel("results_public"),
                        FieldPanel("is_published"),
                    ],
                    heading=_("Answering"),
                ),
            ],
            heading=_("Survey"),
        ),
        ObjectList(
            [
                InlinePanel(
                    "questions",
                    panels=QUESTION_PANELS,
                    heading=_("Questions"),
                    label=_("Question"),
                    help_text=_(
                        "In the order respondents see them. A “section break” starts a new page "
                        "with its own title and introduction. A question, option or scale that "
                        "has answers cannot be removed."
                    ),
                ),
            ],
            heading=_("Questions"),
        ),
    ],
    base_form_class=SurveyAdminForm,
)


class SurveyViewSet(ModelViewSet):
    model = Survey
    icon = "form"
    menu_label = _("Surveys")
    menu_order = 220
    add_to_admin_menu = True
    url_prefix = "surveys"
    url_namespace = admin_views.URL_NAMESPACE
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
                admin_views.InvitationsView.as_view(),
                name="invitations",
            ),
            path(
                "invitations/<int:pk>/links.csv",
                admin_views.InvitationsCsvView.as_view(),
                name="invitations_csv",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_surveys_viewset():
    return SurveyViewSet("surveys")
