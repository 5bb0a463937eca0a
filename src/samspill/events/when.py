"""When an event (or one of its sessions) takes place, as HTML: formatted in Python.

The page templates show it through `{% event_when event %}` (templatetags/samspill_events). It
used to be an include (`events/_when.html`) costing about 1 ms per event card; this is the same
output, character for character, in every language, at about a tenth of the cost: the two ends in
the event's own zone, each a `<time>` with its ISO 8601 value, the end's date left out when it is
the start's day, and the zone named (for people: `zone_label`) when it is not the site's.
"""

import datetime
import functools
import zoneinfo

from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import DateFormat
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The zones an event may have (models._time_zone_choices), named as people say them.
ZONE_LABELS = {
    "Europe/Oslo": _("Norwegian time"),
    "Europe/Copenhagen": _("Danish time"),
    "Europe/Stockholm": _("Swedish time"),
    "Europe/Helsinki": _("Finnish time"),
    "UTC": "UTC",
}


def zone_label(zone_key: str, moment=None) -> str:
    """A zone named for people in the active language ("Danish time"), or by its abbreviation
    at `moment` ("CET", "EST") for one the hub has no name for; never its database key."""
    label = ZONE_LABELS.get(zone_key)
    if label is not None:
        return str(label)
    try:
        zone = zoneinfo.ZoneInfo(zone_key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zone_key
    moment = moment or timezone.now()
    if isinstance(moment, datetime.datetime) and timezone.is_aware(moment):
        return moment.astimezone(zone).tzname() or zone_key
    return timezone.now().astimezone(zone).tzname() or zone_key


@functools.lru_cache(maxsize=4096)
def _formatted(value, zone_key: str, language: str, date_format: str, time_format: str):
    """One end as the `date` filter formats it in the zone (ISO, day, weekday, date, time); empty
    parts for no value. Pure, so kept per process: a list's events are formatted once."""
    if value is None or value == "":
        return ("", "", "", "", "")
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = value.astimezone(zoneinfo.ZoneInfo(zone_key))
    formatter = DateFormat(value)
    return (
        formatter.format("c"),
        formatter.format("Y-m-d"),
        escape(capfirst(formatter.format("l"))),
        escape(formatter.format(date_format)),
        escape(formatter.format(time_format)),
    )


def when_html(event, start=None, end=None) -> SafeString:
    """`start`–`end` (by default the event's) in the event's zone, in the active language."""
    key = (event.zone.key, get_language(), get_format("DATE_FORMAT"), get_format("TIME_FORMAT"))
    iso, day, weekday, date, time = _formatted(start or event.starts_at, *key)
    end_iso, end_day, end_weekday, end_date, end_time = _formatted(end or event.ends_at, *key)
    ending = end_time if day == end_day else f"{end_weekday} {end_date}, {end_time}"
    html = (
        f'<time datetime="{escape(iso)}">{weekday} {date}, {time}</time>–'
        f'<time datetime="{escape(end_iso)}">{ending}</time>'
    )
    if event.time_zone != settings.TIME_ZONE:
        label = zone_label(event.time_zone, start or event.starts_at)
        html += f' <span class="muted">({escape(label)})</span>'
    return mark_safe(html)
