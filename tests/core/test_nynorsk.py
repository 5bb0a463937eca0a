"""Nynorsk (nn) is a full interface language: /nn/, the language switcher, the person's choice,
emails, dates and the API; pages without a nynorsk translation are served in bokmål under /nn/,
their content marked lang="nb" inside an interface marked lang="nn"."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone, translation
from wagtail.models import Locale

from samspill.core.mail import language_of, send_templated
from samspill.core.models import StandardPage
from samspill.core.page_languages import fallback_order
from tests.core.language_links import switcher, switcher_links
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


def _about(home_page):
    return StandardPage.objects.get(locale=home_page.locale, slug="om")


def _in_nynorsk(page, **changes):
    copy = page.copy_for_translation(Locale.objects.get(language_code="nn"), copy_parents=True)
    for field, value in changes.items():
        setattr(copy, field, value)
    copy.save()
    return factories.publish(copy)


def test_the_hub_offers_nynorsk_and_a_locale_for_it_exists(settings):
    assert [code for code, _name in settings.LANGUAGES] == ["nb", "nn", "da", "en"]
    assert "nn" in dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    assert "nn" in dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES)
    assert Locale.objects.filter(language_code="nn").exists()  # core migration 0007_nynorsk


def test_fallback_order_puts_the_closest_written_language_first():
    assert fallback_order("nn") == ["nn", "nb", "da", "en"]
    assert fallback_order("nb") == ["nb", "nn", "da", "en"]
    assert fallback_order("da") == ["da", "nb", "nn", "en"]
    assert fallback_order("sv") == ["nb", "nn", "da", "en"]  # not a hub language


def test_front_page_under_nn_speaks_nynorsk_around_bokmal_content(client, home_page):
    response = client.get("/nn/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nn">' in html
    assert "Hopp til hovudinnhaldet" in html and "Hopp til hovedinnholdet" not in html
    # No nynorsk home page: the bokmål one is shown, its text marked as bokmål.
    assert response.context["page"].pk == home_page.pk
    hero = html.split('<section class="hero"', 1)[1]
    assert re.search(r'<div lang="nb">\s*<h1 id="hero-title">', hero)


@pytest.mark.parametrize("path", ["/", "/nn/", "/da/", "/en/", "/organisasjoner/"])
def test_the_language_switcher_offers_nynorsk_labelled_in_nynorsk(client, home_page, path):
    links = switcher(client.get(path).content.decode())
    assert [(link["lang"], link["hreflang"]) for link in links] == [
        ("nb", "nb"),
        ("nn", "nn"),
        ("da", "da"),
        ("en", "en"),
    ]
    assert links[1]["name"] == "Norsk (nynorsk)"
    current = {"/nn/": "nn", "/da/": "da", "/en/": "en"}.get(path, "nb")
    assert [link["lang"] for link in links if link["current"]] == [current]


def test_switching_to_nynorsk_keeps_the_page(client, home_page):
    link = switcher_links(client.get("/organisasjoner/").content.decode())["nn"]
    assert link == "/nn/organisasjoner/"
    html = client.get(link).content.decode()
    assert '<html lang="nn">' in html
    assert "Organisasjonar" in html


def test_a_page_without_a_nynorsk_translation_is_served_in_bokmal_under_nn(client, home_page):
    about = _about(home_page)
    # A page shows "Last updated" only with a date to give (issue 18: never an empty one).
    StandardPage.objects.filter(pk=about.pk).update(
        first_published_at=timezone.now(), last_published_at=timezone.now()
    )
    response = client.get("/nn/om/")
    assert response.status_code == 200  # served here, not redirected to bokmål
    assert response.context["page"].pk == about.pk
    html = response.content.decode()
    assert '<html lang="nn">' in html
    main = html.split("<main", 1)[1]
    assert '<header class="page-header" lang="nb">' in main
    assert '<div class="prose" lang="nb">' in main
    # The interface around it stays nynorsk: "Last updated" is the chrome's, not the page's.
    assert "Sist oppdatert" in main
    # Links to bokmål pages keep the reader under /nn/; hreflang names the address that serves it.
    assert 'href="/nn/om/"' in html
    assert 'hreflang="nn" href="http://testserver/nn/om/"' in html


def test_a_nynorsk_translation_is_served_marked_nn_and_linked_from_bokmal(client, home_page):
    about = _about(home_page)
    about_nn = _in_nynorsk(about, title="Om huben", slug="om-huben")
    response = client.get("/nn/om/", follow=True)  # the bokmål address sends on to nynorsk
    assert response.redirect_chain[-1][0] == "/nn/om-huben/"
    assert response.context["page"].pk == about_nn.pk
    main = response.content.decode().split("<main", 1)[1]
    assert '<header class="page-header" lang="nn">' in main
    html = client.get("/om/").content.decode()
    assert 'hreflang="nn" href="http://testserver/nn/om-huben/"' in html
    assert 'hreflang="da" href="http://testserver/da/om/"' in html


def test_dates_are_formatted_in_nynorsk():
    day = datetime.date(2026, 12, 7)  # a Monday
    with translation.override("nn"):
        from django.utils.formats import date_format

        assert date_format(day, "DATE_FORMAT") == "7. desember 2026"
        assert date_format(day, "l") == "måndag"


EMAIL_TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "t/note_subject.txt": "{% load i18n %}{% translate 'Not found.' %}",
                        "t/note.txt": (
                            "{% load i18n %}{% get_current_language as l %}{{ l }}: "
                            "{{ when|date:'l j. F Y' }}. {% translate 'Log in' %}"
                        ),
                    },
                ),
                "django.template.loaders.app_directories.Loader",  # the hub's email base
            ]
        },
    }
]


@pytest.mark.parametrize(
    ("recipient", "expected"),
    [(SimpleNamespace(preferred_language="nn"), "nn"), ("nn-NO", "nn"), ("nn", "nn")],
)
@override_settings(LANGUAGE_CODE="nb")
def test_nynorsk_readers_get_nynorsk_emails(recipient, expected):
    assert language_of(recipient) == expected


@override_settings(TEMPLATES=EMAIL_TEMPLATES, LANGUAGE_CODE="nb")
def test_an_email_to_a_nynorsk_reader_is_written_in_nynorsk(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_templated(
            "t/note",
            to="sigrid@example.org",
            recipient=SimpleNamespace(preferred_language="nn"),
            context={"when": datetime.date(2026, 12, 7)},
        )
    (message,) = mail.outbox
    assert message.subject == "Ikkje funne."
    assert message.body.startswith("nn: måndag 7. desember 2026. Logg inn\n")


@pytest.mark.parametrize("header", ["nn", "nn-NO,nn;q=0.9,nb;q=0.8", "en;q=0.5, nn"])
def test_the_api_answers_in_nynorsk(client, header):
    response = client.get("/api/v1/organisations/finnes-ikke", HTTP_ACCEPT_LANGUAGE=header)
    assert response["Content-Language"] == "nn"
    assert response.json()["error"]["message"] == "Ikkje funne."


def test_the_api_still_takes_no_as_bokmal(client):
    response = client.get("/api/v1/organisations/finnes-ikke", HTTP_ACCEPT_LANGUAGE="no")
    assert response["Content-Language"] == "nb"


def test_a_person_who_switches_to_nynorsk_keeps_it_and_gets_emails_in_it(client, user, home_page):
    # The old language form's address stays for bookmarks and forms elsewhere; the header links.
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "nn", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "nn"
    assert language_of(user) == "nn"
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})  # not a hub language
    user.refresh_from_db()
    assert user.preferred_language == "nn"


def test_a_person_can_choose_nynorsk_on_the_profile(client, user, home_page):
    client.force_login(user)
    html = client.get("/nn/konto/profil/").content.decode()
    assert '<option value="nn">Norsk nynorsk</option>' in html
    response = client.post(
        "/konto/profil/", {"name": "Sigrid", "title": "", "bio": "", "preferred_language": "nn"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "nn"
    response = client.post("/konto/profil/", {"name": "Sigrid", "preferred_language": "sv"})
    assert response.status_code == 200  # not offered: the form says so
    user.refresh_from_db()
    assert user.preferred_language == "nn"


def test_the_topic_api_takes_nn_and_falls_back_to_bokmal(client, home_page):
    topic = factories.topic_page(factories.index_page(home_page))
    url = f"/api/v1/topics/{topic.slug}"
    assert client.get(url, {"language": "nn"}).json()["language"] == "nb"
    _in_nynorsk(topic, title="Skatt og status på nynorsk")
    answer = client.get(url, {"language": "nn"}).json()
    assert (answer["language"], answer["title"]) == ("nn", "Skatt og status på nynorsk")
    assert len(client.get("/api/v1/topics", {"language": "nn"}).json()) == 1
