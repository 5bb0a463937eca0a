"""`{% event_when %}` (events.when) gives, character for character, what the include it replaced
(`events/_when.html`, kept below) gave: every language, every shape of event, the site's zone and
others."""

import datetime
import zoneinfo

import pytest
from django.template import engines
from django.test import override_settings
from django.utils import translation

from samspill.events.models import Event
from samspill.events.when import when_html

# The include as it was (commit 9e3ab3f), without its trailing newline; the zone named for people
# since (issue 18: "Danish time", not "Europe/Copenhagen").
OLD_INCLUDE = (
    "{% load tz samspill_events %}{% with start=start|default:event.starts_at "
    "end=end|default:event.ends_at %}{% timezone event.zone %}"
    '<time datetime="{{ start|date:\'c\' }}">{{ start|date:"l"|capfirst }} '
    '{{ start|date:"DATE_FORMAT" }}, {{ start|date:"TIME_FORMAT" }}</time>–'
    '<time datetime="{{ end|date:\'c\' }}">{% if start|date:"Y-m-d" == end|date:"Y-m-d" %}'
    '{{ end|date:"TIME_FORMAT" }}{% else %}{{ end|date:"l"|capfirst }} '
    '{{ end|date:"DATE_FORMAT" }}, {{ end|date:"TIME_FORMAT" }}{% endif %}</time>'
    "{% endtimezone %}{% if event|other_zone %} "
    '<span class="muted">({{ event|zone_label }})</span>{% endif %}{% endwith %}'
)
NEW_TAG = "{% load samspill_events %}{% event_when event start end %}"

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def at(zone, *args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=zone)


CASES = {
    "same day": (at(OSLO, 2026, 3, 12, 18, 0), at(OSLO, 2026, 3, 12, 20, 30)),
    "multi-day": (at(OSLO, 2026, 6, 5, 10, 0), at(OSLO, 2026, 6, 7, 16, 0)),
    "all day": (at(OSLO, 2026, 9, 1, 0, 0), at(OSLO, 2026, 9, 1, 23, 59)),
    "all day to midnight": (at(OSLO, 2026, 9, 1, 0, 0), at(OSLO, 2026, 9, 2, 0, 0)),
    "across years": (at(OSLO, 2026, 12, 31, 22, 0), at(OSLO, 2027, 1, 1, 2, 0)),
    "across the summer time change": (at(OSLO, 2026, 3, 28, 20, 0), at(OSLO, 2026, 3, 29, 4, 0)),
    # Stored in UTC: the same UTC day, two days in Oslo.
    "UTC day, not Oslo's": (
        at(datetime.UTC, 2026, 5, 4, 21, 30),
        at(datetime.UTC, 2026, 5, 4, 23, 0),
    ),
    "no end": (at(OSLO, 2026, 4, 2, 9, 0), None),
}
ZONES = ["Europe/Oslo", "Europe/Helsinki", "UTC", "Not/AZone"]


def render(template: str, event, start=None, end=None) -> str:
    return (
        engines["django"].from_string(template).render({"event": event, "start": start, "end": end})
    )


@pytest.mark.parametrize("language", ["nb", "nn", "da", "en"])
@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("case", CASES)
def test_the_same_as_the_include_it_replaced(language, zone, case):
    starts_at, ends_at = CASES[case]
    event = Event(title="Treff", starts_at=starts_at, ends_at=ends_at, time_zone=zone)
    with translation.override(language):
        old = render(OLD_INCLUDE, event)
        assert render(NEW_TAG, event) == old
        assert when_html(event) == old


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_session_the_same_as_the_include_it_replaced(language):
    event = Event(
        starts_at=at(OSLO, 2026, 10, 1, 9, 0),
        ends_at=at(OSLO, 2026, 10, 3, 17, 0),
        time_zone="Europe/Copenhagen",
    )
    start, end = at(OSLO, 2026, 10, 2, 13, 0), at(OSLO, 2026, 10, 2, 14, 15)
    with translation.override(language):
        old = render(OLD_INCLUDE, event, start, end)
        assert render(NEW_TAG, event, start, end) == old
    assert "13:00" in old and "1. okt" not in old


@pytest.mark.parametrize("site_zone", ["Europe/Copenhagen", "UTC"])
def test_the_same_in_another_site_zone(site_zone):
    with override_settings(TIME_ZONE=site_zone), translation.override("da"):
        for starts_at, ends_at in CASES.values():
            for zone in ("Europe/Oslo", site_zone):
                event = Event(starts_at=starts_at, ends_at=ends_at, time_zone=zone)
                assert when_html(event) == render(OLD_INCLUDE, event)


def test_what_it_looks_like():
    event = Event(starts_at=CASES["multi-day"][0], ends_at=CASES["multi-day"][1], time_zone="UTC")
    with translation.override("nb"):
        assert when_html(event) == (
            '<time datetime="2026-06-05T08:00:00+00:00">Fredag 5. juni 2026, 08:00</time>–'
            '<time datetime="2026-06-07T14:00:00+00:00">Søndag 7. juni 2026, 14:00</time>'
            ' <span class="muted">(UTC)</span>'
        )
