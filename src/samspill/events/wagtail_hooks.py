"""Editor and organiser screens for events in the Wagtail admin.

The "Events" menu holds the events and the event series. Hub admins see and run every event; an
organisation's admins and editors see the events their organisations organise (and create new
ones for them), as `events.permissions` says. Each event has its organisers' screens next to its
edit form: participants (check-in, cancelling, exports), messages and agenda input
(`events.admin_views`). Every save goes through `events.services`.
"""

from django import forms
from django.conf import settings
from django.urls import path
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.views.generic import usage
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from samspill.core.models import EDITING_ROLES
from samspill.core.nplusone import ignore_n_plus_one
from samspill.core.permissions import editable_organisation_ids, is_hub_admin, roles_by_organisation
from samspill.core.wagtail_hooks import ScopedHistoryView, ServiceErrorMixin
from samspill.events import admin_views, permissions, services
from samspill.events.forms_admin import EventAdminForm, EventSeriesAdminForm
from samspill.events.models import Event, EventSeries

LOG_ACTIONS = [
    ("events.event.created", _("Event created")),
    ("events.event.updated", _("Event updated")),
    ("events.event.deleted", _("Event deleted")),
    ("events.registration.created", _("Registration created")),
    ("events.registration.email_confirmed", _("Registration email confirmed")),
    ("events.registration.promoted", _("Registration moved from the waiting list")),
    ("events.registration.cancelled", _("Registration cancelled")),
    ("events.registration.checked_in", _("Participant checked in")),
    ("events.registration.unchecked", _("Check-in undone")),
    ("events.agenda_input.created", _("Agenda input sent")),
    ("events.agenda_input.curated", _("Agenda input curated")),
    ("events.invitation.sent", _("Invitation sent")),
    ("events.message.sent", _("Message sent to participants")),
    ("events.participants.exported", _("Participant list exported")),
    ("events.series.created", _("Event series created")),
    ("events.series.updated", _("Event series updated")),
    ("events.series.deleted", _("Event series deleted")),
]


@hooks.register("register_log_actions")
def register_events_log_actions(actions):
    for code, label in LOG_ACTIONS:
        actions.register_action(code, label, label)


# --- Permission policies --------------------------------------------------------------------------


