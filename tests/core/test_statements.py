"""The hub's privacy and accessibility statements (data/hub_pages.json, built by `samspill setup`
and the demo): they hold what the GDPR and the Norwegian and Danish accessibility rules ask of
them, in every language, with facts that match the code."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from samspill.core import registry, skeleton
from samspill.core.models import HubSettings, StandardPage

pytestmark = pytest.mark.django_db

CONTACT = "personvern@example.org"
ASSESSED = datetime.date(2026, 12, 7)


@pytest.fixture
def hub():
    call_command(
        "setup",
        name="Musikkhuben Vest",
        url="https://hub.example.org",
        operator="Vestlandets musikkontor",
        contact_email=CONTACT,
        admin_email="admin@example.org",
        admin_password="et-langt-passord-9",
        interactive=False,
    )


def statement(slug: str, code: str) -> StandardPage:
    return StandardPage.objects.get(locale__language_code=code, slug=slug)


@pytest.mark.parametrize("code", ["nb", "nn", "da", "en"])
def test_the_privacy_statement_names_controller_bases_health_data_rights_and_both_authorities(
    hub, code
):
    page = statement("personvern", code)
    body = page.body
    # The controller and the contact come from what the operator told the setup.
    assert "Vestlandets musikkontor" in body
    assert f'href="mailto:{CONTACT}"' in body
    # Legal bases per processing, and health data in dietary answers on explicit consent.
    for basis in ("6", "9"):
        assert re.search(rf"(art\.|artikkel|Article|Art\.) ?{basis}", body), basis
    assert body.count("<h3>") >= 8
    # The right to complain, to both countries' authorities.
    assert 'href="https://www.datatilsynet.no/"' in body
    assert 'href="https://www.datatilsynet.dk/"' in body
    # Access/export and erasure are links to the profile's own pages, in the page's language.
    with translation.override(code):
        assert f'href="{reverse("core:my-data")}"' in body
        assert f'href="{reverse("core:account-delete")}"' in body
    # The retention the code applies to the email queue and task results.
    assert f"{settings.TASKS_RESULT_RETENTION_DAYS} " in body
    # Nothing is left for the operator to fill in when they named themselves and a contact.
    assert "[" not in body and "{" not in body
    assert page.statement_date == timezone.localdate() and page.assessed_on is None


@pytest.mark.parametrize("code", ["nb", "nn", "da", "en"])
def test_the_accessibility_statement_is_honest_and_has_what_the_rules_require(hub, code):
    page = statement("tilgjengelighet", code)
    body = page.body
    # Compliance status: partial, against WCAG 2.1 AA; no claim of full compliance.
    assert "WCAG 2.1" in body
    assert re.search(r"delvis|delvist|partially", body)
    # Known gaps with their success criteria.
    for criterion in ("1.2.2", "1.1.1", "3.1.2"):
        assert criterion in body
    # How it was assessed.
    assert "axe-core" in body
    # The feedback route is the hub's contact.
    assert f'href="mailto:{CONTACT}"' in body
    # Enforcement in both countries, and where public bodies publish their statement.
    assert 'href="https://www.uutilsynet.no/"' in body and 'href="https://digst.dk/"' in body
    assert "uustatus.no" in body and "was.digst.dk" in body
    assert "[" not in body and "{" not in body
    # The statement's date and the last assessment's are fields the editors keep up to date.
    assert page.statement_date == timezone.localdate()
    assert page.assessed_on == ASSESSED


def test_the_statements_show_their_own_dates_and_the_about_page_its_publication(hub, client):
    response = client.get("/tilgjengelighet/")
    html = response.content.decode()
    assert "Sist oppdatert" in html and "Sist vurdert" in html
    assert f'<time datetime="{timezone.localdate().isoformat()}">' in html
    assert '<time datetime="2026-12-07">7. desember 2026</time>' in html
    english = client.get("/en/tilgjengelighet/").content.decode()
    assert "Last assessed" in english and '<time datetime="2026-12-07">' in english
    privacy = client.get("/personvern/").content.decode()
    assert "Sist oppdatert" in privacy and "Sist vurdert" not in privacy
    about = statement("om", "nb")
    assert about.statement_date is None and about.assessed_on is None
    html = client.get("/om/").content.decode()
    published = timezone.localtime(about.last_published_at)
    assert f'<time datetime="{published.isoformat()}">' in html


def test_an_editor_moves_the_dates_and_the_page_follows(hub, client):
    page = statement("tilgjengelighet", "nb")
    page.statement_date = datetime.date(2027, 3, 1)
    page.assessed_on = datetime.date(2027, 2, 20)
    page.save_revision().publish()
    html = client.get("/tilgjengelighet/").content.decode()
    assert '<time datetime="2027-03-01">' in html and '<time datetime="2027-02-20">' in html
    assert "2026-12-07" not in html


def test_a_hub_without_operator_or_contact_shows_what_to_fill_in():
    call_command(
        "setup",
        name="Ny hub",
        admin_email="admin@example.org",
        admin_password="et-langt-passord-9",
        interactive=False,
    )
    body = statement("personvern", "nb").body
    assert "[Fyll inn" in body and "datatilsynet.no" in body


def test_the_statements_are_the_hub_settings_pages(hub):
    hub_settings = HubSettings.objects.get()
    assert hub_settings.privacy_page.slug == "personvern"
    assert hub_settings.accessibility_page.slug == "tilgjengelighet"
    assert set(skeleton.hub_texts()["statements"]) == {"personvern", "tilgjengelighet"}


def test_every_source_of_personal_data_is_described_in_the_privacy_statement():
    """A new app that registers personal data (export and erasure) must be described in the
    privacy statement: add it there, then here."""
    described = {"event_registrations", "projects", "network", "surveys", "notifications"}
    assert {source.name for source in registry.personal_data_sources()} == described
