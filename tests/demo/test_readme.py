"""What README.md says about the demo is what `samspill demo` builds and the API returns."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from samspill.events.models import Event

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_event_counts_match_the_demo_and_the_api(client):
    text = " ".join(README.read_text(encoding="utf-8").split())
    found = re.search(r"The demo has (\d+) events, (\d+) of them published", text)
    assert found, "README.md no longer states the demo's event counts"
    total, published = (int(n) for n in found.groups())
    call_command("demo")
    assert Event.objects.count() == total
    response = client.get("/api/v1/events", {"limit": 100})
    assert response.status_code == 200
    assert response.json()["count"] == published
