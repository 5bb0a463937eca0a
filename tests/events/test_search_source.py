"""The events in the hub's search: published ones (past and cancelled too), never drafts."""

import pytest

from samspill.answers import search
from samspill.answers.models import PassageFilter
from samspill.events import services
from tests.answers.source_checks import (
    assert_findable,
    committed,
    found,
    passages,
    rebuild_queries,
)
from tests.core import factories as core_factories
from tests.core.factories import OrganisationFactory
from tests.events.factories import in_days, make_event

pytestmark = pytest.mark.django_db


def keys(answer_id: str) -> set[str]:
    return set(
        PassageFilter.objects.filter(passage__answer_id=answer_id).values_list("key", flat=True)
    )


def test_a_published_event_is_found_by_its_name_and_its_venue():
    organiser = OrganisationFactory(name="Musikkontoret Vest")
    with committed():
        event = make_event(
            title="Webinar: Slik gir du ut musikk",
            kind="webinar",
            venue_name="Havnelageret",
            organisers=[organiser],
            starts_at=in_days(10, 12),
            ends_at=in_days(10, 13),
        )
    answer_id = f"event-{event.pk}"
    assert_findable("Webinar: Slik gir du ut musikk", answer_id, "event")
    assert found("Havnelageret", answer_id)
    assert found("webinar utgivelse musikk", answer_id)
    (passage,) = passages(answer_id)
    assert passage.url == event.get_absolute_url()
    assert passage.language == "nb"
    # Kind, date in words (the event's zone), place and organiser, in the event's language.
    assert "Webinar." in passage.text
    assert str(event.local_start.year) in passage.text
    assert "Bergen" in passage.text and "Musikkontoret Vest" in passage.text


def test_a_draft_is_not_indexed_and_unpublishing_removes_it():
    with committed():
        draft = make_event(title="Hemmelig samling", is_published=False)
        shown = make_event(title="Åpen samling")
    assert passages(f"event-{draft.pk}") == []
    assert not found("Hemmelig samling", f"event-{draft.pk}")
    with committed():
        shown.is_published = False
        services.event_save(actor=None, event=shown)
    assert passages(f"event-{shown.pk}") == []


def test_an_event_carries_its_audiences_for_the_answer_finders_filter():
    audience = core_factories.audiences()["organiser-venue"]
    with committed():
        event = make_event(title="Arrangørkurs i lydteknikk", kind="course")
    with committed():
        services.event_save(actor=None, event=event, audiences=[audience])
    answer_id = f"event-{event.pk}"
    assert "audience:organiser-venue" in keys(answer_id)
    assert answer_id in [
        a.answer_id
        for a in search.find_answers("lydteknikk kurs", audience="organiser-venue").results
    ]
    assert answer_id not in [
        a.answer_id for a in search.find_answers("lydteknikk kurs", audience="student").results
    ]


def test_cancelled_and_past_events_stay_findable_with_their_status():
    with committed():
        cancelled = make_event(title="Avlyst låtskriverkurs", kind="course", status="cancelled")
        past = make_event(
            title="Vårens nettverksmøte", starts_at=in_days(-30, 18), ends_at=in_days(-30, 20)
        )
    (passage,) = passages(f"event-{cancelled.pk}")
    assert passage.text.startswith("Avlyst.")
    assert passages(f"event-{past.pk}")


def test_deleting_an_event_removes_it():
    with committed():
        event = make_event(title="Kort samling")
    with committed():
        services.event_delete(actor=None, event=event)
    assert passages(f"event-{event.pk}") == []


def test_an_organiser_renamed_reindexes_its_events():
    organiser = OrganisationFactory(name="Gammelt navn")
    with committed():
        event = make_event(title="Bransjetreff", organisers=[organiser])
    with committed():
        organiser.name = "Nytt Navn Musikk"
        organiser.save()
    (passage,) = passages(f"event-{event.pk}")
    assert "Nytt Navn Musikk" in passage.text and "Gammelt navn" not in passage.text


def test_reading_events_for_a_rebuild_takes_the_same_queries_for_more_events(queries):
    for n in range(2):
        make_event(title=f"Samling {n}")
    few = rebuild_queries(queries, "events.event")
    for n in range(2, 7):
        make_event(title=f"Samling {n}")
    assert rebuild_queries(queries, "events.event") == few
