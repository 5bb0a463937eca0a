"""Editor screens of projects in the Wagtail admin, and the audit log's action codes.

The "Projects" menu holds programmes (with their themes), projects (with their funding, milestones,
results, videos and documents), input from events, ideas and the queue of reported comments.

Who sees what (`projects.permissions`): hub admins everything; the admins and editors of a
programme's secretariat run that programme, all its projects, its input and its ideas; the admins
and editors of an organisation edit the projects it leads. Only hub admins create and delete
programmes. Every save goes through `projects.services` (the input from events, which has no
service, is saved by Wagtail's generic views and logged by them).
"""

import datetime

from django import forms
from django.db.models import Count, ProtectedError, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.views.generic import usage
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from samspill.core.errors import SamspillError
from samspill.core.nplusone import ignore_n_plus_one
from samspill.core.permissions import editable_organisation_ids, is_hub_admin
from samspill.core.wagtail_hooks import ScopedHistoryView, ServiceErrorMixin
from samspill.projects import admin_views, permissions, services
from samspill.projects.forms_admin import (
    EventInputAdminForm,
    ProgrammeAdminForm,
    ProjectAdminForm,
    moderated_programmes,
    usable_programmes,
)
from samspill.projects.models import (
    RICH_FEATURES,
    EventInput,
    Idea,
    Programme,
    Project,
    Theme,
)

LOG_ACTIONS = [
    ("projects.programme.created", _("Programme created")),
    ("projects.programme.updated", _("Programme updated")),
    ("projects.programme.deleted", _("Programme deleted")),
    ("projects.input.created", _("Input from an event linked")),
    ("projects.input.updated", _("Input from an event changed")),
    ("projects.input.deleted", _("Input from an event unlinked")),
    ("projects.project.created", _("Project created")),
    ("projects.project.updated", _("Project updated")),
    ("projects.project.deleted", _("Project deleted")),
    ("projects.idea.proposed", _("Idea proposed")),
    ("projects.idea.updated", _("Idea updated")),
    ("projects.idea.status_changed", _("Idea status changed")),
    ("projects.idea.hidden", _("Idea hidden")),
    ("projects.idea.shown", _("Idea shown again")),
    ("projects.comment.added", _("Comment added")),
    ("projects.comment.hidden", _("Comment hidden")),
    ("projects.comment.kept", _("Comment kept")),
]


@hooks.register("register_log_actions")
def register_projects_log_actions(actions):
    for code, label in LOG_ACTIONS:
        actions.register_action(code, label, label)


# --- Permission policies --------------------------------------------------------------------------


runs_a_programme = admin_views.runs_a_programme


