"""What the network gives the hub's search: listed organisations and listed people.

An organisation is found when the network lists it (`selectors.listed_organisations`: listed in
core and not waiting for approval nor declined): its name, kind, municipality, summary,
description, and what it needs and offers, in its country's language (Danish for a Danish one,
else the hub's). A person is found only when they chose to be listed (an active account with a
name), and only with what their public page shows: the name, the role or title and "about me"
when they chose to show them, and their listed organisations. Private people never.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import npgettext

from samspill.core import registry
from samspill.core.html import plain_text
from samspill.core.models import Audience, Membership, Organisation, User
from samspill.network import selectors
from samspill.network.models import Direction, NeedOffer, OrganisationProfile

ORGANISATIONS = "network.organisation"
PEOPLE = "network.person"


# --- Organisations --------------------------------------------------------------------------------


def _organisations():
    return (
        selectors.listed_organisations()
        .select_related("municipality")
        .prefetch_related(
            Prefetch("audiences", queryset=Audience.objects.only("pk", "slug").order_by()),
            Prefetch(
                "needs_offers",
                queryset=NeedOffer.objects.select_related("category").order_by(
                    "direction", "category__sort_order", "pk"
                ),
            ),
        )
    )


def load_organisation(pk: int) -> Organisation | None:
    return _organisations().filter(pk=pk).first()


def load_organisations(ids: list[int]) -> list[Organisation]:
    return list(_organisations().filter(pk__in=ids))


def organisation_ids() -> list[int]:
    return list(selectors.listed_organisations().order_by("pk").values_list("pk", flat=True))


def _organisation_language(organisation: Organisation) -> str:
    return registry.organisation_language(organisation)


def organisation_passages(organisation: Organisation) -> list[dict]:
    language = _organisation_language(organisation)
    with translation.override(language):
        lines = [
            f"{organisation.get_kind_display()}.",
            organisation.municipality.name if organisation.municipality_id else "",
            organisation.summary,
            plain_text(organisation.description),
        ]
        for direction in (Direction.NEED, Direction.OFFER):
            # Each item without its own closing stop ("regionen.; …" read badly in snippets).
            items = [
                f"{n.category.label}{': ' + n.text.strip().rstrip('.') if n.text else ''}"
                for n in organisation.needs_offers.all()
                if n.direction == direction
            ]
            if items:
                lines.append(f"{Direction(direction).label}: {'; '.join(items)}.")
    return [
        {
            "anchor": "",
            "heading": "",
            "title": organisation.name,
            "text": " ".join(line for line in lines if line),
            "url": reverse("network:profile", kwargs={"slug": organisation.slug}),
            "language": language,
            "answer_id": f"organisation-{organisation.pk}",
            "filters": [
                f"lang:{language}",
                f"organisation-kind:{organisation.kind}",
                # Whom it serves: the answer finder's audience filter.
                *(f"audience:{audience.slug}" for audience in organisation.audiences.all()),
            ],
            "names": [organisation.name],
        }
    ]


# --- People ---------------------------------------------------------------------------------------


def _people():
    return (
        User.objects.filter(is_listed=True, is_active=True)
        .exclude(name="")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(
                    organisation__in=selectors.listed_organisations()
                )
                .select_related("organisation")
                .order_by(Lower("organisation__name")),
                to_attr="listed_memberships",
            )
        )
    )


def load_person(pk: int) -> User | None:
    return _people().filter(pk=pk).first()


def load_people(ids: list[int]) -> list[User]:
    return list(_people().filter(pk__in=ids))


def person_ids() -> list[int]:
    people = User.objects.filter(is_listed=True, is_active=True).exclude(name="")
    return list(people.order_by("pk").values_list("pk", flat=True))


def person_passages(person: User) -> list[dict]:
    language = registry.search_language(person.preferred_language or settings.LANGUAGE_CODE)
    organisations = [m.organisation.name for m in person.listed_memberships]
    with translation.override(language):
        lines = [
            person.title if person.show_title else "",
            person.bio if person.show_bio else "",
            f"{capfirst(Membership._meta.get_field('organisation').verbose_name)}: "
            f"{', '.join(organisations)}."
            if organisations
            else "",
        ]
    return [
        {
            "anchor": "",
            "heading": "",
            "title": person.name,
            "text": " ".join(line for line in lines if line) or person.name,
            "url": reverse("network:person", kwargs={"pk": person.pk}),
            "language": language,
            "answer_id": f"person-{person.pk}",
            "filters": [f"lang:{language}"],
            "names": [person.name],
        }
    ]


# --- What to re-index when something changes ------------------------------------------------------


def _listed_members(organisation_id) -> list[int]:
    """The listed people of an organisation: their passages name it."""
    if organisation_id is None:
        return []
    return list(
        Membership.objects.filter(
            organisation_id=organisation_id, user__is_listed=True, user__is_active=True
        )
        .order_by()
        .values_list("user_id", flat=True)
    )


def register() -> None:
    registry.register_search_source(
        registry.SearchSource(
            name=ORGANISATIONS,
            model=Organisation,
            load=load_organisation,
            load_many=load_organisations,
            passages=organisation_passages,
            all_ids=organisation_ids,
            kind="organisation",
            kind_label=lambda n: npgettext("search kind", "Organisation", "Organisations", n),
            watch=(
                (Organisation, lambda organisation: [organisation.pk]),
                # Approval (pending, approved, declined) decides whether it is listed.
                (OrganisationProfile, lambda profile: [profile.organisation_id]),
                (NeedOffer, lambda need_offer: [need_offer.organisation_id]),
            ),
        )
    )
    registry.register_search_source(
        registry.SearchSource(
            name=PEOPLE,
            model=User,
            load=load_person,
            load_many=load_people,
            passages=person_passages,
            all_ids=person_ids,
            kind="person",
            kind_label=lambda n: npgettext("search kind", "Person", "People", n),
            watch=(
                # Listing, the show_* choices, name, title and bio are the person's own fields.
                (User, lambda user: [user.pk]),
                (Membership, lambda membership: [membership.user_id]),
                # An organisation renamed, unlisted or approved: its listed people name it.
                (Organisation, lambda organisation: _listed_members(organisation.pk)),
                (OrganisationProfile, lambda profile: _listed_members(profile.organisation_id)),
            ),
        )
    )
