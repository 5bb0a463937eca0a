"""The skeleton of a new hub, without any fictional content: what `samspill setup` builds, and
what the demo builds its fictional content on.

Core's part: the official places, the standard audiences, the home page and the hub's pages
(about, privacy, accessibility) in every language of `settings.LANGUAGES`, Wagtail's default
Site (its root, host, port and name), the hub settings and, when the operator names it, the
organisation that runs the hub. Then every app's part, registered in `core.registry` (the
knowledge bank's front page, the needs and offers, the answer finder's synonyms, …).

Idempotent: only what is missing is created. A page that exists is never changed, so an
editor's work survives every later run; a translation appears for a language added later.
"""

import datetime
import functools
import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Site

from samspill.core import reference, registry, services
from samspill.core.models import (
    Audience,
    HomePage,
    HubSettings,
    Organisation,
    StandardPage,
)

HOME_SLUG = "samspill"

# The standard audiences: (slug, bokmål, Danish, English).
AUDIENCES = [
    ("self-employed", "Selvstendig næringsdrivende", "Selvstændig", "Self-employed"),
    ("employee", "Ansatt", "Ansat", "Employee"),
    ("organiser-venue", "Arrangør og spillested", "Arrangør og spillested", "Organiser or venue"),
    ("company", "Selskap", "Virksomhed", "Company"),
    ("start-up", "Oppstartsselskap", "Startup", "Start-up"),
    ("municipality", "Kommune", "Kommune", "Municipality"),
    ("student", "Student", "Studerende", "Student"),
]


@functools.cache
def hub_texts() -> dict:
    """data/hub_pages.json: the starting texts of the home page and the hub pages by language."""
    path = Path(__file__).resolve().parent / "data" / "hub_pages.json"
    with path.open(encoding="utf-8") as f:
        return json.load(f)


@dataclass(frozen=True)
class Hub:
    """What the operator tells the setup; empty values leave things as they are (or as the
    settings say, for a new hub)."""

    name: str = ""
    url: str = ""
    operator: str = ""
    contact_email: str = ""


def hub_exists() -> bool:
    """Whether this database holds a hub (a home page), built by setup or by the demo."""
    return HomePage.objects.exists()


def languages() -> list[str]:
    """The content languages, the default one first."""
    codes = [code for code, _name in settings.LANGUAGES]
    return [settings.LANGUAGE_CODE] + [c for c in codes if c != settings.LANGUAGE_CODE]


def _locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def _texts(code: str) -> dict:
    by_language = hub_texts()["languages"]
    return by_language.get(code) or by_language["en"]


def _fill(text: str, code: str, hub: Hub, name: str, *, html: bool) -> str:
    fill = _texts(code)["fill"]
    quote = escape if html else str
    if hub.contact_email:
        email = quote(hub.contact_email)
        contact = f'<a href="mailto:{email}">{email}</a>' if html else hub.contact_email
    else:
        contact = fill["contact"]
    with translation.override(code):
        my_data, delete = reverse("core:my-data"), reverse("core:account-delete")
    values = {
        "{hub}": quote(name),
        "{operator}": quote(hub.operator) if hub.operator else fill["operator"],
        "{contact}": contact,
        "{date}": fill["date"],
        # What the statements say of the code: its addresses and its retention settings.
        "{my_data_url}": my_data,
        "{delete_url}": delete,
        "{task_days}": str(settings.TASKS_RESULT_RETENTION_DAYS),
    }
    for token, value in values.items():
        text = text.replace(token, value)
    return text


# --- Reference data and taxonomies ----------------------------------------------------------------


def load_places() -> None:
    """The official regions and municipalities of Norway and Denmark (`core.reference`: missing
    ones are created, nothing attached to a place is lost)."""
    reference.ensure_reference_data()


def load_audiences() -> None:
    existing = set(Audience.objects.values_list("slug", flat=True))
    for order, (slug, nb, da, en) in enumerate(AUDIENCES):
        if slug not in existing:
            Audience.objects.create(slug=slug, name_nb=nb, name_da=da, name_en=en, sort_order=order)


# --- Pages and the Site ---------------------------------------------------------------------------


def _publish(page):
    page.save_revision().publish()
    return page


