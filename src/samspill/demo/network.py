"""The network of the demo hub: what the organisations of the source documents need and offer, at
least forty fictional start-ups, labels, venues, studios, investors and festivals in Norway and
Denmark, and fictional people, some listed in the directory and some private.

Runs after core's demo (it uses core's places, audiences, organisations and people). Everything goes
through the services (`core.services`, `network.services`), except the one organisation waiting for
approval (see `_pending_organisation`).

Idempotent: organisations are found by slug, people by email. An organisation that already has
needs or offers, a network profile or links keeps them exactly as they are (so an editor's changes
survive); only what is missing is built. A second run changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from samspill.core import registry
from samspill.core import services as core_services
from samspill.core.mail import emails_suppressed
from samspill.core.models import Audience, Municipality, Organisation, User
from samspill.demo import core as core_demo
from samspill.demo.clock import rounded
from samspill.demo.data import load
from samspill.network import services
from samspill.network.models import (
    Approval,
    NeedOffer,
    NeedOfferCategory,
    OrganisationProfile,
    ProfileLink,
)
from samspill.network.taxonomy import ensure_starting_categories

DATA = load("network")
# The organisations of the source documents (created by core's demo), by slug: [founded year or
# null where the sources do not say, size, needs, offers]. Founded years from the domain facts:
# by:Larm 1998, Music Norway 2012 (a merger of Music Export Norway and MIC), Fono 1980. Sesong 1 is
# named as a partner in the Mustech paper and nowhere else: no facts are invented for it beyond
# taking part in the network.
KNOWN = DATA["known"]
# The regional music offices (core's demo): the same kind of help, each in its own region
# (music_office_facts: [region, founded]; MOST is its own association since 2018, facts A4), and
# core's Danish municipalities: venues and rehearsal rooms to offer, bookers and talent wanted.
MUSIC_OFFICES = DATA["music_offices"]
MUSIC_OFFICE_FACTS = DATA["music_office_facts"]
# Fictional organisations. All names are made up; addresses are under example.org. Norwegian ones
# write in bokmål, Danish ones in Danish. [slug, name, kind, country, municipality code, founded,
# size, summary, description, needs, offers, audiences]
FICTIONAL = DATA["fictional"]
LINKS = DATA["links"]  # slug: [[label, url], ...]
# Fictional people: [email, name, title, bio, listed, show_title, show_bio,
# [[organisation slug, role], ...]]
PEOPLE = DATA["people"]
# The organisation a member created that waits for a hub editor: made by Eline Tangvald (private).
PENDING = DATA["pending"]


# --- Building -------------------------------------------------------------------------------------


def _profile(template: dict, founded, **names):
    """[founded, size, needs, offers] from one of the data's profile templates."""
    return (
        founded,
        template["size"],
        {slug: text.format(**names) for slug, text in template["needs"].items()},
        {slug: text.format(**names) for slug, text in template["offers"].items()},
    )


def _music_office(slug: str):
    region, founded = MUSIC_OFFICE_FACTS[slug]
    return _profile(DATA["music_office_profile"], founded, region=region)


def _danish_municipality(name: str):
    return _profile(DATA["danish_municipality_profile"], None, name=name)


def _categories() -> dict[str, NeedOfferCategory]:
    ensure_starting_categories()
    return {c.slug: c for c in NeedOfferCategory.objects.all()}


def _active_at(index: int) -> datetime.datetime:
    """A stable spread of "last active" dates over the last three months (for the sort)."""
    return rounded(timezone.now() - datetime.timedelta(days=(index * 7) % 90, hours=index % 24))


def _furnish(organisation, index, founded, size, needs, offers, categories) -> None:
    """Give an organisation its profile facts and needs and offers, unless it has them already."""
    profile = OrganisationProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        OrganisationProfile.objects.create(
            organisation=organisation, founded_year=founded, size=size or ""
        )
    if NeedOffer.objects.filter(organisation=organisation).exists():
        return
    services.needs_offers_set(
        actor=None,
        organisation=organisation,
        needs={categories[slug]: text for slug, text in needs.items()},
        offers={categories[slug]: text for slug, text in offers.items()},
    )
    OrganisationProfile.objects.filter(organisation=organisation).update(
        last_active_at=_active_at(index)
    )


def _municipality(country: str, code: str) -> Municipality | None:
    return Municipality.objects.filter(country=country, code=code).first()


def _source_organisations() -> None:
    """Mustech Norway and Musikmetropolen are created by the events demo, which may run after this
    one: create them the same way here if they are missing, so they too get needs and offers."""
    for spec in load("events")["extra_organisations"]:
        if not Organisation.objects.filter(slug=spec["slug"]).exists():
            core_services.organisation_create(
                actor=None, **{**spec, "municipality": _municipality(*spec["municipality"])}
            )