class EventPermissionPolicy(ModelPermissionPolicy):
    """Hub admins run every event; admins and editors of an organisation create events and run
    those their organisations organise."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete", "view"}:
            return permissions.can_create_event(user)
        return is_hub_admin(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in {"change", "delete", "view"}:
            return permissions.can_manage_event(user, instance)
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if not set(actions) & {"change", "delete", "view"}:
            return Event.objects.none()
        if not permissions.can_create_event(user):
            return Event.objects.none()
        return permissions.managed_events(user, Event.objects.all())


class EventSeriesPermissionPolicy(ModelPermissionPolicy):
    """A series belongs to one organisation; its admins and editors look after it."""

    def user_has_permission(self, user, action):
        return is_hub_admin(user) or bool(editable_organisation_ids(user))

    def user_has_permission_for_instance(self, user, action, instance):
        if is_hub_admin(user):
            return True
        return roles_by_organisation(user).get(instance.organisation_id) in EDITING_ROLES

    def instances_user_has_any_permission_for(self, user, actions):
        ids = editable_organisation_ids(user)
        if ids is None:
            return EventSeries.objects.all()
        return EventSeries.objects.filter(organisation_id__in=ids)


register_permission_policy(Event, EventPermissionPolicy(Event))
register_permission_policy(EventSeries, EventSeriesPermissionPolicy(EventSeries))


class ScopedObjectMixin:
    """Edit and delete find only the objects the user may change (others get a 404)."""

    def get_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )


class ScopedUsageView(usage.UsageView):
    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )


# --- Events ---------------------------------------------------------------------------------------


def _local_start(event) -> str:
    text = date_format(event.local_start, "SHORT_DATETIME_FORMAT")
    if event.time_zone != settings.TIME_ZONE:
        text = f"{text} ({event.time_zone})"
    return text


class ParticipantsColumn(Column):
    """Confirmed / capacity, linking to the participants screen (reachable without JavaScript)."""

    def get_value(self, instance):
        capacity = instance.capacity if instance.capacity is not None else "∞"
        return format_html(
            '<a href="{}">{} / {}</a>',
            admin_views.admin_url("participants", instance.pk),
            instance.confirmed_count,
            capacity,
        )


EVENT_COLUMNS = [
    "title",
    "kind",
    Column(
        "starts_at", label=_("Starts (local time)"), accessor=_local_start, sort_key="starts_at"
    ),
    "status",
    Column(
        "is_published",
        label=_("Published"),
        accessor=lambda e: _("Yes") if e.is_published else _("No"),
        sort_key="is_published",
    ),
    ParticipantsColumn("participants", label=_("Confirmed / capacity")),
    Column("waitlist_count", label=_("Waiting list")),
]


class EventIndexView(generic.IndexView):
    default_ordering = "-starts_at"

    def get_base_queryset(self):
        return permissions.managed_events(self.request.user, Event.objects.with_counts()).order_by(
            "-starts_at", "-pk"
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for label, name, icon, priority in (
            (_("Participants"), "participants", "group", 11),
            (_("Message the participants"), "messages", "mail", 12),
            (_("Agenda input"), "agenda", "comment", 13),
            (_("Download participants (Excel)"), "export_xlsx", "download", 14),
        ):
            buttons.append(
                Button(
                    label,
                    url=admin_views.admin_url(name, instance.pk),
                    icon_name=icon,
                    priority=priority,
                )
            )
        return buttons


# Django's inline formsets clean each existing row's hidden id with its own `queryset.get()`: one
# query per session or question on the form (a handful), which the N+1 detector takes for a loop.
INLINE_ROW_READS = [
    {"model": "events.EventSession", "field": "get()"},
    {"model": "events.RegistrationQuestion", "field": "get()"},
]


class EventFormMixin(ServiceErrorMixin):
    """Validate the form with its inline rows, and hand the event to the service."""

    def is_valid(self, form):
        with ignore_n_plus_one(INLINE_ROW_READS):
            return super().is_valid(form)

    def save_instance(self):
        return _save_event(self)

    def get_success_url(self):
        return admin_views.admin_url("edit", self.object.pk)


def _save_event(view):
    """Hand the form's event (with its sessions and questions in memory) to the service."""
    form = view.form
    event = form.save(commit=False)  # questions keep the order editors gave them (sort_order)
    return services.event_save(
        actor=view.request.user,
        event=event,
        organisers=form.cleaned_data.get("organisers"),
        audiences=form.cleaned_data.get("audiences"),
        topics=form.cleaned_data.get("topics"),
    )


class EventCreateView(EventFormMixin, generic.CreateView):
    pass


class EventEditView(EventFormMixin, ScopedObjectMixin, generic.EditView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.object
        context["event_screens"] = admin_views.event_screens(self.object, "edit")
        return context

    @property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Participants"),
                url=admin_views.admin_url("participants", self.object.pk),
                icon_name="group",
            )
        ]

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for label, url, icon, priority in (
            (
                _("Message the participants"),
                admin_views.admin_url("messages", self.object.pk),
                "mail",
                1,
            ),
            (_("Agenda input"), admin_views.admin_url("agenda", self.object.pk), "comment", 2),
            (_("View on the site"), self.object.get_absolute_url(), "view", 3),
        ):
            buttons.append(Button(label, url=url, icon_name=icon, priority=priority))
        return buttons


class EventDeleteView(ScopedObjectMixin, generic.DeleteView):
    def delete_action(self):
        services.event_delete(actor=self.request.user, event=self.object)


RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]

EVENT_PANELS = TabbedInterface(
    [
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldPanel("title"),
                        FieldPanel("slug"),
                        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                        FieldPanel("is_published"),
                        FieldPanel("series"),
                        FieldPanel("summary"),
                        FieldPanel(
                            "description", widget=DraftailRichTextArea(features=RICH_TEXT_FEATURES)
                        ),
                    ],
                    heading=_("Basics"),
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("organisers"),
                        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                        FieldPanel("language"),
                    ],
                    heading=_("Organisers and audience"),
                ),
            ],
            heading=_("Event"),
        ),
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                        FieldPanel("time_zone"),
                    ],
                    heading=_("Time"),
                ),
                InlinePanel(
                    "sessions",
                    panels=[
                        FieldPanel("title"),
                        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                    ],
                    heading=_("Sessions"),
                    label=_("Session"),
                    help_text=_(
                        "For courses and events over several days. Registration is for the "
                        "whole event."
                    ),
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("attendance_mode"),
                        FieldPanel("venue_name"),
                        FieldPanel("street_address"),
                        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")]),
                        FieldPanel("municipality"),
                        FieldRowPanel([FieldPanel("online_url"), FieldPanel("online_platform")]),
                    ],
                    heading=_("Place"),
                ),
            ],
            heading=_("Time and place"),
        ),
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldPanel("registration_required"),
                        FieldRowPanel([FieldPanel("capacity"), FieldPanel("waiting_list")]),
                        FieldRowPanel(
                            [
                                FieldPanel("registration_opens_at"),
                                FieldPanel("registration_closes_at"),
                            ]
                        ),
                        FieldPanel("guests_must_confirm"),
                        FieldPanel("consent_text"),
                        FieldPanel("agenda_input"),
                    ],
                    heading=_("Registration"),
                ),
                InlinePanel(
                    "questions",
                    panels=[
                        FieldPanel("label"),
                        FieldPanel("kind"),
                        FieldPanel("choices"),
                        FieldPanel("help_text"),
                        FieldPanel("required"),
                    ],
                    heading=_("Registration questions"),
                    label=_("Question"),
                ),
            ],
            heading=_("Registration"),
        ),
    ],
    base_form_class=EventAdminForm,
)


