"""Core's API: organisations, places and audiences (all public reads).

Names of taxonomy terms follow the request's Accept-Language (see core.middleware)."""

import datetime

from django.conf import settings
from django.utils import translation
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from samspill.core import images, selectors
from samspill.core.api_schemas import ImageOut, Pagination, errors
from samspill.core.models import Country, OrganisationKind

router = Router(tags=["organisations"])


class RegionOut(Schema):
    country: str
    code: str = Field(..., description="Norway: fylkesnummer (2 digits); Denmark: regionskode")
    name: str = Field(..., description="The official name, in every official language")
    sort_name: str = Field(..., description="The plain Norwegian (Danish) name, to sort by")


class MunicipalityOut(Schema):
    country: str
    code: str = Field(..., description="Norway: kommunenummer (4 digits); Denmark: 3 digits")
    name: str = Field(..., description="The official name, in every official language")
    sort_name: str = Field(..., description="The plain Norwegian (Danish) name, to sort by")
    region: RegionOut | None


class FormerCodeOut(Schema):
    code: str
    name: str
    valid_until: datetime.date | None


class MunicipalityListOut(MunicipalityOut):
    former_codes: list[FormerCodeOut] = Field(
        ..., description="Codes it had before a renumbering or a merger"
    )

    @staticmethod
    def resolve_former_codes(municipality) -> list:
        return list(municipality.former_codes.all())


class PlaceFilters(Schema):
    country: Country | None = None
    region: str | None = Field(None, description="Official region (fylke) code")
    code: str | None = Field(
        None, description="Official municipality code, current or former (old codes resolve)"
    )
    q: str | None = Field(None, description="Words in the name", max_length=100)


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
    logo: ImageOut | None = Field(..., description="Its alt text is the name and “logo”")
    url: str = Field(..., description="The public page, in the hub's default language")

    @staticmethod
    def resolve_logo(organisation, context) -> dict | None:
        return images.api_image(
            organisation.logo,
            "logo",
            alt=images.logo_alt(organisation) if organisation.logo_id else "",
            request=context["request"],
        )

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


@router.get(
    "/regions",
    response={200: list[RegionOut], **errors(422)},
    tags=["places"],
    summary="Fylker and regions (at most a few dozen: not paginated)",
)
def region_list(request, country: Country | None = None):
    return selectors.region_list(country=country)


@router.get(
    "/municipalities",
    response={200: list[MunicipalityListOut], **errors(422)},
    tags=["places"],
    summary="Municipalities with their region and former codes",
)
@paginate(Pagination)
def municipality_list(request, filters: Query[PlaceFilters]):
    return selectors.municipality_list(
        country=filters.country, region=filters.region, code=filters.code, q=filters.q
    )


@router.get("/audiences", response=list[AudienceOut], tags=["taxonomies"])
def audience_list(request):
    return selectors.audience_list()
