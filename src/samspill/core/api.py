"""Core's API: organisations, places and audiences (all public reads).

Names of taxonomy terms follow the request's Accept-Language (see core.middleware)."""

from django.conf import settings
from django.utils import translation
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from samspill.core import selectors
from samspill.core.api_schemas import Pagination, errors
from samspill.core.models import Country, OrganisationKind

router = Router(tags=["organisations"])


class RegionOut(Schema):
    country: str
    code: str
    name: str


class MunicipalityOut(Schema):
    country: str
    code: str
    name: str
    region: RegionOut | None


class AudienceOut(Schema):
    slug: str
    name: str = Field(..., alias="label")


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: OrganisationKind
    country: Country
    org_number: str
    municipality: MunicipalityOut | None
    website: str
    summary: str
    audiences: list[AudienceOut]
    url: str = Field(..., description="The public page, in the hub's default language")

    @staticmethod
    def resolve_url(organisation) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return organisation.get_absolute_url()


class OrganisationDetailOut(OrganisationOut):
    description: str


class OrganisationFilters(FilterSchema):
    kind: OrganisationKind | None = None
    country: Country | None = None
    municipality: str | None = Field(None, description="Official municipality code")
    q: str | None = Field(None, description="Words in the name or summary")


@router.get(
    "/organisations",
    response={200: list[OrganisationOut], **errors(422)},
    summary="List organisations",
)
@paginate(Pagination)
def organisation_list(request, filters: Query[OrganisationFilters]):
    return selectors.organisation_list_public(
        kind=filters.kind,
        country=filters.country,
        municipality=filters.municipality,
        q=filters.q,
    )


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationDetailOut, **errors(404)},
    summary="One organisation",
)
def organisation_detail(request, slug: str):
    return selectors.organisation_get_public(slug=slug)


@router.get("/regions", response={200: list[RegionOut], **errors(422)}, tags=["places"])
def region_list(request, country: Country | None = None):
    return selectors.region_list(country=country)


@router.get(
    "/municipalities", response={200: list[MunicipalityOut], **errors(422)}, tags=["places"]
)
@paginate(Pagination)
def municipality_list(request, country: Country | None = None):
    return selectors.municipality_list(country=country)


@router.get("/audiences", response=list[AudienceOut], tags=["taxonomies"])
def audience_list(request):
    return selectors.audience_list()
