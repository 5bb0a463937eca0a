"""Template helpers of the event pages: time zones, URLs, and the schema.org data of an event."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from samspill.events.models import AttendanceMode, EventStatus
from samspill.events.when import when_html, zone_label

register = template.Library()

# As Django's json_script: the data cannot end the <script> element or open a comment in it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

EVENT_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}
ATTENDANCE_MODE = {
    AttendanceMode.ONSITE: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
}
CURRENCY = {"NO": "NOK", "DK": "DKK", "SE": "SEK"}


@register.filter
def other_zone(event) -> bool:
    """True when the event's times are in another zone than the site's (then the zone is named)."""
    return event.time_zone != settings.TIME_ZONE


@register.filter(name="zone_label")
def zone_label_filter(event) -> str:
    """`event|zone_label`: the event's zone named for people ("Danish time"; events.when)."""
    return zone_label(event.time_zone, event.starts_at)


@register.simple_tag
def event_when(event, start=None, end=None):
    """When the event (or, with `start` and `end`, one of its sessions) takes place: see
    events.when."""
    return when_html(event, start, end)


@register.filter
def register_url(event) -> str:
    return reverse("events:register", kwargs={"pk": event.pk, "slug": event.slug or "-"})


def _absolute(request, url: str) -> str:
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.SITE_URL.rstrip("/") + url


def event_structured_data(event, *, request=None) -> dict:
    """schema.org `Event` for search engines. The meeting link is never part of it: an online
    event's VirtualLocation is the event's own page."""
    page_url = _absolute(request, event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": event.local_start.isoformat(),
        "endDate": event.local_end.isoformat(),
        "eventStatus": EVENT_STATUS.get(event.status, EVENT_STATUS[EventStatus.SCHEDULED]),
        "eventAttendanceMode": ATTENDANCE_MODE.get(
            event.attendance_mode, ATTENDANCE_MODE[AttendanceMode.ONSITE]
        ),
        "url": page_url,
        "inLanguage": event.language,
    }
    locations = []
    municipality = event.municipality
    if event.is_onsite:
        address = {"@type": "PostalAddress"}
        for key, value in (
            ("streetAddress", event.street_address),
            ("postalCode", event.postal_code),
            ("addressLocality", event.locality or (municipality.name if municipality else "")),
            (
                "addressRegion",
                municipality.region.name if municipality and municipality.region else "",
            ),
            ("addressCountry", municipality.country if municipality else ""),
        ):
            if value:
                address[key] = value
        locations.append(
            {
                "@type": "Place",
                "name": event.venue_name or event.address_line,
                "address": address,
            }
        )
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": page_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organisers = []
    for organisation in event.organisers.all():
        item = {"@type": "Organization", "name": organisation.name}
        if getattr(organisation, "is_public", False):
            item["url"] = _absolute(request, organisation.get_absolute_url())
        organisers.append(item)
    if organisers:
        data["organizer"] = organisers
    if event.capacity is not None:
        seats_left = event.seats_left
        data["maximumAttendeeCapacity"] = event.capacity
        data["remainingAttendeeCapacity"] = seats_left
        if event.registration_required:
            country = municipality.country if municipality else "NO"
            offer = {
                "@type": "Offer",
                "url": _absolute(request, register_url(event)),
                "price": 0,
                "priceCurrency": CURRENCY.get(country, "NOK"),
                "availability": "https://schema.org/InStock"
                if seats_left
                else "https://schema.org/SoldOut",
            }
            if event.registration_opens_at:
                offer["validFrom"] = event.registration_opens_at.astimezone(event.zone).isoformat()
            data["offers"] = offer
    return data


def json_for_script(data) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


@register.simple_tag(takes_context=True)
def event_json_ld(context, event):
    """`<script type="application/ld+json">` with the event's schema.org data (a data block, not
    run as script, so the Content-Security-Policy allows it)."""
    data = event_structured_data(event, request=context.get("request"))
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(json_for_script(data))
    )
