"""The network in the open API: the directory of actors (listed organisations) and each actor, the
needs-and-offers taxonomy, and an organisation's match suggestions.

Public fields only. People appear only in an actor's team, only when they chose to be listed, and
then only with their name and the fields they chose to show; never an email address. The taxonomy
is public. Match suggestions are for the signed-in members of that organisation (any role) and hub
admins, through the session: 401 without it, 403 for anyone else.
"""

from typing import Literal

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import paginate
from wagtail.rich_text import expand_db_html

from samspill.core.api_schemas import Pagination, errors, page_url
from samspill.core.errors import NotFound, NotPermitted
from samspill.core.models import Country, OrganisationKind
from samspill.network import permissions, selectors
from samspill.network.models import Direction, Size

router = Router(tags=["network"])


def _profile_url(request, slug: str) -> str:
    return page_url(request, lambda: reverse("network:profile", kwargs={"slug": slug}))


# --- Output ---------------------------------------------------------------------------------------


class ActorPlaceOut(Schema):
    code: str
    name: str


class NeedOfferOut(Schema):
    category: str = Field(..., description="Category slug, see /taxonomy/needs-offers")
    label: str = Field(..., description="The category's name in the request's language")
    text: str = Field(..., description="In the organisation's own words (may be empty)")


def _items(organisation, direction: str) -> list[dict]:
    return [
        {"category": n.category.slug, "label": n.category.label, "text": n.text}
        for n in organisation.needs_offers.all()
        if n.direction == direction
    ]


class ActorOut(Schema):
    slug: str
    name: str
    kind: str = Field(..., description="music_office, startup, label, venue, investor, …")
    country: str = Field(..., description="NO, DK, SE or XX")
    region: ActorPlaceOut | None
    municipality: ActorPlaceOut | None
    summary: str
    website: str
    founded_year: int | None
    size: str = Field(..., description="1, 2-10, 11-50, 51-200, 200+ or empty")
    audiences: list[str] = Field(..., description="Audience slugs, see /audiences")
    needs: list[NeedOfferOut]
    offers: list[NeedOfferOut]
    url: str = Field(..., description="The actor's page in the network")

    @staticmethod
    def resolve_municipality(organisation) -> dict | None:
        m = organisation.municipality
        return {"code": m.code, "name": m.name} if m else None

    @staticmethod
    def resolve_region(organisation) -> dict | None:
        m = organisation.municipality
        region = m.region if m else None
        return {"code": region.code, "name": region.name} if region else None

    @staticmethod
    def resolve_founded_year(organisation) -> int | None:
        profile = getattr(organisation, "network_profile", None)
        return profile.founded_year if profile else None

    @staticmethod
    def resolve_size(organisation) -> str:
        profile = getattr(organisation, "network_profile", None)
        return profile.size if profile else ""

    @staticmethod
    def resolve_audiences(organisation) -> list[str]:
        return [a.slug for a in organisation.audiences.all()]

    @staticmethod
    def resolve_needs(organisation) -> list[dict]:
        return _items(organisation, Direction.NEED)

    @staticmethod
    def resolve_offers(organisation) -> list[dict]:
        return _items(organisation, Direction.OFFER)

    @staticmethod
    def resolve_url(organisation, context) -> str:
        return _profile_url(context["request"], organisation.slug)


class ActorLinkOut(Schema):
    label: str
    url: str


class TeamMemberOut(Schema):
    id: int
    name: str
    title: str | None = Field(..., description="Only when the person chose to show it")
    bio: str | None = Field(..., description="Only when the person chose to show it")
    url: str = Field(..., description="The person's page in the network")


class ActorDetailOut(ActorOut):
    description: str = Field(..., description="HTML")
    links: list[ActorLinkOut]
    team: list[TeamMemberOut] = Field(..., description="People who chose to be listed")

    @staticmethod
    def resolve_description(organisation) -> str:
        return expand_db_html(organisation.description or "")

    @staticmethod
    def resolve_links(organisation) -> list:
        return list(organisation.profile_links.all())

    @staticmethod
    def resolve_team(organisation, context) -> list[dict]:
        request = context["request"]
        team = []
        for membership in organisation.listed_memberships:
            person = membership.user
            with translation.override(settings.LANGUAGE_CODE):
                path = reverse("network:person", kwargs={"pk": person.pk})
            team.append(
                {
                    "id": person.pk,
                    "name": str(person.display_name),
                    "title": person.title if person.show_title and person.title else None,
                    "bio": person.bio if person.show_bio and person.bio else None,
                    "url": request.build_absolute_uri(path),
                }
            )
        return team


# --- Input ----------------------------------------------------------------------------------------


class ActorFilters(Schema):
    q: str = Field("", max_length=200, description="Words in names, descriptions, needs, offers")
    kind: OrganisationKind | None = None
    country: Country | None = None
    region: str | None = Field(None, description="Official region code, see /regions")
    municipality: str | None = Field(None, description="Official municipality code")
    offers: list[str] = Field(
        default_factory=list, description="Category slugs (repeat the parameter): any of them"
    )
    needs: list[str] = Field(
        default_factory=list, description="Category slugs (repeat the parameter): any of them"
    )
    audience: str | None = Field(None, description="Audience slug, see /audiences")
    founded_from: int | None = Field(None, ge=1800, le=2100)
    founded_to: int | None = Field(None, ge=1800, le=2100)
    size: Size | None = None
    sort: Literal["name", "newest", "active"] = Field(
        "name", description="With `q`, the best matches come first"
    )