def _known(categories) -> None:
    table = dict(KNOWN)
    for slug in MUSIC_OFFICES:
        table[slug] = _music_office(slug)
    by_slug = {o.slug: o for o in Organisation.objects.filter(slug__in=list(table))}
    for name in core_demo.DANISH_MUNICIPALITIES:
        slug = name.lower().replace("ø", "o").replace("æ", "ae").replace("å", "aa")
        table[slug] = _danish_municipality(name)
    by_slug |= {o.slug: o for o in Organisation.objects.filter(slug__in=list(table))}
    for index, (slug, facts) in enumerate(sorted(table.items())):
        organisation = by_slug.get(slug)
        if organisation is not None:  # a demo without it (core's demo changed): nothing to add
            _furnish(organisation, index, *facts, categories)


def _fictional(categories) -> None:
    audiences = {a.slug: a for a in Audience.objects.all()}
    existing = set(
        Organisation.objects.filter(slug__in=[row[0] for row in FICTIONAL]).values_list(
            "slug", flat=True
        )
    )
    for index, row in enumerate(FICTIONAL):
        slug, name, kind, country, code, founded, size, summary, text, needs, offers, serves = row
        if slug in existing:
            organisation = Organisation.objects.get(slug=slug)
        else:
            organisation = core_services.organisation_create(
                actor=None,
                slug=slug,
                name=name,
                kind=kind,
                country=country,
                municipality=_municipality(country, code),
                website=f"https://example.org/{slug}",
                summary=summary,
                description=f"<p>{text}</p>",
                audiences=[audiences[s] for s in serves if s in audiences],
            )
        _furnish(organisation, index + 40, founded, size, needs, offers, categories)


def _links() -> None:
    for slug, links in LINKS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None or not links or organisation.profile_links.exists():
            continue
        ProfileLink.objects.bulk_create(
            ProfileLink(organisation=organisation, label=label, url=url, sort_order=n)
            for n, (label, url) in enumerate(links)
        )


def _people() -> None:
    for email, name, title, bio, listed, show_title, show_bio, memberships in PEOPLE:
        if User.objects.filter(email=email).exists():
            continue
        # Fictional people cannot sign in: no password (core's demo people have the logins).
        user = core_services.user_create(
            email=email,
            password=None,
            email_verified=True,
            name=name,
            title=title,
            bio=bio,
            is_listed=listed,
            show_title=show_title,
            show_bio=show_bio,
        )
        for slug, role in memberships:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is not None:
                core_services.membership_create(
                    actor=None, organisation=organisation, user=user, role=role
                )


def _pending_organisation(categories) -> None:
    """An organisation a member created, waiting for a hub editor's approval: submitted through
    `network.services.organisation_submit` as its member would (unlisted, approval pending, the
    submitter as its admin; the email to the hub admins is suppressed with the rest of the demo).
    Found again by its name: the service chooses the slug."""
    spec = PENDING
    if Organisation.objects.filter(name=spec["name"]).exists():
        return
    submitter = User.objects.get(email=spec["submitted_by"])
    organisation = services.organisation_submit(
        actor=submitter,
        name=spec["name"],
        kind=spec["kind"],
        country=spec["country"],
        municipality=_municipality(*spec["municipality"]),
        summary=spec["summary"],
        description=spec["description"],
    )
    OrganisationProfile.objects.filter(organisation=organisation).update(
        founded_year=spec["founded"], size=spec["size"]
    )
    services.needs_offers_set(
        actor=submitter,
        organisation=organisation,
        needs={categories[s]: t for s, t in spec["needs"].items()},
        offers={categories[s]: t for s, t in spec["offers"].items()},
    )


def fictional_slugs() -> list[str]:
    return [row[0] for row in FICTIONAL]


# Alone (a test builds only this part) or within builders.build: indexed once at the end.
@registry.deferred_indexing()
def build() -> list[str]:
    # The demo's people are fictional: nothing the services would send reaches them.
    with emails_suppressed(), transaction.atomic():
        categories = _categories()
        _source_organisations()
        _known(categories)
        _fictional(categories)
        _links()
        _people()
        _pending_organisation(categories)
    with_data = (
        Organisation.objects.filter(needs_offers__isnull=False, is_public=True).distinct().count()
    )
    emails = [row[0] for row in PEOPLE]
    people = User.objects.filter(email__in=emails)
    listed = people.filter(is_listed=True).count()
    pending = OrganisationProfile.objects.filter(approval=Approval.PENDING).count()
    return [
        f"Network: {with_data} organisations with needs and offers "
        f"({len(FICTIONAL)} fictional), {people.count()} people ({listed} listed), "
        f"{pending} organisation waiting for approval"
    ]