class ProgrammePermissionPolicy(ModelPermissionPolicy):
    """Hub admins create, change and delete programmes; a secretariat's editors change theirs."""

    def user_has_permission(self, user, action):
        if action in {"change", "view"}:
            return runs_a_programme(user)
        return is_hub_admin(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in {"change", "view"}:
            return permissions.may_moderate(user, instance)
        return is_hub_admin(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not set(actions) & {"change", "view", "delete"}:
            return Programme.objects.none()
        if is_hub_admin(user):
            return Programme.objects.all()
        if not set(actions) & {"change", "view"}:
            return Programme.objects.none()
        return moderated_programmes(user)


def editable_projects(user, queryset=None):
    """The projects the user edits (`permissions.may_edit_project`)."""
    queryset = Project.objects.all() if queryset is None else queryset
    ids = editable_organisation_ids(user)
    if ids is None:
        return queryset
    if not ids:
        return queryset.none()
    return queryset.filter(Q(lead_organisation_id__in=ids) | Q(programme__secretariat_id__in=ids))


class ProjectPermissionPolicy(ModelPermissionPolicy):
    """Hub admins run every project; editors create projects and edit those their organisation
    leads or whose programme's secretariat they belong to."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete", "view"}:
            return permissions.may_create_project(user)
        return is_hub_admin(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in {"change", "delete", "view"}:
            return permissions.may_edit_project(user, instance)
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if not set(actions) & {"change", "delete", "view"}:
            return Project.objects.none()
        return editable_projects(user)


class EventInputPermissionPolicy(ModelPermissionPolicy):
    """The input of a programme is looked after by those who run the programme."""

    def user_has_permission(self, user, action):
        return runs_a_programme(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return permissions.may_moderate_programme(user, instance.programme_id)

    def instances_user_has_any_permission_for(self, user, actions):
        return EventInput.objects.filter(programme__in=moderated_programmes(user))


class IdeaPermissionPolicy(ModelPermissionPolicy):
    """Ideas are proposed on the site; here those who run the programme moderate them. Nobody
    adds or deletes ideas in the admin (an editor hides an idea instead)."""

    def user_has_permission(self, user, action):
        if action in {"change", "view"}:
            return runs_a_programme(user)
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        if action in {"change", "view"}:
            return permissions.may_moderate_programme(user, instance.programme_id)
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        if not set(actions) & {"change", "view"}:
            return Idea.objects.none()
        return Idea.objects.filter(programme__in=moderated_programmes(user))


register_permission_policy(Programme, ProgrammePermissionPolicy(Programme))
register_permission_policy(Project, ProjectPermissionPolicy(Project))
register_permission_policy(EventInput, EventInputPermissionPolicy(EventInput))
register_permission_policy(Idea, IdeaPermissionPolicy(Idea))


class ScopedObjectMixin:
    """Edit and delete find only the objects the user may change (others get a 404)."""

    def get_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )


class ScopedDeleteMixin:
    def get_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["delete"]
        )


class ScopedUsageView(usage.UsageView):
    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )


def _day(value) -> str:
    """A date, or the day of a moment in the admin's time zone."""
    if not value:
        return "–"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return date_format(value, "SHORT_DATE_FORMAT")


def _period(obj) -> str:
    if not obj.starts_on and not obj.ends_on:
        return "–"
    return f"{_day(obj.starts_on)} – {_day(obj.ends_on) if obj.ends_on else ''}".strip()


def _yes_no(value) -> str:
    return _("Yes") if value else _("No")


# Django's inline formsets clean each existing row's hidden id with its own `queryset.get()`: one
# query per row on the form (a handful), which the N+1 detector takes for a loop. Document choosers
# read their document one by one in the same way.
INLINE_ROW_READS = [
    {"model": "projects.Theme", "field": "get()"},
    {"model": "projects.Funding", "field": "get()"},
    {"model": "projects.Milestone", "field": "get()"},
    {"model": "projects.Result", "field": "get()"},
    {"model": "projects.Video", "field": "get()"},
    {"model": "projects.ProjectDocument", "field": "get()"},
    {"model": "wagtaildocs.Document", "field": "get()"},
]


class InlineRowsMixin:
    def is_valid(self, form):
        with ignore_n_plus_one(INLINE_ROW_READS):
            return super().is_valid(form)


def _programme_choices(request):
    if request is None:
        return Programme.objects.none()
    return moderated_programmes(request.user).order_by("name")


def _project_programme_choices(request):
    if request is None:
        return Programme.objects.none()
    return usable_programmes(request.user).order_by("name")


class ThemeFilterField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.programme.name}: {obj.label}"


class ThemeFilter(ModelChoiceFilter):
    field_class = ThemeFilterField


def _theme_choices(request):
    if request is None:
        return Theme.objects.none()
    return (
        Theme.objects.filter(programme__in=usable_programmes(request.user))
        .select_related("programme")
        .order_by("programme__name", "sort_order", "pk")
    )


# --- Programmes -----------------------------------------------------------------------------------


class ProgrammeIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            self.permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["change"]
            )
            .select_related("secretariat")
            .annotate(project_count=Count("projects", distinct=True))
            .order_by("name")
        )


class ProgrammeFormMixin(InlineRowsMixin, ServiceErrorMixin):
    def save_instance(self):
        return services.programme_save(
            actor=self.request.user, programme=self.form.save(commit=False)
        )


class ProgrammeCreateView(ProgrammeFormMixin, generic.CreateView):
    """A new programme with its themes, through `services.programme_save`."""


class ProgrammeEditView(ProgrammeFormMixin, ScopedObjectMixin, generic.EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("View on the site"),
                url=self.object.get_absolute_url(),
                icon_name="view",
                priority=3,
            )
        )
        return buttons


class ProgrammeDeleteView(ScopedDeleteMixin, generic.DeleteView):
    """A programme with projects is not deleted (the projects protect it)."""

    def delete_action(self):
        services.programme_delete(actor=self.request.user, programme=self.object)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (SamspillError, ProtectedError):
            messages.error(
                self.request,
                _("This programme has projects and cannot be deleted. Unpublish it instead."),
            )
            return redirect(reverse("programme_admin:edit", args=[self.object.pk]))