# --- Endpoints ------------------------------------------------------------------------------------


@router.get(
    "/actors",
    response={200: list[ActorOut], **errors(422)},
    summary="List actors",
    description="The organisations listed in the network, paginated (`limit`, `offset`). The "
    "filters combine; `q` searches with Norwegian and Danish word forms.",
)
@paginate(Pagination)
def actor_list(request, filters: Query[ActorFilters]):
    data = filters.dict()
    return selectors.directory_organisations(
        q=data["q"],
        kind=data["kind"],
        country=data["country"],
        region=data["region"],
        municipality=data["municipality"],
        offers=data["offers"],
        needs=data["needs"],
        audience=data["audience"],
        founded_from=data["founded_from"],
        founded_to=data["founded_to"],
        size=data["size"],
        sort=data["sort"],
    ).prefetch_related("audiences")


@router.get(
    "/actors/{slug}",
    response={200: ActorDetailOut, **errors(404)},
    summary="One actor",
    description="A listed organisation with its description, links and listed team members.",
)
def actor_detail(request, slug: str):
    return selectors.organisation_listed_by_slug(slug=slug)


# --- Match suggestions and the needs-and-offers taxonomy: output ----------------------------------


class NamesOut(Schema):
    nb: str
    da: str
    en: str


class CategoryOut(Schema):
    slug: str
    names: NamesOut
    label: str = Field(..., description="The name in the request's language")
    sort_order: int
    needs: int = Field(..., description="How many listed organisations need it")
    offers: int = Field(..., description="How many listed organisations offer it")

    @staticmethod
    def resolve_names(category) -> dict:
        return {"nb": category.name_nb, "da": category.name_da, "en": category.name_en}

    @staticmethod
    def resolve_label(category) -> str:
        return category.label


class MatchOrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    url: str = Field(..., description="The public page, in the hub's default language")


class ReasonOut(Schema):
    kind: str = Field(
        ..., description="they_offer: they offer what you need; they_need: they need what you offer"
    )
    category: str = Field(..., description="Category slug, see /taxonomy/needs-offers")
    label: str
    text: str = Field(..., description="The reason in words, such as “Offers booking, which …”")


class MatchOut(Schema):
    organisation: MatchOrganisationOut
    score: int = Field(
        ..., description="Needs of yours they meet count twice, yours of theirs once"
    )
    reasons: list[ReasonOut]


class MatchListOut(Schema):
    count: int
    items: list[MatchOut]


class MatchFilters(Schema):
    limit: int = Field(20, ge=1, le=50, description="How many suggestions, best first")


# --- Match suggestions and the needs-and-offers taxonomy: endpoints -------------------------------


@router.get(
    "/taxonomy/needs-offers",
    response=list[CategoryOut],
    tags=["taxonomies"],
    summary="Needs and offers",
    # The operation ids the endpoints had in their own module (`api_matches`), kept for clients.
    operation_id="samspill_network_api_matches_needs_offers_taxonomy",
    description="The categories of needs and offers, with their names in each language and how "
    "many listed organisations need and offer each.",
)
def needs_offers_taxonomy(request):
    return list(selectors.category_counts())


def _match_out(match) -> dict:
    organisation = match.organisation
    with translation.override(settings.LANGUAGE_CODE):
        url = organisation.get_absolute_url()
    return {
        "organisation": {
            "slug": organisation.slug,
            "name": organisation.name,
            "kind": organisation.kind,
            "url": url,
        },
        "score": match.score,
        "reasons": selectors.reasons_of(match),
    }


@router.get(
    "/actors/{slug}/matches",
    response={200: MatchListOut, **errors(401, 403, 404, 422)},
    summary="Match suggestions of an organisation",
    operation_id="samspill_network_api_matches_actor_matches",
    description="The organisations whose offers meet this one's needs and whose needs it can "
    "meet, best first, each with its reasons in words. Only for signed-in members of the "
    "organisation and hub admins (session cookie): 401 `unauthenticated` when not signed in, "
    "403 `not_permitted` for others, 404 `not_found` for an unknown or unlisted organisation.",
)
def actor_matches(request, slug: str, filters: Query[MatchFilters]):
    user = request.user
    if not user.is_authenticated:
        raise AuthenticationError()
    organisation = (
        selectors.listed_organisations().filter(slug=slug).select_related("municipality").first()
    )
    if organisation is None:
        raise NotFound()
    if not permissions.can_see_matches_in_api(user, organisation):
        raise NotPermitted(_("Only members of the organisation can see its match suggestions."))
    items = [_match_out(m) for m in selectors.matches_for(organisation, limit=filters.limit)]
    return {"count": len(items), "items": items}
