"""Calendar files parse with `icalendar`, keep their UID, and carry the right zone."""

import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from samspill.events import calendar, services
from samspill.events.models import EventSession
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")


def vevents(body: bytes):
    return Calendar.from_ical(body).walk("VEVENT")


def test_an_event_in_summer_time_is_written_in_its_zone_with_a_vtimezone():
    start = datetime.datetime(2027, 6, 11, 12, 0, tzinfo=OSLO)
    event = make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    body = calendar.event_calendar(event)
    parsed = Calendar.from_ical(body)
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Oslo"]
    (vevent,) = parsed.walk("VEVENT")
    assert b"DTSTART;TZID=Europe/Oslo:20270611T120000" in body
    assert vevent.decoded("DTSTART").astimezone(datetime.UTC).hour == 10
    assert vevent.decoded("DTEND") - vevent.decoded("DTSTART") == datetime.timedelta(hours=2)
    assert vevent["STATUS"] == "CONFIRMED"


def test_a_danish_event_keeps_its_own_zone():
    start = datetime.datetime(2027, 1, 31, 10, 0, tzinfo=COPENHAGEN)
    event = make_event(
        starts_at=start, ends_at=start + datetime.timedelta(hours=6), time_zone="Europe/Copenhagen"
    )
    body = calendar.event_calendar(event)
    assert b"DTSTART;TZID=Europe/Copenhagen:20270131T100000" in body
    assert event.local_start.hour == 10


def test_the_uid_stays_and_the_sequence_rises_with_each_change_until_cancelled():
    event = make_event()
    first = vevents(calendar.event_calendar(event))[0]
    event.venue_name = "Ny scene"
    services.event_save(actor=None, event=event)
    event.status = "cancelled"
    services.event_save(actor=None, event=event)
    last = vevents(calendar.event_calendar(event))[0]
    assert last["UID"] == first["UID"]
    assert (first["SEQUENCE"], last["SEQUENCE"]) == (0, 2)
    assert last["STATUS"] == "CANCELLED"


def test_the_meeting_link_is_only_in_a_participants_file():
    event = make_event(
        attendance_mode="online", venue_name="", online_url="https://meet.example.org/q"
    )
    assert b"meet.example.org" not in calendar.event_calendar(event)
    assert "meet.example.org" in str(
        vevents(calendar.event_calendar(event, meeting_link=True))[0]["DESCRIPTION"]
    )


def test_a_course_gives_one_entry_per_session():
    event = make_event(kind="course")
    for day in (0, 7, 14):
        start = event.starts_at + datetime.timedelta(days=day)
        EventSession.objects.create(
            event=event,
            title=f"Kveld {day // 7 + 1}",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )
    entries = vevents(calendar.event_calendar(event))
    assert len(entries) == 3
    assert len({str(e["UID"]) for e in entries}) == 3
    assert str(entries[1]["SUMMARY"]).endswith("Kveld 2")


def test_the_feed_holds_every_given_event():
    events = [make_event(), make_event(kind="webinar")]
    parsed = Calendar.from_ical(calendar.feed_calendar(events, name="Arrangementer"))
    assert parsed["X-WR-CALNAME"] == "Arrangementer"
    assert {str(v["UID"]) for v in parsed.walk("VEVENT")} == {f"{e.uid}@127.0.0.1" for e in events}
