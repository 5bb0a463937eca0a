"""Templated emails: rendered in the recipient's language (or the site's default), the subject on
one line, queued after the commit like every other email."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import override_settings

from samspill.core.mail import language_of, send_templated

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "t/hello_subject.txt": "{% load i18n %}\n  {% translate 'Yes' %}\n {{ name }}\n",
                        "t/hello.txt": (
                            "{% load i18n %}{% get_current_language as l %}{{ l }} {{ site_name }} "
                            "{{ name }}"
                        ),
                    },
                ),
                # The hub's base templates (core/email/base.*).
                "django.template.loaders.app_directories.Loader",
            ]
        },
    }
]


@pytest.mark.parametrize(
    ("recipient", "expected"),
    [
        (SimpleNamespace(preferred_language="da"), "da"),
        (SimpleNamespace(preferred_language="en-gb"), "en"),
        (SimpleNamespace(preferred_language="sv"), "nb"),  # not spoken here: the default
        (SimpleNamespace(preferred_language=""), "nb"),
        (SimpleNamespace(), "nb"),  # an anonymous user has no preference
        ("da", "da"),
        ("EN", "en"),
        ("", "nb"),
        (None, "nb"),
    ],
)
@override_settings(LANGUAGE_CODE="nb")
def test_language_of(recipient, expected):
    assert language_of(recipient) == expected


@pytest.mark.django_db
@override_settings(TEMPLATES=TEMPLATES, LANGUAGE_CODE="nb")
def test_send_templated_renders_in_the_recipients_language_after_the_commit(
    django_capture_on_commit_callbacks,
):
    person = SimpleNamespace(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        send_templated(
            "t/hello",
            to="kari@example.org",
            recipient=person,
            context={"name": "Kari"},
            attachments=[("invite.ics", "BEGIN:VCALENDAR", "text/calendar")],
            reply_to=["ola@example.org"],
        )
        assert mail.outbox == []  # nothing leaves before the commit
    (message,) = mail.outbox
    assert message.subject == "Yes Kari"
    assert message.body.startswith("en ") and " Kari\n\n-- \n" in message.body
    assert message.to == ["kari@example.org"]
    assert message.reply_to == ["ola@example.org"]
    assert message.attachments[0][0] == "invite.ics"


@pytest.mark.django_db
@override_settings(TEMPLATES=TEMPLATES, LANGUAGE_CODE="nb")
def test_a_given_language_wins_and_an_empty_to_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_templated("t/hello", to=["", None], context={"name": "x"}, language="da")
        send_templated(
            "t/hello",
            to=["a@example.org"],
            recipient=SimpleNamespace(preferred_language="en"),
            context={"name": "Åse"},
            language="da",
        )
    (message,) = mail.outbox
    assert message.subject == "Ja Åse"
    assert message.body.startswith("da ")