PROGRAMME_PANELS = TabbedInterface(
    [
        ObjectList(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("lead"),
                FieldPanel("vision"),
                FieldPanel("body", widget=DraftailRichTextArea(features=RICH_FEATURES)),
                FieldRowPanel(
                    [FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Period")
                ),
                FieldPanel("municipalities"),
                FieldPanel("secretariat"),
                FieldPanel("secretariat_contact"),
                FieldPanel("is_published"),
            ],
            heading=_("Programme"),
        ),
        ObjectList(
            [
                InlinePanel(
                    "themes",
                    panels=[
                        FieldPanel("name_nb"),
                        FieldRowPanel([FieldPanel("name_da"), FieldPanel("name_en")]),
                        FieldPanel("slug"),
                        FieldPanel("description", widget=forms.Textarea(attrs={"rows": 3})),
                    ],
                    heading=_("Themes"),
                    label=_("Theme"),
                    help_text=_(
                        "The programme's headings, in the order readers see them. Removing a "
                        "theme takes it off the projects and ideas that had it."
                    ),
                ),
            ],
            heading=_("Themes"),
        ),
    ],
    base_form_class=ProgrammeAdminForm,
)


class ProgrammeViewSet(ModelViewSet):
    model = Programme
    icon = "globe"
    menu_label = _("Programmes")
    menu_order = 100
    add_to_admin_menu = False
    url_prefix = "programmes"
    url_namespace = "programme_admin"
    index_view_class = ProgrammeIndexView
    add_view_class = ProgrammeCreateView
    edit_view_class = ProgrammeEditView
    delete_view_class = ProgrammeDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    list_display = [
        "name",
        Column("secretariat", label=_("Secretariat"), sort_key="secretariat__name"),
        Column("period", label=_("Period"), accessor=_period, sort_key="starts_on"),
        Column("project_count", label=_("Projects"), sort_key="project_count"),
        Column(
            "is_published",
            label=_("Published"),
            accessor=lambda p: _yes_no(p.is_published),
            sort_key="is_published",
        ),
    ]
    search_fields = ["name"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = PROGRAMME_PANELS


# --- Projects -------------------------------------------------------------------------------------


class ProjectFilterSet(WagtailFilterSet):
    programme = ModelChoiceFilter(label=_("Programme"), queryset=_project_programme_choices)
    themes = ThemeFilter(label=_("Theme"), queryset=_theme_choices)

    class Meta:
        model = Project
        fields = ["programme", "status", "themes"]


class ProjectIndexView(generic.IndexView):
    default_ordering = "-starts_on"

    def get_base_queryset(self):
        return (
            editable_projects(self.request.user)
            .select_related("programme", "lead_organisation")
            .order_by("-starts_on", "title")
        )


class ProjectFormMixin(InlineRowsMixin, ServiceErrorMixin):
    def save_instance(self):
        return services.project_save(actor=self.request.user, project=self.form.save(commit=False))


class ProjectCreateView(ProjectFormMixin, generic.CreateView):
    """A new project with its inline rows, through `services.project_save`."""


class ProjectEditView(ProjectFormMixin, ScopedObjectMixin, generic.EditView):
    def get_queryset(self):
        return super().get_queryset().select_related("programme")

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("View on the site"),
                url=self.object.get_absolute_url(),
                icon_name="view",
                priority=3,
            )
        )
        return buttons


class ProjectDeleteView(ScopedDeleteMixin, generic.DeleteView):
    def delete_action(self):
        services.project_delete(actor=self.request.user, project=self.object)


