"""Dates, times, zones and numbers in each language (issue 18): English pages and emails write
dates the European way ("16 December 2026, 12:00", "Tuesday 8 December 2026"), never the US way
("Dec. 16, 2026, noon") nor the Norwegian way in English ("8. December"); a zone is named for
people ("Danish time"), not by its database key ("Europe/Copenhagen"); counts are grouped (nb: a
non-breaking space)."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.template import engines
from django.utils import translation
from django.utils.formats import date_format

from samspill.events import services
from samspill.events.models import Event
from samspill.events.when import when_html, zone_label
from tests.events.factories import make_event

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NOON = datetime.datetime(2026, 12, 16, 12, 0, tzinfo=OSLO)


def render(template: str, **context) -> str:
    return engines["django"].from_string(template).render(context)


@pytest.mark.parametrize(
    ("language", "date", "datetime_", "short"),
    [
        ("en", "16 December 2026", "16 December 2026, 12:00", "16/12/2026"),
        ("nb", "16. desember 2026", "16. desember 2026 12:00", "16.12.2026"),
        ("nn", "16. desember 2026", "16. desember 2026 12:00", "16.12.2026"),
        ("da", "16. december 2026", "16. december 2026 12:00", "16.12.2026"),
    ],
)
def test_dates_in_each_language(language, date, datetime_, short):
    with translation.override(language):
        assert date_format(NOON, "DATE_FORMAT") == date
        assert date_format(NOON, "DATETIME_FORMAT") == datetime_
        assert date_format(NOON, "SHORT_DATE_FORMAT") == short
        assert date_format(NOON, "TIME_FORMAT") == "12:00"


def test_an_english_event_time_is_european():
    event = Event(
        starts_at=datetime.datetime(2027, 1, 6, 9, 30, tzinfo=OSLO),
        ends_at=datetime.datetime(2027, 1, 6, 15, 0, tzinfo=OSLO),
        time_zone="Europe/Oslo",
    )
    with translation.override("en"):
        html = when_html(event)
    assert "Wednesday 6 January 2027, 09:30</time>" in html and ">15:00</time>" in html
    assert "Jan." not in html and "a.m." not in html and "p.m." not in html


@pytest.mark.parametrize(
    ("language", "zone", "label"),
    [
        ("nb", "Europe/Copenhagen", "dansk tid"),
        ("en", "Europe/Copenhagen", "Danish time"),
        ("da", "Europe/Helsinki", "finsk tid"),
        ("nn", "Europe/Stockholm", "svensk tid"),
        ("en", "Europe/Oslo", "Norwegian time"),
        ("nb", "UTC", "UTC"),
    ],
)
def test_zones_are_named_for_people(language, zone, label):
    with translation.override(language):
        assert zone_label(zone, NOON) == label


def test_an_unknown_zone_is_named_by_its_abbreviation():
    assert zone_label("America/New_York", NOON) == "EST"


def test_an_event_in_another_zone_names_it_for_people():
    event = Event(starts_at=NOON, ends_at=NOON, time_zone="Europe/Copenhagen")
    with translation.override("en"):
        html = when_html(event)
    assert "(Danish time)" in html and "Europe/Copenhagen" not in html


@pytest.mark.django_db
def test_an_english_email_writes_the_date_the_english_way(
    home_page, django_capture_on_commit_callbacks
):
    event = make_event(
        starts_at=datetime.datetime(2026, 12, 8, 18, 0, tzinfo=OSLO),
        ends_at=datetime.datetime(2026, 12, 8, 20, 0, tzinfo=OSLO),
        time_zone="Europe/Copenhagen",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(
            event=event, name="Ann", email="ann@example.org", language="en"
        )
    body = mail.outbox[-1].body
    assert "Tuesday 8 December 2026, 18:00–20:00 (Danish time)" in body, body
    assert "8. December" not in body and "Europe/Copenhagen" not in body
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(
            event=event, name="Kari", email="kari@example.org", language="nb"
        )
    assert "tirsdag 8. desember 2026, 18:00–20:00 (dansk tid)" in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("language", "shown"),
    [("nb", "7\xa0757"), ("nn", "7\xa0757"), ("da", "7.757"), ("en", "7,757")],
)
def test_counts_are_grouped_in_each_language(language, shown):
    with translation.override(language):
        assert render("{% load samspill %}{{ n|count }}", n=7757) == shown
        assert render("{% load samspill %}{{ n|count }}", n=757) == "757"
        assert render("{% load samspill %}{{ n|count }}", n=None) == ""


@pytest.mark.django_db
def test_a_programmes_participants_are_grouped(client, home_page):
    from tests.projects.factories import make_programme, make_project

    programme = make_programme()
    make_project(programme, participants=7757)
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "<strong>7\xa0757</strong>" in html and "7757" not in html
    with translation.override("en"):
        address = programme.get_absolute_url()
    assert "<strong>7,757</strong>" in client.get(address).content.decode()
