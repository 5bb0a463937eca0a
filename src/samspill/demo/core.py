"""Core's part of the demo hub: places, audiences, the organisations of the source documents,
fictional people, and the hub's pages.

Idempotent: whatever exists already (by slug, code or email) is left as it is, so a second run
changes nothing and an editor's changes to demo content survive.
"""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from samspill.core import reference, services
from samspill.core.models import (
    Audience,
    HomePage,
    HubSettings,
    Membership,
    Municipality,
    Organisation,
    StandardPage,
    User,
)
from samspill.demo.data import load

DATA = load("core")
AUDIENCES = DATA["audiences"]  # (slug, bokmål, Danish, English)
# The source documents' organisations: (slug, name, kind, country, municipality code, website,
# summary); the Danish municipalities of the cultural agreement; fictional organisations: (slug,
# name, kind, country, municipality code, org number, summary).
ORGANISATIONS = DATA["organisations"]
DANISH_MUNICIPALITIES = DATA["danish_municipalities"]
FICTIONAL_ORGANISATIONS = DATA["fictional_organisations"]
# Fictional people: (email, name, title, password, hub admin, listed, [(organisation, role)]).
PEOPLE = DATA["people"]
# The hub's own pages: (slug, title, hub setting, lead, body).
PAGES = DATA["pages"]
# The hub's own pages in Danish and English: (title, lead, body) by slug; "" is the home page.
TRANSLATIONS = DATA["translations"]


def _load_places() -> None:
    """The official lists (a migration has loaded them already; this brings an old demo up to
    date). The demo's own places are a selection of them (`core.data.places`)."""
    reference.ensure_reference_data()


def _load_audiences() -> None:
    for order, (slug, nb, da, en) in enumerate(AUDIENCES):
        Audience.objects.get_or_create(
            slug=slug, defaults={"name_nb": nb, "name_da": da, "name_en": en, "sort_order": order}
        )


def _organisation(slug, name, kind, country, municipality_code, org_number, website, summary):
    if Organisation.objects.filter(slug=slug).exists():
        return
    services.organisation_create(
        actor=None,
        slug=slug,
        name=name,
        kind=kind,
        country=country,
        org_number=org_number,
        municipality=Municipality.objects.filter(country=country, code=municipality_code).first(),
        website=website,
        summary=summary,
    )


def _load_organisations() -> None:
    for slug, name, kind, country, code, website, summary in ORGANISATIONS:
        _organisation(slug, name, kind, country, code, "", website, summary)
    for name in DANISH_MUNICIPALITIES:
        municipality = Municipality.objects.get(country="DK", name=name)
        _organisation(
            municipality.name.lower().replace("ø", "o").replace("æ", "ae").replace("å", "aa"),
            f"{name} Kommune",
            "municipality",
            "DK",
            municipality.code,
            "",
            "",
            f"Deltakerkommune i kulturaftalen og Musikmetropolen ({municipality.region}).",
        )
    for slug, name, kind, country, code, org_number, summary in FICTIONAL_ORGANISATIONS:
        _organisation(slug, name, kind, country, code, org_number, "", summary)


def _load_people() -> list[str]:
    logins = []
    for email, name, title, password, superuser, listed, memberships in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = services.user_create(
                email=email,
                password=password,
                hub_admin=superuser,
                email_verified=True,
                name=name,
                title=title,
                is_listed=listed,
                show_title=listed,
            )
            for slug, role in memberships:
                organisation = Organisation.objects.get(slug=slug)
                if not Membership.objects.filter(user=user, organisation=organisation).exists():
                    services.membership_create(
                        actor=None, organisation=organisation, user=user, role=role
                    )
        what = "hub admin" if superuser else ", ".join(f"{r} of {s}" for s, r in memberships)
        logins.append(f"{email} / {password}  ({what})")
    return logins


def _translate(page, language: str, title: str, lead: str, body: str) -> None:
    locale, _ = Locale.objects.get_or_create(language_code=language)
    if page.has_translation(locale):
        return
    translation = page.copy_for_translation(locale).specific
    translation.title = title
    translation.lead = lead
    setattr(translation, "intro" if isinstance(translation, HomePage) else "body", body)
    translation.save_revision().publish()


def _load_translations(home: HomePage) -> None:
    for language, pages in TRANSLATIONS.items():
        _translate(home, language, *pages[""])
        for page in StandardPage.objects.child_of(home):
            if page.slug in pages:
                _translate(page, language, *pages[page.slug])


def _load_pages() -> None:
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        home = HomePage(**DATA["home"])
        root.add_child(instance=home)
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "samspill"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="samspill",
            )
        # Wagtail's own placeholder page ("Welcome to your new Wagtail site!") goes.
        if old_root and old_root.specific_class is Page and old_root.pk != home.pk:
            old_root.delete()
    services.site_follow_settings()
    site = Site.objects.get(is_default_site=True)
    hub_settings = HubSettings.for_site(site)
    changed = False
    if not hub_settings.tagline:
        for name, value in DATA["hub_settings"].items():
            setattr(hub_settings, name, value)
        changed = True
    for slug, title, setting, lead, body in PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = StandardPage(title=title, slug=slug, lead=lead, body=body)
            home.add_child(instance=page)
        if getattr(hub_settings, f"{setting}_id") is None:
            setattr(hub_settings, setting, page)
            changed = True
    if changed:
        hub_settings.save()
    _load_translations(home)


def build() -> list[str]:
    with transaction.atomic():
        _load_places()
        _load_audiences()
        _load_organisations()
        logins = _load_people()
        _load_pages()
    return logins