def _home(name: str) -> HomePage:
    default = _locale(settings.LANGUAGE_CODE)
    home = HomePage.objects.filter(locale=default).first()
    if home is None:
        texts = _texts(default.language_code)["home"]
        home = HomePage(
            title=name, slug=HOME_SLUG, lead=texts["lead"], intro=texts["intro"], locale=default
        )
        Page.get_first_root_node().add_child(instance=home)
        _publish(home)
    return home


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def _site(home: HomePage, hub: Hub) -> Site:
    """Wagtail's default Site serves the home page (Wagtail's "Welcome" placeholder goes), with
    the address and name the operator gave, else the settings'."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        hostname, port = _address(hub.url or settings.SITE_URL)
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True
        )
    elif site.root_page_id != home.pk and site.root_page.specific_class is Page:
        placeholder = site.root_page
        site.root_page = home
        site.save()
        placeholder.delete()
    if hub.url:
        hostname, port = _address(hub.url)
        if (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            site.save()
    else:
        services.site_follow_settings()
        site.refresh_from_db()
    name = hub.name or site.site_name or settings.WAGTAIL_SITE_NAME
    if site.site_name != name:
        site.site_name = name
        site.save()
    return site


def _translate(page, code: str, fields: dict) -> None:
    locale = _locale(code)
    if page.has_translation(locale):
        return
    parent = page.get_parent()
    # A hub page follows its home page into a language (under the translated home); the home
    # page itself sits under Wagtail's root, which has no language.
    if parent.is_root() or parent.has_translation(locale):
        translation = page.copy_for_translation(locale).specific
        for field, value in fields.items():
            setattr(translation, field, value)
        _publish(translation)


def statement_dates(slug: str) -> dict:
    """A statement's dates (data/hub_pages.json "statements"): the statement is dated the day
    the hub gets it; the accessibility statement's last assessment is the day the software's was
    (the operator tests their own hub again and changes it). Other pages have none."""
    statement = hub_texts()["statements"].get(slug)
    if statement is None:
        return {}
    assessed_on = statement.get("assessed_on")
    return {
        "statement_date": timezone.localdate(),
        "assessed_on": datetime.date.fromisoformat(assessed_on) if assessed_on else None,
    }


def _hub_pages(home: HomePage, site: Site, hub: Hub) -> None:
    name = site.site_name
    default = home.locale.language_code
    for code in languages()[1:]:
        texts = _texts(code)["home"]
        _translate(home, code, {"title": name, "lead": texts["lead"], "intro": texts["intro"]})
    hub_settings = HubSettings.for_site(site)
    changed = False
    for slug, setting in hub_texts()["pages"]:

        def fields(code, slug=slug):
            text = _texts(code)["pages"][slug]
            return {
                "title": _fill(text["title"], code, hub, name, html=False),
                "lead": _fill(text["lead"], code, hub, name, html=False),
                "body": _fill(text["body"], code, hub, name, html=True),
                **statement_dates(slug),
            }

        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = StandardPage(slug=slug, **fields(default))
            home.add_child(instance=page)
            _publish(page)
        for code in languages()[1:]:
            _translate(page, code, fields(code))
        if getattr(hub_settings, f"{setting}_id") is None:
            setattr(hub_settings, setting, page)
            changed = True
    for field in ("operator", "contact_email"):
        if getattr(hub, field) and not getattr(hub_settings, field):
            setattr(hub_settings, field, getattr(hub, field))
            changed = True
    if changed:
        hub_settings.save()


def operator_organisation(name: str) -> Organisation | None:
    """The organisation that runs the hub (found by name, else created): it owns what is
    imported until others join, and the first hub admin is its admin."""
    if not name:
        return None
    organisation = Organisation.objects.filter(name__iexact=name).first()
    if organisation is None:
        organisation = services.organisation_create(
            actor=None,
            slug=services._unique_slug(name),
            name=name,
            kind="association",
            country="DK" if settings.LANGUAGE_CODE == "da" else "NO",
        )
    return organisation


# --- The whole skeleton ---------------------------------------------------------------------------


def build(hub: Hub | None = None, *, report=lambda name: None) -> None:
    """Build (or complete) the skeleton: core's part, then every app's."""
    hub = hub or Hub()
    with transaction.atomic():
        report("core")
        load_places()
        load_audiences()
        home = _home(hub.name or settings.WAGTAIL_SITE_NAME)
        site = _site(home, hub)
        _hub_pages(home, site, hub)
        for part in registry.skeleton_parts():
            report(part.name)
            part.build()
