"""The "Events" menu of the admin: the events viewset (with its organisers' screens), the series
viewset, and the list's columns."""

from django.conf import settings
from django.urls import path
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from samspill.core.admin.views import ScopedHistoryView, ScopedUsageView
from samspill.events.admin import screens, views
from samspill.events.admin.forms import EventSeriesAdminForm
from samspill.events.admin.panels import EVENT_PANELS
from samspill.events.models import Event, EventSeries


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
            screens.admin_url("participants", instance.pk),
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


class EventViewSet(ModelViewSet):
    model = Event
    icon = "calendar-alt"
    menu_label = _("Events")
    menu_order = 100
    add_to_admin_menu = False
    url_namespace = screens.URL_NAMESPACE
    index_view_class = views.EventIndexView
    add_view_class = views.EventCreateView
    edit_view_class = views.EventEditView
    delete_view_class = views.EventDeleteView
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
        return [
            *super().get_urlpatterns(),
            path(
                "participants/<int:pk>/",
                screens.ParticipantsView.as_view(),
                name="participants",
            ),
            path(
                "participants/<int:pk>/<int:registration_pk>/check-in/",
                screens.CheckInView.as_view(),
                name="check_in",
            ),
            path(
                "participants/<int:pk>/<int:registration_pk>/cancel/",
                screens.CancelRegistrationView.as_view(),
                name="cancel_registration",
            ),
            path(
                "participants/<int:pk>/export.csv",
                screens.ExportCsvView.as_view(),
                name="export_csv",
            ),
            path(
                "participants/<int:pk>/export.xlsx",
                screens.ExportXlsxView.as_view(),
                name="export_xlsx",
            ),
            path("messages/<int:pk>/", screens.MessageView.as_view(), name="messages"),
            path("agenda/<int:pk>/", screens.AgendaView.as_view(), name="agenda"),
            path(
                "agenda/<int:pk>/<int:item_pk>/",
                screens.AgendaStatusView.as_view(),
                name="agenda_status",
            ),
        ]


class EventSeriesViewSet(ModelViewSet):
    model = EventSeries
    icon = "list-ul"
    menu_label = _("Event series")
    menu_order = 110
    add_to_admin_menu = False
    url_prefix = "event-series"
    url_namespace = "event_series_admin"
    index_view_class = views.EventSeriesIndexView
    add_view_class = views.EventSeriesCreateView
    edit_view_class = views.EventSeriesEditView
    delete_view_class = views.EventSeriesDeleteView
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
