"""The network in the open API: the needs-and-offers taxonomy, and an organisation's matches.

The taxonomy is public. Match suggestions are for the signed-in members of that organisation (any
role) and hub admins, through the session: 401 without it, 403 for anyone else.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.errors import AuthenticationError

from samspill.core.api_schemas import errors
from samspill.core.errors import NotFound, NotPermitted
from samspill.core.permissions import is_hub_admin, roles_by_organisation
from samspill.network.digest import reasons_of
from samspill.network.overview import category_counts
from samspill.network.selectors import listed_organisations, matches_for

router = Router(tags=["network"])


# --- Output ---------------------------------------------------------------------------------------


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


# --- Endpoints ------------------------------------------------------------------------------------


@router.get(
    "/taxonomy/needs-offers",
    response=list[CategoryOut],
    tags=["taxonomies"],
    summary="Needs and offers",
    description="The categories of needs and offers, with their names in each language and how "
    "many listed organisations need and offer each.",
)
def needs_offers_taxonomy(request):
    return list(category_counts())


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
        "reasons": reasons_of(match),
    }


@router.get(
    "/actors/{slug}/matches",
    response={200: MatchListOut, **errors(401, 403, 404, 422)},
    summary="Match suggestions of an organisation",
    description="The organisations whose offers meet this one's needs and whose needs it can "
    "meet, best first, each with its reasons in words. Only for signed-in members of the "
    "organisation and hub admins (session cookie): 401 `unauthenticated` when not signed in, "
    "403 `not_permitted` for others, 404 `not_found` for an unknown or unlisted organisation.",
)
def actor_matches(request, slug: str, filters: Query[MatchFilters]):
    user = request.user
    if not user.is_authenticated:
        raise AuthenticationError()
    organisation = listed_organisations().filter(slug=slug).select_related("municipality").first()
    if organisation is None:
        raise NotFound()
    if not (is_hub_admin(user) or organisation.pk in roles_by_organisation(user)):
        raise NotPermitted(_("Only members of the organisation can see its match suggestions."))
    items = [_match_out(m) for m in matches_for(organisation, limit=filters.limit)]
    return {"count": len(items), "items": items}
