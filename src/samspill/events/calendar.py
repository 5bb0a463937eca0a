"""iCalendar files: one event (`/events/<id>.ics`, the email attachment) and the subscribable feed.

Each event keeps one UID for its whole life (`Event.uid`); its SEQUENCE is raised whenever the time,
the place or the status changes, so calendar programs replace the old entry instead of adding one.
A course with sessions gives one VEVENT per session (UID `<event uid>-<n>`), all under the event's
SEQUENCE. Times are written in the event's zone with a VTIMEZONE, so they stay right across
summer time.
"""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from samspill.events.models import Event, EventStatus

PRODID = "-//samspill//events//NB"


def _domain() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "samspill"


def _calendar(name: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _location(event: Event) -> str:
    parts = []
    if event.is_onsite:
        parts += [p for p in (event.venue_name, event.address_line) if p]
    if event.is_online:
        parts.append(event.online_platform or _("Online"))
    return ", ".join(parts)


def _description(event: Event, *, meeting_link: bool) -> str:
    lines = [event.summary]
    if event.status == EventStatus.POSTPONED:
        lines.insert(0, _("Postponed: a new date will follow."))
    if meeting_link and event.online_url:
        lines += ["", _("Meeting link: %(url)s") % {"url": event.online_url}]
    lines += ["", settings.SITE_URL + event.get_absolute_url()]
    return "\n".join(lines)


def _vevents(event: Event, *, meeting_link: bool) -> list[VEvent]:
    sessions = list(event.sessions.all())
    spans = [(s.title, s.starts_at, s.ends_at) for s in sessions] or [
        (None, event.starts_at, event.ends_at)
    ]
    status = {
        EventStatus.SCHEDULED: "CONFIRMED",
        EventStatus.POSTPONED: "TENTATIVE",
        EventStatus.CANCELLED: "CANCELLED",
    }[event.status]
    url = settings.SITE_URL + event.get_absolute_url()
    organisers = ", ".join(o.name for o in event.organisers.all())
    components = []
    for n, (title, starts, ends) in enumerate(spans, start=1):
        vevent = VEvent()
        uid = f"{event.uid}@{_domain()}" if len(spans) == 1 else f"{event.uid}-{n}@{_domain()}"
        vevent.add("uid", uid)
        vevent.add("sequence", event.sequence)
        vevent.add("dtstamp", timezone.now())
        vevent.add("last-modified", event.updated_at or timezone.now())
        vevent.add("created", event.created_at or timezone.now())
        vevent.add("summary", f"{event.title}: {title}" if title else event.title)
        vevent.add("dtstart", timezone.localtime(starts, event.zone))
        vevent.add("dtend", timezone.localtime(ends, event.zone))
        vevent.add("status", status)
        vevent.add("description", _description(event, meeting_link=meeting_link))
        vevent.add("url", url)
        location = _location(event)
        if location:
            vevent.add("location", location)
        if organisers:
            vevent.add("organizer", f"mailto:{_organiser_email()}", parameters={"CN": organisers})
        vevent.add("categories", [event.get_kind_display()])
        components.append(vevent)
    return components


def _organiser_email() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "noreply@samspill.invalid"


def event_calendar(event: Event, *, meeting_link: bool = False) -> bytes:
    """The .ics for one event; the meeting link only for a confirmed participant."""
    calendar = _calendar()
    for vevent in _vevents(event, meeting_link=meeting_link):
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_calendar(events, *, name: str) -> bytes:
    """The subscribable feed: every event of the list, never a meeting link."""
    calendar = _calendar(name)
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for event in events:
        for vevent in _vevents(event, meeting_link=False):
            calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar.to_ical()
