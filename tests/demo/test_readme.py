"""What README.md says about the demo is what `samspill demo` builds and the API returns."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from samspill.answers import search, signals
from samspill.answers.models import PassageFilter
from samspill.events.models import Event

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_event_counts_match_the_demo_and_the_api(client, monkeypatch):
    text = " ".join(README.read_text(encoding="utf-8").split())
    found = re.search(r"The demo has (\d+) events, (\d+) of them published", text)
    assert found, "README.md no longer states the demo's event counts"
    total, published = (int(n) for n in found.groups())
    enqueued = []

    class Recorder:
        @staticmethod
        def enqueue(**kwargs):
            enqueued.append(kwargs)

    monkeypatch.setattr(signals, "index_object", Recorder)
    call_command("demo")
    assert Event.objects.count() == total
    response = client.get("/api/v1/events", {"limit": 100})
    assert response.status_code == 200
    assert response.json()["count"] == published

    # The question box finds the rest of the hub, as the README says: the demo's final rebuild
    # indexed every source, and its hundreds of rows enqueued no index task one by one.
    assert enqueued == []
    kinds = set(PassageFilter.objects.filter(key__startswith="kind:").values_list("key", flat=True))
    assert {
        f"kind:{k}" for k in ("event", "organisation", "person", "project", "idea", "survey")
    } <= kinds
    for question, prefix in (
        ("Havnescenen", "organisation-"),
        ("Popkorn Nordic", "project-"),
        ("webinar utgivelse", "event-"),
    ):
        results = [a.answer_id for a in search.find_answers(question).results[:3]]
        assert any(answer_id.startswith(prefix) for answer_id in results), (question, results)