PROJECT_PANELS = TabbedInterface(
    [
        ObjectList(
            [
                FieldPanel("programme"),
                FieldPanel("title"),
                FieldPanel("slug"),
                FieldPanel("summary"),
                FieldPanel("body", widget=DraftailRichTextArea(features=RICH_FEATURES)),
                FieldPanel("themes"),
                FieldRowPanel([FieldPanel("status"), FieldPanel("is_published")]),
                FieldRowPanel(
                    [FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Period")
                ),
            ],
            heading=_("Basics"),
        ),
        ObjectList(
            [
                FieldPanel("lead_organisation"),
                FieldPanel("partners"),
                FieldPanel("municipalities"),
                FieldPanel("participants"),
            ],
            heading=_("People and places"),
        ),
        ObjectList(
            [
                InlinePanel(
                    "funding",
                    panels=[
                        FieldPanel("source"),
                        FieldPanel("organisation"),
                        FieldRowPanel([FieldPanel("amount"), FieldPanel("currency")]),
                    ],
                    heading=_("Funding"),
                    label=_("Funding source"),
                ),
                InlinePanel(
                    "milestones",
                    panels=[
                        FieldPanel("title"),
                        FieldRowPanel([FieldPanel("due_on"), FieldPanel("progress")]),
                    ],
                    heading=_("Milestones"),
                    label=_("Milestone"),
                    help_text=_("Progress in per cent: 100 means done."),
                ),
                InlinePanel(
                    "results",
                    panels=[
                        FieldPanel("title"),
                        FieldPanel("description", widget=forms.Textarea(attrs={"rows": 3})),
                        FieldRowPanel([FieldPanel("figure"), FieldPanel("unit")]),
                    ],
                    heading=_("Results"),
                    label=_("Result"),
                ),
            ],
            heading=_("Funding and progress"),
        ),
        ObjectList(
            [
                InlinePanel(
                    "videos",
                    panels=[FieldPanel("title"), FieldPanel("url")],
                    heading=_("Videos"),
                    label=_("Video"),
                    help_text=_(
                        "YouTube or Vimeo. Readers load a video only when they ask for it."
                    ),
                ),
                InlinePanel(
                    "documents",
                    panels=[FieldPanel("document"), FieldPanel("title")],
                    heading=_("Documents"),
                    label=_("Document"),
                ),
                FieldPanel("related_events"),
                FieldPanel("related_surveys"),
            ],
            heading=_("Media and links"),
        ),
    ],
    base_form_class=ProjectAdminForm,
)


class ProjectViewSet(ModelViewSet):
    model = Project
    icon = "list-ul"
    menu_label = _("Projects")
    menu_order = 110
    add_to_admin_menu = False
    url_prefix = "projects"
    url_namespace = "project_admin"
    index_view_class = ProjectIndexView
    add_view_class = ProjectCreateView
    edit_view_class = ProjectEditView
    delete_view_class = ProjectDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    filterset_class = ProjectFilterSet
    list_display = [
        "title",
        Column("programme", label=_("Programme"), sort_key="programme__name"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("period", label=_("Period"), accessor=_period, sort_key="starts_on"),
        Column(
            "lead_organisation",
            label=_("Lead organisation"),
            sort_key="lead_organisation__name",
        ),
    ]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = PROJECT_PANELS


# --- Input from events ----------------------------------------------------------------------------


class EventInputIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            self.permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["change"]
            )
            .select_related("programme", "event", "survey")
            .order_by("-event__starts_at", "-pk")
        )


class EventInputCreateView(ServiceErrorMixin, generic.CreateView):
    def save_instance(self):
        return services.event_input_save(
            actor=self.request.user, event_input=self.form.save(commit=False)
        )


class EventInputEditView(ServiceErrorMixin, ScopedObjectMixin, generic.EditView):
    def save_instance(self):
        return services.event_input_save(
            actor=self.request.user, event_input=self.form.save(commit=False)
        )


class EventInputDeleteView(ScopedObjectMixin, generic.DeleteView):
    def delete_action(self):
        services.event_input_delete(actor=self.request.user, event_input=self.object)


class EventInputFilterSet(WagtailFilterSet):
    programme = ModelChoiceFilter(label=_("Programme"), queryset=_programme_choices)

    class Meta:
        model = EventInput
        fields = ["programme"]


class EventInputViewSet(ModelViewSet):
    model = EventInput
    icon = "comment"
    menu_label = _("Input from events")
    menu_order = 120
    add_to_admin_menu = False
    url_prefix = "event-input"
    url_namespace = "eventinput_admin"
    index_view_class = EventInputIndexView
    add_view_class = EventInputCreateView
    edit_view_class = EventInputEditView
    delete_view_class = EventInputDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    filterset_class = EventInputFilterSet
    list_display = [
        Column("event", label=_("Workshop or network meeting"), sort_key="event__starts_at"),
        Column("programme", label=_("Programme"), sort_key="programme__name"),
        Column("survey", label=_("Survey")),
        "note",
    ]
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("programme"), FieldPanel("event"), FieldPanel("survey"), FieldPanel("note")],
        base_form_class=EventInputAdminForm,
    )


# --- Ideas ----------------------------------------------------------------------------------------


class IdeaFilterSet(WagtailFilterSet):
    programme = ModelChoiceFilter(label=_("Programme"), queryset=_programme_choices)

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
    add_to_admin_menu = False
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
            accessor=lambda i: _day(i.created_at),
            sort_key="created_at",
        ),
        Column(
            "is_hidden",
            label=_("Hidden"),
            accessor=lambda i: _yes_no(i.is_hidden),
            sort_key="is_hidden",
        ),
    ]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["title"]  # unused: the idea screen is not a model form

    def get_edit_view_kwargs(self, **kwargs):
        return {"template_name": "projects/admin/idea.html", **kwargs}

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
    add_to_admin_menu = False
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


class ProjectsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Projects")
    menu_icon = "list-ul"
    menu_order = 230
    items = (
        ProgrammeViewSet("programmes"),
        ProjectViewSet("projects"),
        EventInputViewSet("event_input"),
        IdeaViewSet("ideas"),
        CommentReportsViewSet("comment_reports"),
    )


@hooks.register("register_admin_viewset")
def register_projects_viewsets():
    return ProjectsViewSetGroup()
