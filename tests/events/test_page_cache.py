"""The event list and an event's page in the anonymous page cache (core.pagecache): kept for
visitors, and a write through the events services or the admin shows on the next request."""

import datetime
import time

import pytest
from django.test import Client
from django.utils import timezone

from samspill.core import pagecache
from samspill.events import services
from tests.core.factories import UserFactory
from tests.core.pagecache_checks import member_copy_matches_their_own
from tests.events.factories import make_event
from tests.events.test_admin import edit_form_data, login

# The hub as it runs: its page tree and settings exist (a first request would otherwise create
# the settings, a write that empties the page it is rendering).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_page")]

LIST = "/arrangementer/"


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode(), response.headers.get(pagecache.HEADER)


@pytest.fixture
def event():
    return make_event(title="Ølkveld for arrangører", capacity=10)


def test_the_event_page_is_kept_until_the_event_changes(page_cache, event):
    url = event.get_absolute_url()
    _html, outcome = _get(Client(), url)
    assert outcome == "miss"
    html, outcome = _get(Client(), url)
    assert outcome == "hit"
    assert "Ølkveld for arrangører" in html and "10 plasser igjen" in html

    event.title = "Ølkveld for alle"
    services.event_save(actor=None, event=event)
    html, outcome = _get(Client(), url)
    assert outcome == "miss"
    assert "Ølkveld for alle" in html

    services.registration_create(event=event, user=UserFactory())  # one seat fewer
    html, outcome = _get(Client(), url)
    assert outcome == "miss"
    assert "9 plasser igjen" in html


def test_the_event_list_is_kept_until_an_event_changes(page_cache, event):
    _html, outcome = _get(Client(), LIST)
    assert outcome == "miss"
    html, outcome = _get(Client(), LIST)
    assert outcome == "hit"
    assert "Ølkveld for arrangører" in html and "10 plasser igjen" in html

    services.registration_create(event=event, user=UserFactory())
    html, outcome = _get(Client(), LIST)
    assert outcome == "miss"
    assert "9 plasser igjen" in html

    event.title = "Ølkveld for alle"
    services.event_save(actor=None, event=event)
    html, outcome = _get(Client(), LIST)
    assert outcome == "miss"
    assert "Ølkveld for alle" in html and "Ølkveld for arrangører" not in html


def test_an_event_changed_in_the_admin_shows_on_the_next_request(page_cache, event, hub_admin):
    url = event.get_absolute_url()
    _get(Client(), url)
    _get(Client(), LIST)
    assert _get(Client(), url)[1] == "hit"

    editor = Client()
    login(editor, hub_admin)
    data = edit_form_data(editor, event)
    data["title"] = ["Ølkveld, ny tittel"]
    response = editor.post(f"/admin/events/edit/{event.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]

    for page in (url, LIST):
        html, outcome = _get(Client(), page)
        assert outcome == "miss"
        assert "Ølkveld, ny tittel" in html


def test_an_event_leaves_upcoming_within_the_pages_timeout(page_cache, monkeypatch):
    """The list is kept for `timeout` seconds when nothing is written, so an event that has ended
    leaves it at the latest a timeout later (the clock is moved on, not waited for)."""
    timeout = pagecache.policy_for(_request(LIST)).timeout
    assert timeout <= 60
    now = timezone.now()
    make_event(
        title="Ølkveld som slutter nå",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(seconds=timeout // 2),
    )
    html, outcome = _get(Client(), LIST)
    assert outcome == "miss" and "Ølkveld som slutter nå" in html

    def later(seconds):
        real_now, real_time = timezone.now, time.time
        monkeypatch.setattr(
            timezone, "now", lambda: real_now() + datetime.timedelta(seconds=seconds)
        )
        # The page caches (this process's memory, the shared one) read the clock from time.time().
        monkeypatch.setattr(time, "time", lambda: real_time() + seconds)

    # The event has ended, but the page written before is still within its timeout.
    later(timeout // 2 + 1)
    assert _get(Client(), LIST)[1] == "hit"
    monkeypatch.undo()
    # A timeout later the list is rendered anew, without it.
    later(timeout + 1)
    html, outcome = _get(Client(), LIST)
    assert outcome == "miss"
    assert "Ølkveld som slutter nå" not in html


def _request(path):
    from django.test import RequestFactory

    return RequestFactory().get(path)


def test_a_member_gets_the_visitors_list_as_their_own_would_be(page_cache, event):
    member = Client()
    member.force_login(UserFactory())
    member_copy_matches_their_own(page_cache, member, LIST)


def test_a_registered_member_gets_the_event_page_rendered_for_them(page_cache, event):
    url = event.get_absolute_url()
    _get(Client(), url)
    assert _get(Client(), url)[1] == "hit"
    person = UserFactory()
    services.registration_create(event=event, user=person)
    member = Client()
    member.force_login(person)
    html, outcome = _get(member, url)
    assert outcome == "bypass"
    assert "registration-status" in html  # their own registration, not the visitors' page
