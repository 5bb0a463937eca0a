"""The viewsets of the projects admin: programmes (with their themes), projects (with their
funding, milestones, results, videos and documents) and input from events, with their panels and
filters, under one "Projects" menu that other apps add to (`PROJECTS_MENU_HOOK`)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from samspill.core.admin.views import ScopedHistoryView, ScopedUsageView
from samspill.projects.admin import PROJECTS_MENU_HOOK
from samspill.projects.admin.forms import EventInputAdminForm, ProgrammeAdminForm, ProjectAdminForm
from samspill.projects.admin.views import (
    EventInputCreateView,
    EventInputDeleteView,
    EventInputEditView,
    EventInputIndexView,
    ProgrammeCreateView,
    ProgrammeDeleteView,
    ProgrammeEditView,
    ProgrammeIndexView,
    ProjectCreateView,
    ProjectDeleteView,
    ProjectEditView,
    ProjectIndexView,
    ThemeFilter,
    period,
    programme_choices,
    project_programme_choices,
    theme_choices,
    yes_no,
)
from samspill.projects.models import RICH_FEATURES, EventInput, Programme, Project

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
        Column("period", label=_("Period"), accessor=period, sort_key="starts_on"),
        Column("project_count", label=_("Projects"), sort_key="project_count"),
        Column(
            "is_published",
            label=_("Published"),
            accessor=lambda p: yes_no(p.is_published),
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
    programme = ModelChoiceFilter(label=_("Programme"), queryset=project_programme_choices)
    themes = ThemeFilter(label=_("Theme"), queryset=theme_choices)

    class Meta:
        model = Project
        fields = ["programme", "status", "themes"]


PROJECT_PANELS = TabbedInterface(
    [
        ObjectList(
            [
                FieldPanel("programme"),
                FieldPanel("title"),
                FieldPanel("slug"),
                FieldPanel("summary"),
                FieldPanel("body", widget=DraftailRichTextArea(features=RICH_FEATURES)),
                FieldPanel("image"),
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
        Column("period", label=_("Period"), accessor=period, sort_key="starts_on"),
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


class EventInputFilterSet(WagtailFilterSet):
    programme = ModelChoiceFilter(label=_("Programme"), queryset=programme_choices)

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


class ProjectsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Projects")
    menu_icon = "list-ul"
    menu_order = 230
    submenu_hook = PROJECTS_MENU_HOOK
    items = (
        ProgrammeViewSet("programmes"),
        ProjectViewSet("projects"),
        EventInputViewSet("event_input"),
    )
