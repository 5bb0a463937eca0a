"""Plain-model sources follow their watched models (`SearchSource.watch`): saves and deletions
enqueue the ids the source maps them to, after the commit; bulk work gathers them instead."""

import pytest

from samspill.answers import services, signals, tasks
from samspill.answers.models import IndexState, Passage
from samspill.core import registry
from samspill.core.models import Audience, Organisation
from tests.answers.source_checks import committed
from tests.core.factories import AudienceFactory, OrganisationFactory, UserFactory
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch):
    """The (source, id) pairs enqueued for indexing, each still run."""
    calls = []

    class Recorder:
        @staticmethod
        def enqueue(*, source, object_id):
            calls.append((source, object_id))
            return tasks.index_object.enqueue(source=source, object_id=object_id)

    monkeypatch.setattr(signals, "index_object", Recorder)
    return calls


def test_the_watchers_are_one_lookup_by_concrete_model():
    watchers = registry.search_watchers()
    sources = {name for name, _ids in watchers[Organisation]}
    # An organisation's own passage, and those that name it.
    assert {"network.organisation", "network.person", "events.event"} <= sources
    assert Audience not in watchers


def test_an_unwatched_save_enqueues_nothing(enqueued):
    with committed():
        AudienceFactory()
    assert enqueued == []


def test_a_sign_in_enqueues_nothing_but_a_listing_does(enqueued):
    person = UserFactory(is_listed=True, name="Kari Nordmann")
    with committed():
        person.save(update_fields=["last_login"])
    assert enqueued == []
    assert not Passage.objects.filter(answer_id=f"person-{person.pk}").exists()
    with committed():
        person.save()
    assert enqueued == [("network.person", person.pk)]
    assert Passage.objects.filter(answer_id=f"person-{person.pk}").exists()


def test_a_watched_save_is_indexed_after_the_commit_only():
    with committed():
        event = make_event(title="Låtskriverkveld i Tromsø")
    assert Passage.objects.filter(answer_id=f"event-{event.pk}").exists()
    # Outside `committed()` nothing commits: the change waits, as in a transaction.
    event.title = "Låtskriverkveld i Bodø"
    event.save()
    assert Passage.objects.get(answer_id=f"event-{event.pk}").title == "Låtskriverkveld i Tromsø"


def test_deferred_indexing_gathers_and_indexes_once_at_the_end(enqueued):
    organisation = OrganisationFactory()
    with committed(), registry.deferred_indexing():
        events = [make_event(title=f"Samling {n}", organisers=[organisation]) for n in range(3)]
        assert not Passage.objects.filter(source="events.event").exists()
    assert enqueued == []
    assert set(
        Passage.objects.filter(source="events.event").values_list("object_id", flat=True)
    ) == {e.pk for e in events}


def test_nested_deferred_indexing_hands_over_to_the_outer_one():
    with committed(), registry.deferred_indexing() as outer:
        with registry.deferred_indexing():
            event = make_event(title="Konsertkveld")
        assert not Passage.objects.filter(answer_id=f"event-{event.pk}").exists()
        assert ("events.event", event.pk) in outer
        outer.clear()  # as the demo does before its rebuild
    assert not Passage.objects.filter(answer_id=f"event-{event.pk}").exists()


def test_indexing_what_is_not_shown_leaves_the_index_version_alone():
    person = UserFactory(is_listed=False)
    IndexState.objects.get_or_create(pk=1)
    before = IndexState.objects.get().vocabulary_version
    assert services.index_object("network.person", person.pk) == 0
    assert IndexState.objects.get().vocabulary_version == before
