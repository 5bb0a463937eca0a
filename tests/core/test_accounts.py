"""Sign-up with email verification, log-in, rate limiting, password reset, the OIDC button."""

import re

import pytest
from django.core import mail

from samspill.core.models import User

pytestmark = pytest.mark.django_db


def test_sign_up_sends_a_verification_email_through_the_task_queue(
    client, home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/konto/signup/",
            {
                "email": "ny@example.org",
                "password1": "et-langt-passord-9",
                "password2": "et-langt-passord-9",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="ny@example.org")
    assert not user.emailaddress_set.get().verified
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/konto/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified


def test_log_in_with_email_and_password(client, user, home_page):
    response = client.post(
        "/konto/login/", {"login": user.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/konto/profil/"


def test_repeated_failed_log_ins_are_rate_limited(client, user, home_page):
    for _ in range(5):
        client.post("/en/konto/login/", {"login": user.email, "password": "wrong"})
    response = client.post(
        "/en/konto/login/", {"login": user.email, "password": "correct-horse-battery"}
    )
    assert response.status_code in (200, 429)  # not logged in: the account is locked for now
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content


def test_password_reset_sends_an_email(client, user, home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/konto/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert user.email in message.to
    # allauth's text inside the hub's base, like every email: HTML too, no unsubscribe.
    html = next(content for content, mime in message.alternatives if mime == "text/html")
    assert 'role="presentation"' in html and "email-logo.png" in html
    assert "List-Unsubscribe" not in message.extra_headers
    from samspill.core.models import EmailLog

    assert EmailLog.objects.get().kind == "core.account"


def test_log_in_page_offers_the_configured_openid_connect_provider(client, home_page, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "idporten",
                    "name": "ID-porten",
                    "client_id": "samspill",
                    "secret": "s3cret",
                    "settings": {"server_url": "https://idporten.example"},
                }
            ]
        }
    }
    html = client.get("/konto/login/").content.decode()
    assert "ID-porten" in html
    assert "/konto/oidc/idporten/login/" in html
