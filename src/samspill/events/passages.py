"""What the events give the hub's search: each published event as one passage.

Published events are found, past ones too (their pages stay, as the archive), and cancelled or
postponed ones with their status in the text (their pages stay, saying so). Drafts never.
The passage reads in the event's language: its title, summary and description, its kind, when
(in words, in the event's time zone), where (venue, place, municipality, or online), its series
and its organisers. Its names, matched exactly and first, are the title and the venue.
"""

from django.db.models import Prefetch
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import npgettext

from samspill.core import registry
from samspill.core.html import plain_text
from samspill.core.models import Audience, Organisation
from samspill.events.models import AttendanceMode, Event, EventStatus

SOURCE = "events.event"


def _events():
    return (
        Event.objects.published()
        .select_related("municipality", "series")
        .prefetch_related(
            Prefetch("organisers", queryset=Organisation.objects.only("pk", "name").order_by()),
            Prefetch("audiences", queryset=Audience.objects.only("pk", "slug").order_by()),
            "topics",
        )
    )


def load(pk: int) -> Event | None:
    return _events().filter(pk=pk).first()


def load_many(ids: list[int]) -> list[Event]:
    return list(_events().filter(pk__in=ids))


def all_ids() -> list[int]:
    return list(Event.objects.published().order_by("pk").values_list("pk", flat=True))


def _when(event: Event) -> str:
    start, end = event.local_start, event.local_end
    text = f"{capfirst(date_format(start, 'l'))} {date_format(start, 'DATE_FORMAT')}"
    text += f" {date_format(start, 'TIME_FORMAT')}"
    if end.date() != start.date():
        text += f" – {date_format(end, 'l')} {date_format(end, 'DATE_FORMAT')}"
    return text


def _where(event: Event) -> list[str]:
    parts = [event.venue_name, event.street_address, event.locality]
    if event.municipality_id and event.municipality.name != event.locality:
        parts.append(event.municipality.name)
    if event.attendance_mode != AttendanceMode.ONSITE:
        parts += [str(AttendanceMode(event.attendance_mode).label), event.online_platform]
    return [part for part in parts if part]


def passages(event: Event) -> list[dict]:
    language = registry.search_language(event.language)
    organisers = sorted(o.name for o in event.organisers.all())
    with translation.override(language):
        kind = str(event.get_kind_display())
        status = "" if event.status == EventStatus.SCHEDULED else str(event.get_status_display())
        lines = [
            f"{status}." if status else "",
            event.summary,
            plain_text(event.description),
            f"{kind}. {_when(event)}.",
            ", ".join(_where(event)),
            event.series.title if event.series_id else "",
            f"{capfirst(Event._meta.get_field('organisers').verbose_name)}: {', '.join(organisers)}"
            if organisers
            else "",
        ]
    return [
        {
            "anchor": "",
            "heading": "",
            "title": event.title,
            "text": " ".join(line for line in lines if line),
            "url": event.get_absolute_url(),
            "language": language,
            "answer_id": f"event-{event.pk}",
            # The answer finder's audience and topic filters, as on the knowledge bank's pages.
            "filters": [
                f"lang:{language}",
                f"event-kind:{event.kind}",
                *(f"audience:{audience.slug}" for audience in event.audiences.all()),
                *(f"topic:{topic.slug}" for topic in event.topics.all()),
            ],
            "names": [name for name in (event.title, event.venue_name) if name],
        }
    ]


def _events_of_organisation(organisation: Organisation) -> list[int]:
    """Events that name the organisation as organiser (its name is in their text)."""
    if organisation.pk is None:
        return []
    return list(
        Event.objects.published()
        .filter(organisers=organisation)
        .order_by()
        .values_list("pk", flat=True)
    )


def register() -> None:
    registry.register_search_source(
        registry.SearchSource(
            name=SOURCE,
            model=Event,
            load=load,
            load_many=load_many,
            passages=passages,
            all_ids=all_ids,
            kind="event",
            kind_label=lambda n: npgettext("search kind", "Event", "Events", n),
            watch=(
                (Event, lambda event: [event.pk]),
                # An organiser renamed: its published events say the new name.
                (Organisation, _events_of_organisation),
            ),
        )
    )
