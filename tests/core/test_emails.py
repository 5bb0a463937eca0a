"""Every email alike (issue 19): HTML and plain text from one template set inside the hub's base
(name, logo, address), absolute links, `List-Unsubscribe` with one click (RFC 8058) for the kinds
one may unsubscribe from, the unsubscribe page without log-in, skipping opted-out addresses, the
EmailLog, the admin's report and the log's pruning."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from samspill.core import mail as core_mail
from samspill.core import registry
from samspill.core.models import Delivery, EmailLog, EmailOptOut, NotificationSetting
from samspill.core.unsubscribe import masked, unsubscribe_token, unsubscribe_url
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "context_processors": [],
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "t/news_subject.txt": "{% load i18n %}{% translate 'Yes' %} {{ name }}",
                        "t/news.txt": "Hello {{ name }} & co,\n\nRead more: {{ site_url }}/x/\n",
                        "t/fancy_subject.txt": "Fancy",
                        "t/fancy.txt": "Plain {{ name }}",
                        "t/fancy.html": (
                            '{% extends "core/email/base.html" %}'
                            "{% block content %}<h1>Fancy {{ name }}</h1>{% endblock %}"
                        ),
                    },
                ),
                "django.template.loaders.app_directories.Loader",
            ],
        },
    }
]

NEWS = "test.news"
RECEIPT = "test.receipt"


@pytest.fixture(autouse=True)
def kinds():
    registry.register_notification_kind(
        registry.NotificationKind(name=NEWS, label=lambda: "Test news", default="immediate")
    )
    registry.register_notification_kind(
        registry.NotificationKind(name=RECEIPT, label=lambda: "Receipts", transactional=True)
    )
    registry.register_notification_kind(
        registry.NotificationKind(name="test.other", label=lambda: "Other", default="immediate")
    )
    yield
    for name in (NEWS, RECEIPT, "test.other"):
        registry._registry.notification_kinds.pop(name, None)


def send(kind, to="kari@example.org", template="t/news", **kwargs):
    return core_mail.send_templated(
        template, to=to, context={"name": "Kari"}, language="en", kind=kind, **kwargs
    )


def html_of(message) -> str:
    (html,) = [content for content, mime in message.alternatives if mime == "text/html"]
    return html


@override_settings(TEMPLATES=TEMPLATES)
def test_html_and_text_from_the_text_template_inside_the_hubs_base(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send(RECEIPT) == 1
    (message,) = mail.outbox
    assert message.subject == "Yes Kari"
    assert message.body.startswith("Hello Kari & co,\n\nRead more: ")
    hub = core_mail.hub_name()
    assert f"-- \n{hub} · {settings.SITE_URL}" in message.body
    html = html_of(message)
    assert '<html lang="en">' in html
    assert 'role="presentation"' in html
    assert "Hello Kari &amp; co," in html  # escaped
    assert f'<a href="{settings.SITE_URL}/x/"' in html  # links made links, absolute
    assert f'src="{settings.SITE_URL}/static/samspill/img/email-logo.png"' in html
    assert hub in html
    assert "<style" not in html and "<link" not in html  # inline styles only
    # Transactional: no unsubscribe anywhere.
    assert "List-Unsubscribe" not in message.extra_headers
    assert "unsubscribe" not in html.lower() and "avmeld" not in message.body


@override_settings(TEMPLATES=TEMPLATES)
def test_an_html_template_extends_the_base(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(RECEIPT, template="t/fancy")
    (message,) = mail.outbox
    assert message.body.startswith("Plain Kari")
    html = html_of(message)
    assert "<h1>Fancy Kari</h1>" in html and core_mail.hub_name() in html


@override_settings(TEMPLATES=TEMPLATES)
def test_a_non_transactional_kind_has_list_unsubscribe_and_a_footer_link(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        send(NEWS, to=["kari@example.org", "ola@example.org"])
    assert len(mail.outbox) == 2  # one each: each has its own link
    for message in mail.outbox:
        (address,) = message.to
        url = unsubscribe_url(address, NEWS, language="en")
        assert url.startswith(settings.SITE_URL + "/en/")
        assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert url in message.body and "Test news" in message.body
        assert f'href="{url}"' in html_of(message)
        built = message.message()  # the headers survive into the real message
        assert built["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@override_settings(TEMPLATES=TEMPLATES)
def test_the_worker_logs_each_sent_email(django_capture_on_commit_callbacks):
    person = UserFactory(email="kari@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        send(NEWS)
        send(RECEIPT, to="ukjent@example.org")
    rows = {(row.kind, row.address, row.user_id, row.status) for row in EmailLog.objects.all()}
    assert rows == {
        (NEWS, "kari@example.org", person.pk, "sent"),
        (RECEIPT, "ukjent@example.org", None, "sent"),
    }
    assert EmailLog.objects.get(kind=NEWS).subject == "Yes Kari"


@override_settings(TEMPLATES=TEMPLATES)
def test_a_failed_send_is_logged(django_capture_on_commit_callbacks, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    def broken(self, *args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        send(NEWS)  # the task fails (and says so); the email waits for the retention
    assert EmailLog.objects.get().status == "failed"


@override_settings(TEMPLATES=TEMPLATES)
def test_skipped_when_opted_out_or_never(django_capture_on_commit_callbacks):
    person = UserFactory(email="ola@example.org")
    EmailOptOut.objects.create(address="kari@example.org", kind=NEWS)
    NotificationSetting.objects.create(user=person, kind=NEWS, delivery=Delivery.NEVER)
    with django_capture_on_commit_callbacks(execute=True):
        assert send(NEWS, to=["Kari@Example.org", "ola@example.org", "per@example.org"]) == 1
        assert send(NEWS, to="ola@example.org", recipient=person) == 0
        assert send("test.other", to="kari@example.org") == 1  # another kind still goes
        assert send(RECEIPT, to="kari@example.org") == 1  # transactional: always
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kari@example.org",
        "kari@example.org",
        "per@example.org",
    ]
    skipped = EmailLog.objects.filter(status="skipped")
    assert sorted(skipped.values_list("address", flat=True)) == [
        "kari@example.org",
        "ola@example.org",
        "ola@example.org",
    ]


# --- The unsubscribe page ---------------------------------------------------------------------------


def test_get_shows_a_confirmation_and_changes_nothing(client):
    url = unsubscribe_url("kari.nordmann@example.org", NEWS, language="nb")
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "k***@example.org" in page and "kari.nordmann" not in page
    assert "Test news" in page
    assert page.count('type="submit"') >= 1 and 'method="post"' in page
    assert not EmailOptOut.objects.exists()
    assert masked("x@y.no") == "x***@y.no"


@override_settings(TEMPLATES=TEMPLATES)
def test_one_click_post_without_login_stops_that_kind_only(django_capture_on_commit_callbacks):
    person = UserFactory(email="kari@example.org")
    url = unsubscribe_url("kari@example.org", NEWS, language="en")
    client = Client(enforce_csrf_checks=True)  # a mail client: no cookie, no CSRF token
    response = client.post(
        url,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert EmailOptOut.objects.filter(address="kari@example.org", kind=NEWS).exists()
    assert NotificationSetting.objects.get(user=person, kind=NEWS).delivery == "never"
    assert EmailLog.objects.get(status="unsubscribed").address == "kari@example.org"
    # Again: nothing new.
    assert client.post(url).status_code == 200
    assert EmailOptOut.objects.count() == 1 and EmailLog.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send(NEWS) == 0
        assert send("test.other") == 1
    assert [m.extra_headers["List-Unsubscribe"] for m in mail.outbox] == [
        f"<{unsubscribe_url('kari@example.org', 'test.other', language='en')}>"
    ]
    # The page now says it is done.
    page = client.get(url).content.decode()
    assert "data-unsubscribed" in page


def test_the_form_post_of_an_address_without_account(client):
    url = unsubscribe_url("gjest@example.org", NEWS)
    response = client.post(url)
    assert response.status_code == 200
    assert "data-unsubscribed" in response.content.decode()
    assert EmailOptOut.objects.filter(address="gjest@example.org", kind=NEWS).exists()
    assert not NotificationSetting.objects.exists()


@pytest.mark.parametrize(
    "token",
    ["nonsense", "a:b:c", unsubscribe_token("kari@example.org", NEWS)[:-3] + "xyz", "%00"],
)
def test_a_bad_token_gets_a_clear_page(client, token):
    for method in (client.get, client.post):
        response = method(f"/e-post/avmeld/{token}/")
        assert response.status_code == 400
        assert "<h1>" in response.content.decode()
    assert not EmailOptOut.objects.exists()


@override_settings(SAMSPILL_RATE_LIMITS="core.unsubscribe=2/h")
def test_the_post_is_rate_limited(client):
    for n in range(2):
        assert client.post(unsubscribe_url(f"p{n}@example.org", NEWS)).status_code == 200
    response = client.post(unsubscribe_url("p9@example.org", NEWS))
    assert response.status_code == 429
    assert not EmailOptOut.objects.filter(address="p9@example.org").exists()


# --- Admin: the report and the pruning ---------------------------------------------------------------


def test_the_report_counts_per_kind_in_one_query(client, hub_admin, queries):
    for status in ["sent", "sent", "failed", "bounced", "unsubscribed", "skipped"]:
        EmailLog.objects.create(kind=NEWS, address="a@example.org", status=status)
    EmailLog.objects.create(kind=RECEIPT, address="b@example.org", status="sent")
    old = EmailLog.objects.create(kind=RECEIPT, address="c@example.org", status="sent")
    EmailLog.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))
    with queries(1):
        report = core_mail.email_report()
    by_kind = {row["kind"]: row for row in report}
    assert by_kind[NEWS] | {"label": ""} == {
        "kind": NEWS,
        "label": "",
        "sent": 2,
        "failed": 1,
        "bounced": 1,
        "unsubscribed": 1,
        "skipped": 1,
    }
    assert by_kind[RECEIPT]["sent"] == 1
    client.force_login(hub_admin)
    response = client.get("/admin/email-report/")
    assert response.status_code == 200
    assert "Test news" in response.content.decode()


def test_the_report_is_for_hub_admins_only(client, user):
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get("/admin/email-report/").status_code in {302, 403}


def test_the_log_is_pruned_after_30_days():
    keep = EmailLog.objects.create(kind=NEWS, address="a@example.org", status="sent")
    gone = EmailLog.objects.create(kind=NEWS, address="b@example.org", status="sent")
    EmailLog.objects.filter(pk=gone.pk).update(at=timezone.now() - timedelta(days=31))
    assert registry.periodic_job("core.prune_email_log").run() == {"deleted": 1}
    assert list(EmailLog.objects.all()) == [keep]


def test_wagtails_workflow_notices_are_queued_inside_the_base(django_capture_on_commit_callbacks):
    from wagtail.admin import mail as wagtail_mail

    person = UserFactory(email="redaktor@example.org", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        assert wagtail_mail.send_mail("Page submitted", "Please review.", [person.email]) == 1
        assert mail.outbox == []  # queued, sent after the commit by the worker
    (message,) = mail.outbox
    assert message.body.startswith("Please review.\n\n-- \n")
    assert "List-Unsubscribe" in message.extra_headers
    assert '<html lang="en">' in html_of(message)
    assert EmailLog.objects.get().kind == "core.workflow"
