"""Reads shaped for the pages and endpoints of events: each list in a bounded number of queries."""

import datetime

from django.db.models import Case, Count, IntegerField, Min, Prefetch, Q, Value, When
from django.http import Http404
from django.utils import timezone

from samspill.core import fragments, images
from samspill.core.models import Audience, Organisation, Region
from samspill.events.models import (
    AgendaInput,
    AgendaInputStatus,
    AttendanceMode,
    Event,
    EventMessage,
    EventSeries,
    EventSession,
    EventStatus,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from samspill.events.permissions import can_view_event, managed_events, managed_series

FILTER_KEYS = ("kind", "audience", "mode", "region", "organiser")
# The organisers' order of a participant list: confirmed, waiting (in queue order), awaiting email
# confirmation, cancelled.
STATUS_ORDER = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.PENDING,
    RegistrationStatus.CANCELLED,
)


def _base():
    events = (
        Event.objects.published()
        .with_counts()
        .select_related("municipality__region", "series")
        .prefetch_related(
            Prefetch("organisers", queryset=Organisation.objects.only("pk", "name", "slug")),
            Prefetch("audiences", queryset=Audience.objects.all()),
        )
    )
    return images.with_renditions(events, "image", "card")


def event_list_public(
    *,
    when: str = "upcoming",
    kind: str | None = None,
    audience: str | None = None,
    mode: str | None = None,
    region: str | None = None,
    organiser: str | None = None,
    year: int | None = None,
    now=None,
):
    """Published events: `when` is "upcoming" (soonest first), "past" (latest first) or "all".

    `audience` and `organiser` are slugs, `region` a region code ("03", "1084"), `mode` is
    "online" (online or both), "onsite" (on site or both); `year` the archive's year.
    """
    now = now or timezone.now()
    events = _base()
    if when == "upcoming":
        events = events.upcoming(now).order_by("starts_at", "pk")
    elif when == "past":
        events = events.past(now).order_by("-starts_at", "-pk")
    else:
        events = events.order_by("starts_at", "pk")
    if kind:
        events = events.filter(kind=kind)
    if audience:
        events = events.filter(audiences__slug=audience)
    if mode == "online":
        events = events.filter(attendance_mode__in=[AttendanceMode.ONLINE, AttendanceMode.MIXED])
    elif mode == "onsite":
        events = events.filter(attendance_mode__in=[AttendanceMode.ONSITE, AttendanceMode.MIXED])
    if region:
        events = events.filter(municipality__region__code=region)
    if organiser:
        events = events.filter(organisers__slug=organiser)
    if year is not None:
        # A year at either end of the calendar overflows when its bounds move to UTC: no events.
        if not datetime.MINYEAR < year < datetime.MAXYEAR:
            return events.none()
        events = events.filter(starts_at__year=year)
    return events


# What an event's page shows of the database besides the registration of the person looking and
# other apps' sections: the event, its registrations' counts, sessions, questions, series and
# agenda (events), organisers, audiences and place (core), topics (knowledge pages: wagtail).
EVENT_PAGE_DEPENDS = ("events", "core", "wagtail", "knowledge")


def event_for_page(*, pk: int, user=None) -> Event:
    """`event_get_public` for the event's page, with its accepted agenda
    (`event.accepted_agenda`), kept in this process until what it shows is written
    (core.fragments.kept): a page seen before asks the database nothing about the event. Shared
    by the requests that read it: read-only."""
    event = fragments.kept(f"events:page:{pk}", lambda: _event_for_page(pk), EVENT_PAGE_DEPENDS)
    if event is None or not can_view_event(user, event):
        raise Http404
    return event


def _event_for_page(pk: int) -> Event | None:
    event = _event_with_relations(pk)
    if event is not None:
        event.accepted_agenda = agenda_accepted(event)
    return event


