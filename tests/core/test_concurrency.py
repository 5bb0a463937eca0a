"""Limits that must hold across processes: `samspill serve` runs several gunicorn workers, and a
limit each of them counted on its own would let each one's share through."""

import http.client
import re
import textwrap

import pytest

from tests.served import HOST, served

pytestmark = [pytest.mark.xdist_group("server")]

EMAIL = "kari@example.org"
REGISTRATIONS = 4  # per address and hour
SETUP_SCRIPT = textwrap.dedent(
    f"""
    import json
    import django
    django.setup()
    import datetime
    from allauth.account.models import EmailAddress
    from django.utils import timezone
    from samspill.core.models import Organisation, User
    from samspill.events import services
    from samspill.events.models import Event

    user = User.objects.create_user(email="{EMAIL}", password="correct-horse-battery")
    EmailAddress.objects.create(user=user, email="{EMAIL}", verified=True, primary=True)
    organiser = Organisation.objects.create(
        name="Konsertfabrikken", slug="konsertfabrikken", kind="venue", country="NO"
    )
    starts = (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)
    event = Event(
        title="Åpent møte", kind="gathering", is_published=True, summary="Alle er velkomne.",
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
        attendance_mode="onsite", venue_name="Kulturhuset", street_address="Storgata 1",
        capacity=500, waiting_list=True,
    )
    event = services.event_save(actor=None, event=event, organisers=[organiser])
    print(json.dumps({{"user": user.pk, "event": event.pk}}))
    """
)


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    # Rate limits on (the harness turns the hub's own limits off by default), behind a proxy on
    # 127.0.0.1 (the test client) that forwards the client's address.
    env = {
        "SAMSPILL_RATE_LIMITS": f"events.register={REGISTRATIONS}/h",
        "BEHIND_PROXY": "true",
        "TRUSTED_PROXIES": "127.0.0.1",
    }
    yield from served(tmp_path_factory, "limits", SETUP_SCRIPT, env=env)


def _guess(instance, password: str) -> str:
    """One log-in attempt on a connection of its own (so gunicorn hands it to any worker)."""
    connection = http.client.HTTPConnection(HOST, instance.port, timeout=60)
    try:
        connection.request("GET", "/en/konto/login/")
        response = connection.getresponse()
        page = response.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    finally:
        connection.close()
    connection = http.client.HTTPConnection(HOST, instance.port, timeout=60)
    try:
        from urllib.parse import urlencode

        body = urlencode({"csrfmiddlewaretoken": token, "login": EMAIL, "password": password})
        connection.request(
            "POST",
            "/en/konto/login/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
                "Referer": f"http://{HOST}:{instance.port}/en/konto/login/",
            },
        )
        response = connection.getresponse()
        page = response.read().decode()
    finally:
        connection.close()
    if "Too many failed login attempts" in page:
        return "refused"
    if response.status == 302:
        return "signed in"
    return "wrong"


def test_five_log_in_guesses_per_account_across_worker_processes(instance):
    answers = [_guess(instance, f"guess-{n}") for n in range(9)]
    assert answers == ["wrong"] * 5 + ["refused"] * 4, instance.log()
    # Even the right password is refused while the account is locked.
    assert _guess(instance, "correct-horse-battery") == "refused"


def test_the_hubs_rate_limits_hold_across_processes_and_key_on_the_forwarded_address(instance):
    path = f"/api/v1/events/{instance.prepared['event']}/registrations"

    def call(n: int, client: str):
        body = {"name": f"Gjest {n}", "email": f"gjest{n}@example.org", "consent": True}
        # What a client writes into X-Forwarded-For itself is left of what the proxy appended.
        return ("POST", path, body, {"X-Forwarded-For": f"10.0.0.{n}, {client}"})

    replies = instance.at_once([call(n, "203.0.113.9") for n in range(12)])
    statuses = sorted(reply.status for reply in replies)
    assert statuses == [201] * REGISTRATIONS + [429] * (12 - REGISTRATIONS), instance.log()
    # Another client behind the same proxy has a count of its own.
    assert instance.at_once([call(99, "203.0.113.10")])[0].status == 201
