"""Limits that must hold across processes: `samspill serve` runs several gunicorn workers, and a
limit each of them counted on its own would let each one's share through."""

import http.client
import re
import textwrap

import pytest

from tests.served import HOST, served

pytestmark = [pytest.mark.xdist_group("server")]

EMAIL = "kari@example.org"
SETUP_SCRIPT = textwrap.dedent(
    f"""
    import json
    import django
    django.setup()
    from allauth.account.models import EmailAddress
    from samspill.core.models import User

    user = User.objects.create_user(email="{EMAIL}", password="correct-horse-battery")
    EmailAddress.objects.create(user=user, email="{EMAIL}", verified=True, primary=True)
    print(json.dumps({{"user": user.pk}}))
    """
)


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    # Rate limits on, as in production (the harness turns the hub's own limits off by default).
    yield from served(tmp_path_factory, "limits", SETUP_SCRIPT, env={"SAMSPILL_RATE_LIMITS": ""})


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
