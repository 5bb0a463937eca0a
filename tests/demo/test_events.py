"""The events of the demo hub: what `samspill demo` builds on top of core's demo, and that a second
run adds nothing. Building it takes a few seconds, so each test checks several things."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone
from zeal import zeal_ignore

from samspill.core import notifications
from samspill.core.models import Notification, Organisation, User
from samspill.demo import core as core_demo
from samspill.demo import events as demo
from samspill.demo import knowledge as knowledge_demo
from samspill.events.models import (
    AgendaInput,
    AttendanceMode,
    Event,
    EventKind,
    EventSeries,
    EventSession,
    EventStatus,
    Invitation,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)

pytestmark = pytest.mark.django_db

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


@pytest.fixture
def built(django_capture_on_commit_callbacks):
    """Core's demo, then the events' (emails are sent, as after a real commit); the lines the
    events builder printed."""
    with zeal_ignore(), django_capture_on_commit_callbacks(execute=True):
        core_demo.build()
        lines = demo.build()
    return lines


def demo_event(key: str) -> Event:
    return Event.objects.with_counts().get(uid=demo.demo_uid(key))


def counts() -> dict[str, int]:
    models = (
        Event,
        Registration,
        AgendaInput,
        EventSession,
        RegistrationQuestion,
        EventSeries,
        Invitation,
        Organisation,
    )
    return {model.__name__: model.objects.count() for model in models} | {
        status: Registration.objects.filter(status=status).count()
        for status in RegistrationStatus.values
    }


def test_the_first_mustech_gathering_is_the_one_of_the_source(built):
    event = demo_event("mustech-2021-06-11")
    assert event.title == "Mustech Norway – første digitale samling"
    assert event.starts_at == datetime.datetime(2021, 6, 11, 10, 0, tzinfo=datetime.UTC)
    assert event.ends_at == datetime.datetime(2021, 6, 11, 12, 0, tzinfo=datetime.UTC)
    assert (event.local_start.hour, event.local_end.hour) == (12, 14)
    assert event.time_zone == "Europe/Oslo"
    assert event.attendance_mode == AttendanceMode.ONLINE and event.online_platform == "Zoom"
    assert event.is_past and event.is_published and event.kind == EventKind.GATHERING
    assert {"music-norway", "mustech-norway"} <= set(
        event.organisers.values_list("slug", flat=True)
    )
    assert Organisation.objects.get(slug="mustech-norway").kind == "association"
    registrations = event.registrations.all()
    assert event.confirmed_count == registrations.count() >= 10
    checked_in = registrations.exclude(checked_in_at=None)
    assert 0 < checked_in.count() < registrations.count()
    # Checked in on the day, and registered in the days before, not when the demo was built.
    assert all(r.checked_in_at.date() == datetime.date(2021, 6, 11) for r in checked_in)
    assert all(r.created_at < event.starts_at for r in registrations)
    assert event.agenda_inputs.count() >= 2
    assert event.agenda_inputs.exclude(status="new").exists()
    jonas = User.objects.get(email=demo.JONAS)
    assert registrations.filter(user=jonas).exclude(checked_in_at=None).exists()
    assert any(line.startswith("Events: 14 (3 full with a waiting list") for line in built)


def test_the_demo_covers_every_kind_and_state(built):
    now = timezone.now()
    upcoming = Event.objects.published().upcoming(now).filter(status=EventStatus.SCHEDULED)
    for kind in EventKind.values:
        assert upcoming.filter(kind=kind).exists(), kind

    # A course of several evenings, within the event's span and in the future.
    course = demo_event("course-releasing-music-bergen")
    sessions = list(course.sessions.all())
    assert len(sessions) >= 2 and course.kind == EventKind.COURSE
    assert sessions[0].starts_at == course.starts_at and sessions[-1].ends_at == course.ends_at
    assert course.starts_at > now and course.municipality.name == "Bergen"

    # The webinar series: some behind us, some ahead.
    series = EventSeries.objects.get(slug="musikkhjemmekontoret-webinarer")
    webinars = series.events.all()
    assert webinars.count() >= 3 and set(webinars.values_list("kind", flat=True)) == {"webinar"}
    assert webinars.past(now).exists() and webinars.upcoming(now).exists()

    # Full events: every seat taken, people waiting.
    full = [
        e
        for e in Event.objects.with_counts().exclude(capacity=None)
        if e.confirmed_count == e.capacity and e.waitlist_count > 0
    ]
    assert len(full) >= 2
    meetup = demo_event("mustech-oslo-meetup")
    assert meetup in full and meetup.municipality.code == "0301"
    assert meetup.questions.filter(kind="choice", label="Kosthold").exists() and meetup.consent_text
    # The course had a cancellation: the first on the waiting list got the seat.
    assert course in full
    assert course.registrations.filter(status=RegistrationStatus.CANCELLED).count() == 1

    # Musikmetropolen in Danish, on Copenhagen time; the summit of 31 January 2017 in Ishøj.
    workshop = demo_event("musikmetropolen-workshop-audiences")
    assert workshop.time_zone == "Europe/Copenhagen" and workshop.language == "da"
    assert workshop.kind == EventKind.WORKSHOP and workshop.municipality.name == "Roskilde"
    summit = demo_event("musikmetropolen-summit-2017")
    assert summit.local_start.date() == datetime.date(2017, 1, 31)
    assert summit.municipality.name == "Ishøj" and summit.is_past
    assert "ishoj" in summit.organisers.values_list("slug", flat=True)

    # Cancelled, postponed, guests who must confirm, a draft.
    assert demo_event("network-meeting-rogaland").status == EventStatus.CANCELLED
    assert demo_event("course-rights-trondheim").status == EventStatus.POSTPONED
    confirming = demo_event("webinar-new-revenue")
    assert confirming.guests_must_confirm
    assert confirming.registrations.filter(status=RegistrationStatus.PENDING).exists()
    assert not demo_event("industry-meetup-north").is_published

    # Core's demo people have registrations of their own.
    sara = User.objects.get(email=demo.SARA)
    assert meetup.registrations.get(user=sara).status == RegistrationStatus.WAITLISTED
    assert Registration.objects.filter(user__email=demo.METTE, event__language="da").count() >= 2

    # Only fictional addresses, and the demo's people get no emails from the builder.
    domains = {e.rsplit("@", 1)[1] for e in Registration.objects.values_list("email", flat=True)}
    assert domains <= {"example.org", "example.dk", "samspill.test"}
    assert not [m for m in mail.outbox if "samspill.test" not in m.to[0]]


def test_a_second_run_changes_nothing(built, django_capture_on_commit_callbacks):
    before = counts()
    sent = len(mail.outbox)
    meetup = demo_event("mustech-oslo-meetup")
    with zeal_ignore(), django_capture_on_commit_callbacks(execute=True):
        core_demo.build()
        again = demo.build()
    assert counts() == before
    assert again == built
    assert len(mail.outbox) == sent
    assert demo_event("mustech-oslo-meetup").starts_at == meetup.starts_at


def test_events_link_the_knowledge_topics_when_the_knowledge_demo_ran(
    django_capture_on_commit_callbacks,
):
    with zeal_ignore(), django_capture_on_commit_callbacks(execute=True):
        core_demo.build()
        knowledge_demo.build()
        demo.build()
    webinar = demo_event("webinar-self-employed-and-employee")
    assert list(webinar.topics.values_list("slug", flat=True)) == ["skatt-og-status"]
    assert set(webinar.audiences.values_list("slug", flat=True)) == {"self-employed", "employee"}
    linked = Event.objects.filter(topics__isnull=False).distinct().count()
    assert linked >= 10
    _the_demo_logins_follow_and_have_news()


def _the_demo_logins_follow_and_have_news():
    """Issue 19: Sara follows two topics and Havnescenen, Jonas the webinar series and Mustech
    Norway; each has notifications (made by the services), and no email went out for them."""
    sara = User.objects.get(email=demo.SARA)
    jonas = User.objects.get(email=demo.JONAS)
    sara_follows = {(row["target"].name, row["title"]) for row in notifications.follows_of(sara)}
    assert {name for name, _title in sara_follows} >= {"knowledge.topic", "core.organisation"}
    assert ("core.organisation", "Havnescenen") in sara_follows
    assert len([1 for name, _title in sara_follows if name == "knowledge.topic"]) == 2
    jonas_follows = {row["target"].name: row["object"] for row in notifications.follows_of(jonas)}
    assert jonas_follows["events.series"].slug == demo.SERIES["slug"]
    assert any(
        row["object"].slug == "mustech-norway"
        for row in notifications.follows_of(jonas)
        if row["target"].name == "core.organisation"
    )
    assert Notification.objects.filter(user=sara, kind="knowledge.new_content").count() >= 2
    assert Notification.objects.filter(user=jonas, kind="events.new_event").count() >= 2
    assert not Notification.objects.filter(user__in=[sara, jonas], url="").exists()