def _event_with_relations(pk: int) -> Event | None:
    event = (
        images.with_renditions(Event.objects.with_counts(), "image", "hero")
        .select_related("municipality__region", "series")
        .prefetch_related(
            "organisers",
            "audiences",
            "topics",
            Prefetch("sessions", queryset=EventSession.objects.order_by("starts_at", "pk")),
            Prefetch(
                "questions", queryset=RegistrationQuestion.objects.order_by("sort_order", "pk")
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if event is not None:
        event._organiser_ids = [o.pk for o in event.organisers.all()]
    return event


def event_get_public(*, pk: int, user=None) -> Event:
    """One event for its page: published, or unpublished for its organisers (a preview)."""
    event = _event_with_relations(pk)
    if event is None or not can_view_event(user, event):
        raise Http404
    return event


def event_for_registration(*, pk: int) -> Event:
    """A published event with its questions: what registering through the API needs."""
    event = (
        Event.objects.published()
        .prefetch_related(
            Prefetch(
                "questions", queryset=RegistrationQuestion.objects.order_by("sort_order", "pk")
            )
        )
        .filter(pk=pk)
        .first()
    )
    if event is None:
        raise Http404
    return event


def event_for_calendar(*, pk: int) -> Event:
    """An event with what its calendar file needs, published or not (a participant's own file)."""
    event = Event.objects.prefetch_related("organisers", "sessions").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def agenda_accepted(event: Event) -> list[AgendaInput]:
    """The input the organisers put on the agenda, shown on the event's page."""
    return list(
        event.agenda_inputs.filter(status=AgendaInputStatus.ACCEPTED).order_by("created_at", "pk")
    )


def agenda_sent(registration: Registration) -> list[AgendaInput]:
    return list(registration.agenda_inputs.order_by("created_at", "pk"))


def active_registration(*, event: Event, user) -> Registration | None:
    if not (user and user.is_authenticated):
        return None
    return (
        Registration.objects.filter(
            event=event,
            status__in=[
                RegistrationStatus.PENDING,
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.WAITLISTED,
            ],
        )
        .filter(Q(user=user) | Q(email__iexact=user.email))
        .first()
    )


def registrations_of(*, user, limit: int = 50) -> list[Registration]:
    """A signed-in person's active registrations for events that have not ended, soonest first
    (by account, or by the address of the account for registrations made as a guest)."""
    if not (user and user.is_authenticated):
        return []
    return list(
        Registration.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        .filter(
            status__in=[
                RegistrationStatus.PENDING,
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.WAITLISTED,
            ],
            event__ends_at__gte=timezone.now(),
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")[:limit]
    )


def waiting_list_length(event: Event) -> int:
    count = getattr(event, "waitlist_count", None)
    if count is None:
        count = event.registrations.filter(status=RegistrationStatus.WAITLISTED).count()
    return count


def archive_years() -> list[int]:
    """Years with past events, latest first (for the archive's links)."""
    dates = Event.objects.published().past().dates("starts_at", "year", order="DESC")
    return [d.year for d in dates]


def filter_choices() -> dict:
    """Regions and organisers that have published events, for the list's filters."""
    published = Event.objects.published()
    regions = (
        Region.objects.filter(municipalities__events__in=published)
        .distinct()
        .order_by("country", "name")
    )
    organisers = (
        Organisation.objects.filter(organised_events__in=published)
        .distinct()
        .only("pk", "name", "slug")
        .order_by("name")
    )
    return {
        "regions": list(regions),
        "organisers": list(organisers),
        "audiences": list(Audience.objects.all()),
    }


def event_upcoming_count() -> int:
    """The hub's statistic: published upcoming events that are not cancelled."""
    return Event.objects.published().upcoming().exclude(status=EventStatus.CANCELLED).count()


def event_upcoming_count_until():
    """`event_upcoming_count`, and when it changes with time alone (the first of those events to
    end), in one query."""
    upcoming = Event.objects.published().upcoming().exclude(status=EventStatus.CANCELLED)
    found = upcoming.aggregate(count=Count("pk"), first_end=Min("ends_at"))
    return found["count"], found["first_end"]


def next_events(limit: int = 3):
    """The home page's next events: cancelled ones are left out there (the list shows them)."""
    return list(event_list_public(when="upcoming").exclude(status=EventStatus.CANCELLED)[:limit])


def participants(event: Event):
    """Every registration of an event for its organisers, the waiting list in its order."""
    return (
        Registration.objects.filter(event=event)
        .select_related("user")
        .annotate(agenda_input_count=Count("agenda_inputs"))
        .order_by("status", "queued_at", "created_at", "pk")
    )


def registration_counts(event: Event) -> dict[str, int]:
    counts = dict(
        Registration.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    counts["checked_in"] = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False
    ).count()
    return counts


def participants_ordered(event: Event, *, search: str = "", status: str = ""):
    """The event's registrations for its organisers in `STATUS_ORDER` (the waiting list in queue
    order), optionally those whose name or email contains `search`, or with one `status`."""
    rank = Case(
        *(When(status=value, then=Value(i)) for i, value in enumerate(STATUS_ORDER)),
        default=Value(len(STATUS_ORDER)),
        output_field=IntegerField(),
    )
    registrations = (
        participants(event)
        .annotate(status_rank=rank)
        .order_by("status_rank", "queued_at", "created_at", "pk")
    )
    if search:
        registrations = registrations.filter(Q(name__icontains=search) | Q(email__icontains=search))
    if status:
        registrations = registrations.filter(status=status)
    return registrations


def waiting_list_positions(event: Event) -> dict[int, int]:
    """{registration id: place on the waiting list, from 1}."""
    queue = (
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("queued_at", "pk")
        .values_list("pk", flat=True)
    )
    return {pk: i for i, pk in enumerate(queue, start=1)}


def registration_of_event(*, event: Event, pk: int) -> Registration | None:
    return Registration.objects.select_related("event").filter(pk=pk, event=event).first()


# --- The admin ------------------------------------------------------------------------------------


def event_with_counts(*, pk: int) -> Event | None:
    """One event with its seat counts (the organisers' screens check who may see it)."""
    return Event.objects.with_counts().filter(pk=pk).first()


def event_list_managed(*, user):
    """The admin's list of events: those the user runs, latest first, with their seat counts."""
    return managed_events(user, Event.objects.with_counts()).order_by("-starts_at", "-pk")


def event_list_upcoming_managed(*, user):
    """The dashboard's events: those the user runs that have not ended, soonest first, with
    their seat counts."""
    return managed_events(user, Event.objects.upcoming().with_counts()).order_by("starts_at", "pk")


def event_series_list_managed(*, user):
    return managed_series(user, EventSeries.objects.select_related("organisation")).order_by(
        "title"
    )


def event_messages_sent(event: Event):
    """The messages the organisers sent to the participants, latest first."""
    return (
        EventMessage.objects.filter(event=event)
        .select_related("sender")
        .order_by("-created_at", "-pk")
    )


def agenda_inputs(event: Event, *, status: str = ""):
    """The agenda input of an event for its organisers, oldest first (optionally of one status)."""
    items = (
        AgendaInput.objects.filter(event=event)
        .select_related("registration")
        .order_by("created_at", "pk")
    )
    if status:
        items = items.filter(status=status)
    return items


def agenda_input_of_event(*, event: Event, pk: int) -> AgendaInput | None:
    return AgendaInput.objects.select_related("registration").filter(pk=pk, event=event).first()
