"""`samspill setup`: a hub of one's own from a freshly migrated database, without the demo."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Page, Revision, Site

from samspill.answers.models import Synonym
from samspill.core.models import (
    Audience,
    HomePage,
    HubSettings,
    Membership,
    Municipality,
    Organisation,
    Region,
    StandardPage,
    User,
)
from samspill.knowledge.models import ArticlePage, KnowledgeIndexPage
from samspill.network.models import NeedOfferCategory

pytestmark = pytest.mark.django_db

PASSWORD = "et-langt-passord-9"
FLAGS = {
    "name": "Musikkhuben Vest",
    "url": "https://hub.example.org",
    "admin_email": "Admin@Example.org",
    "admin_password": PASSWORD,
    "interactive": False,
}


def setup(**options):
    call_command("setup", **{**FLAGS, **options})


def counts() -> dict[str, int]:
    models = (Page, Revision, Site, HubSettings, Audience, NeedOfferCategory, Region)
    models += (Municipality, User, EmailAddress, Organisation, Membership, Synonym, Group)
    return {model.__name__: model.objects.count() for model in models}


def test_a_fresh_database_gets_the_hub_skeleton_without_fictional_content(client, settings):
    setup(contact_email="post@example.org")
    homes = {home.locale.language_code: home for home in HomePage.objects.all()}
    assert set(homes) == {code for code, _name in settings.LANGUAGES}
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.site_name) == (
        "hub.example.org",
        443,
        "Musikkhuben Vest",
    )
    assert site.root_page_id == homes["nb"].pk
    assert not Page.objects.filter(depth=2).exclude(pk__in=[h.pk for h in homes.values()]).exists()
    for code, home in homes.items():
        slugs = set(home.get_children().live().values_list("slug", flat=True))
        assert {"om", "personvern", "tilgjengelighet", "kunnskap"} <= slugs, code
    assert KnowledgeIndexPage.objects.count() == len(homes)
    privacy = StandardPage.objects.get(locale=homes["en"].locale, slug="personvern")
    assert "Musikkhuben Vest" in privacy.body and "download" in privacy.body
    assert 'href="mailto:post@example.org"' in privacy.body
    accessibility = StandardPage.objects.get(locale=homes["da"].locale, slug="tilgjengelighet")
    assert "Digitaliseringsstyrelsen" in accessibility.body and "[Udfyld" not in accessibility.body
    assert (
        "uutilsynet"
        in StandardPage.objects.get(locale=homes["nb"].locale, slug="tilgjengelighet").body
    )
    if "nn" in homes:
        privacy_nn = StandardPage.objects.get(locale=homes["nn"].locale, slug="personvern")
        assert "Behandlingsansvarleg" in privacy_nn.body
        assert KnowledgeIndexPage.objects.get(locale=homes["nn"].locale).live
    hub_settings = HubSettings.for_site(site)
    assert hub_settings.privacy_page.slug == "personvern"
    assert hub_settings.operator == "Musikkhuben Vest"
    assert hub_settings.contact_email == "post@example.org"
    assert Audience.objects.count() >= 7 and NeedOfferCategory.objects.count() >= 15
    assert Municipality.objects.filter(country="NO").exists()
    assert Municipality.objects.filter(country="DK").exists()
    assert Synonym.objects.filter(terms__startswith="ENK").exists()
    # No fictional people or organisations: the operator's organisation and its admin only.
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Musikkhuben Vest"]
    admin = User.objects.get()
    assert admin.email == "admin@example.org" and admin.is_superuser and admin.is_staff
    assert admin.check_password(PASSWORD)
    assert EmailAddress.objects.get(user=admin).verified
    assert Membership.objects.get(user=admin).role == "admin"
    html = client.get("/").content.decode()
    assert "Welcome to your new Wagtail site" not in html
    assert "Musikkhuben Vest" in html


def test_setup_twice_changes_nothing_and_keeps_what_editors_changed():
    setup()
    privacy = StandardPage.objects.get(locale__language_code="nb", slug="personvern")
    privacy.body = "<p>Vår egen personvernerklæring.</p>"
    privacy.save_revision().publish()
    admin = User.objects.get()
    admin.set_password("a-new-password-42")
    admin.save()
    before = counts()
    setup()
    assert counts() == before
    privacy.refresh_from_db()
    assert privacy.body == "<p>Vår egen personvernerklæring.</p>"
    assert User.objects.get().check_password("a-new-password-42")
    # Without admin flags, a hub that has its admin asks for none.
    call_command("setup", interactive=False)
    assert counts() == before


def test_the_password_can_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SAMSPILL_ADMIN_PASSWORD", PASSWORD)
    setup(admin_password=None)
    assert User.objects.get().check_password(PASSWORD)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"admin_email": "not-an-address"}, "is not a valid email address"),
        ({"admin_password": "12345678"}, "The password is too weak"),
        ({"admin_password": "admin@example.org"}, "The password is too weak"),
        ({"admin_password": None}, "needs a password"),
        ({"admin_email": None}, "needs its first admin"),
        ({"url": "hub.example.org"}, "is not a web address"),
        ({"url": "ftp://hub.example.org"}, "is not a web address"),
        ({"url": "https://hub.example.org/hub/"}, "must be the hub's root"),
        ({"name": "   "}, "needs a name"),
        ({"contact_email": "post@"}, "is not a valid email address"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_is_written(
    options, message, monkeypatch
):
    monkeypatch.delenv("SAMSPILL_ADMIN_PASSWORD", raising=False)
    before = counts()
    with translation.override("en"), pytest.raises(CommandError, match=message):
        setup(**options)
    assert counts() == before
    assert not HomePage.objects.exists()


def test_a_public_site_url_must_agree_with_url(settings):
    settings.SITE_URL = "https://other.example.org"
    with translation.override("en"), pytest.raises(CommandError, match="SITE_URL is"):
        setup()
    setup(url="https://other.example.org")
    assert Site.objects.get(is_default_site=True).hostname == "other.example.org"


def test_an_existing_account_becomes_hub_admin_and_keeps_its_password():
    from samspill.core import services

    services.user_create(email="admin@example.org", password="own-password-77", email_verified=True)
    setup()
    admin = User.objects.get()
    assert admin.is_superuser and admin.check_password("own-password-77")


def test_serve_keeps_the_address_and_name_setup_gave(settings):
    from samspill.core import services

    setup()
    settings.SITE_URL = "http://127.0.0.1:8000"  # the development default: no SITE_URL set
    services.site_follow_settings()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.site_name) == ("hub.example.org", "Musikkhuben Vest")
    from samspill.core.selectors import hub_name

    assert hub_name() == "Musikkhuben Vest"


def test_import_knowledge_works_right_after_setup(tmp_path):
    setup()
    path = tmp_path / "articles.jsonl"
    lines = [
        {
            "id": "first-1",
            "title": "Hvordan søker jeg om tilskudd?",
            "body": "## Søknaden\nSkriv kort og konkret.",
            "language": "nb",
            "topics": ["Tilskudd"],
            "audiences": ["self-employed"],
        },
        {
            "id": "first-2",
            "title": "Hvordan søger jeg om tilskud?",
            "body": "## Ansøgningen\nSkriv kort.",
            "language": "da",
            "topics": ["Tilskud"],
            "audiences": [],
        },
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    call_command("import_knowledge", str(path), no_progress=True)
    articles = ArticlePage.objects.live()
    assert articles.count() == 2
    assert {a.organisation.name for a in articles} == {"Musikkhuben Vest"}
    assert articles.get(external_id="first-2").locale.language_code == "da"


def test_asks_for_what_the_flags_leave_out_and_asks_again_after_a_bad_answer(monkeypatch):
    from samspill.core.management.commands import setup as command

    answers = iter(
        ["Kulturhuben", "not a url", "https://kultur.example.org", "", "", "kontor@example.org"]
    )
    passwords = iter(["kort", "kort", PASSWORD, "another", PASSWORD, PASSWORD])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr(command.getpass, "getpass", lambda prompt: next(passwords))
    monkeypatch.setattr(command.sys.stdin, "isatty", lambda: True)
    monkeypatch.delenv("SAMSPILL_ADMIN_PASSWORD", raising=False)
    with translation.override("en"):
        call_command("setup")
    site = Site.objects.get(is_default_site=True)
    assert (site.site_name, site.hostname) == ("Kulturhuben", "kultur.example.org")
    assert Organisation.objects.get().name == "Kulturhuben"  # the default operator: the hub
    admin = User.objects.get()
    assert admin.email == "kontor@example.org" and admin.check_password(PASSWORD)
    assert next(answers, None) is None and next(passwords, None) is None


def test_serve_says_when_the_database_has_no_hub():
    from samspill import cli

    with translation.override("en"):
        assert "No hub yet in this database: run “samspill setup”" in cli._follow_settings()
        setup()
        assert cli._follow_settings() == ""


def test_the_hub_shows_its_own_name_once_in_the_header_and_the_home_pages_title(client):
    setup()
    html = client.get("/").content.decode()
    assert "<title>Musikkhuben Vest</title>" in html
    assert '<a class="brand" href="/">Musikkhuben Vest<span' in html
    about = client.get("/om/").content.decode()
    assert "– Musikkhuben Vest</title>" in about
