"""Core's part of the demo hub: the hub's skeleton (`samspill.core.skeleton`: places, audiences,
the hub's pages and every app's front pages, exactly what `samspill setup` builds), then the
organisations of the source documents and fictional people.

Idempotent: whatever exists already (by slug, code or email) is left as it is, so a second run
changes nothing and an editor's changes to demo content survive.
"""

import datetime

from django.db import transaction
from wagtail.models import Site

from samspill.core import registry, services, skeleton
from samspill.core.models import (
    HubSettings,
    Membership,
    Municipality,
    MunicipalityFormerCode,
    Organisation,
    User,
)
from samspill.demo.data import load

DATA = load("core")
# The source documents' organisations: (slug, name, kind, country, municipality code, website,
# summary); the Danish municipalities of the cultural agreement; fictional organisations: (slug,
# name, kind, country, municipality code, org number, summary).
ORGANISATIONS = DATA["organisations"]
DANISH_MUNICIPALITIES = DATA["danish_municipalities"]
FICTIONAL_ORGANISATIONS = DATA["fictional_organisations"]
# Fictional people: (email, name, title, password, hub admin, listed, [(organisation, role)]).
PEOPLE = DATA["people"]
# The demo hub's tagline, operator and contact address (the skeleton's pages name them).
HUB_SETTINGS = DATA["hub_settings"]


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


def _hub() -> skeleton.Hub:
    return skeleton.Hub(
        operator=HUB_SETTINGS["operator"], contact_email=HUB_SETTINGS["contact_email"]
    )


def _load_tagline() -> None:
    hub_settings = HubSettings.for_site(Site.objects.get(is_default_site=True))
    if not hub_settings.tagline:
        hub_settings.tagline = HUB_SETTINGS["tagline"]
        hub_settings.save()


def _load_former_codes() -> None:
    """A real renumbering for the admin's history screen: when Haram left it again in 2024,
    Ålesund's number went from 1507 to 1508 (SSB)."""
    alesund = Municipality.objects.filter(country="NO", code="1508").first()
    if alesund:
        MunicipalityFormerCode.objects.get_or_create(
            municipality=alesund,
            country="NO",
            code="1507",
            defaults={"name": "Ålesund", "valid_until": datetime.date(2023, 12, 31)},
        )


# Alone (a test builds only this part) or within builders.build: indexed once at the end.
@registry.deferred_indexing()
def build() -> list[str]:
    with transaction.atomic():
        skeleton.build(_hub())
        _load_tagline()
        _load_former_codes()
        _load_organisations()
        logins = _load_people()
    return logins