class EventViewSet(ModelViewSet):
    model = Event
    icon = "calendar-alt"
    menu_label = _("Events")
    menu_order = 100
    add_to_admin_menu = False
    url_namespace = admin_views.URL_NAMESPACE
    index_view_class = EventIndexView
    add_view_class = EventCreateView
    edit_view_class = EventEditView
    delete_view_class = EventDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    list_display = EVENT_COLUMNS
    list_filter = ["kind", "status", "is_published"]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = EVENT_PANELS
    edit_template_name = "events/admin/event_edit.html"

    def get_urlpatterns(self):
        views = admin_views
        return [
            *super().get_urlpatterns(),
            path(
                "participants/<int:pk>/",
                views.ParticipantsView.as_view(),
                name="participants",
            ),
            path(
                "participants/<int:pk>/<int:registration_pk>/check-in/",
                views.CheckInView.as_view(),
                name="check_in",
            ),
            path(
                "participants/<int:pk>/<int:registration_pk>/cancel/",
                views.CancelRegistrationView.as_view(),
                name="cancel_registration",
            ),
            path(
                "participants/<int:pk>/export.csv", views.ExportCsvView.as_view(), name="export_csv"
            ),
            path(
                "participants/<int:pk>/export.xlsx",
                views.ExportXlsxView.as_view(),
                name="export_xlsx",
            ),
            path("messages/<int:pk>/", views.MessageView.as_view(), name="messages"),
            path("agenda/<int:pk>/", views.AgendaView.as_view(), name="agenda"),
            path(
                "agenda/<int:pk>/<int:item_pk>/",
                views.AgendaStatusView.as_view(),
                name="agenda_status",
            ),
        ]


# --- Series ---------------------------------------------------------------------------------------


class EventSeriesIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            self.permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["change"]
            )
            .select_related("organisation")
            .order_by("title")
        )


class EventSeriesCreateView(ServiceErrorMixin, generic.CreateView):
    def save_instance(self):
        return services.event_series_save(
            actor=self.request.user, series=self.form.save(commit=False)
        )


class EventSeriesEditView(ServiceErrorMixin, ScopedObjectMixin, generic.EditView):
    def save_instance(self):
        return services.event_series_save(
            actor=self.request.user, series=self.form.save(commit=False)
        )


class EventSeriesDeleteView(ScopedObjectMixin, generic.DeleteView):
    def delete_action(self):
        services.event_series_delete(actor=self.request.user, series=self.object)


class EventSeriesViewSet(ModelViewSet):
    model = EventSeries
    icon = "list-ul"
    menu_label = _("Event series")
    menu_order = 110
    add_to_admin_menu = False
    url_prefix = "event-series"
    url_namespace = "event_series_admin"
    index_view_class = EventSeriesIndexView
    add_view_class = EventSeriesCreateView
    edit_view_class = EventSeriesEditView
    delete_view_class = EventSeriesDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    list_display = ["title", "organisation", "slug"]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["title", "slug", "organisation", "summary"]

    def get_form_class(self, for_update=False):
        return EventSeriesAdminForm


class EventsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Events")
    menu_icon = "calendar-alt"
    menu_order = 210
    items = (EventViewSet("events"), EventSeriesViewSet("event_series"))


@hooks.register("register_admin_viewset")
def register_events_viewsets():
    return EventsViewSetGroup()
