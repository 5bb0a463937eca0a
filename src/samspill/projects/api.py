"""The API of programmes, themes, projects and reach (the ideas are in `samspill.ideas.api`).

Everything here is public and read-only: published projects of published programmes only.
"""

import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from samspill.core import images
from samspill.core.api_schemas import ImageOut, Pagination, errors, page_url
from samspill.projects import reach, selectors
from samspill.projects.models import Programme, ProjectStatus

router = Router(tags=["projects"])


# --- Output ---------------------------------------------------------------------------------------


class ThemeOut(Schema):
    slug: str
    programme: str = Field(..., description="The programme's slug")
    name: str = Field(..., description="In the language of Accept-Language")
    name_nb: str
    name_da: str
    name_en: str
    description: str
    project_count: int = Field(..., description="Published projects under the theme")

    @staticmethod
    def resolve_programme(theme) -> str:
        return theme.programme.slug

    @staticmethod
    def resolve_name(theme) -> str:
        return theme.label


class ThemeRefOut(Schema):
    slug: str
    name: str

    @staticmethod
    def resolve_name(theme) -> str:
        return theme.label


class OrganisationRefOut(Schema):
    slug: str
    name: str


class ProjectMunicipalityOut(Schema):
    key: str = Field(..., description='Country and code, as in the filters: "dk-165"')
    country: str
    code: str
    name: str

    @staticmethod
    def resolve_key(municipality) -> str:
        return selectors.municipality_key(municipality)


class ProjectOut(Schema):
    id: int
    slug: str
    title: str
    summary: str
    programme: str = Field(..., description="The programme's slug")
    status: str = Field(..., description="planned, running, completed or stopped")
    starts_on: datetime.date
    ends_on: datetime.date | None
    themes: list[ThemeRefOut]
    lead_organisation: OrganisationRefOut
    municipalities: list[ProjectMunicipalityOut]
    participants: int | None
    progress: int | None = Field(..., description="Mean progress of the milestones, 0–100")
    image: ImageOut | None = Field(..., description="The project's picture")
    url: str = Field(..., description="The project's public page")

    @staticmethod
    def resolve_image(project, context) -> dict | None:
        return images.api_image(
            project.image,
            "picture",
            alt=images.alt_text(project.image),
            request=context["request"],
        )

    @staticmethod
    def resolve_programme(project) -> str:
        return project.programme.slug

    @staticmethod
    def resolve_status(project) -> str:
        return project.current_status

    @staticmethod
    def resolve_themes(project) -> list:
        return list(project.themes.all())

    @staticmethod
    def resolve_municipalities(project) -> list:
        return list(project.municipalities.all())

    @staticmethod
    def resolve_url(project, context) -> str:
        return page_url(context["request"], project.get_absolute_url)


class MilestoneOut(Schema):
    title: str
    due_on: datetime.date | None
    progress: int


class ResultOut(Schema):
    title: str
    description: str
    figure: int | None
    unit: str


class FundingOut(Schema):
    source: str
    organisation: OrganisationRefOut | None
    amount: Decimal | None
    currency: str


class VideoOut(Schema):
    title: str
    url: str = Field(..., description="The video's page on YouTube or Vimeo")


class DocumentOut(Schema):
    title: str
    url: str


class ProjectLinkOut(Schema):
    title: str
    url: str


class ProjectDetailOut(ProjectOut):
    body: str = Field(..., description="Sanitised HTML")
    partners: list[OrganisationRefOut]
    milestones: list[MilestoneOut]
    results: list[ResultOut]
    funding: list[FundingOut]
    videos: list[VideoOut]
    documents: list[DocumentOut]
    events: list[ProjectLinkOut] = Field(..., description="Related published events")
    surveys: list[ProjectLinkOut] = Field(..., description="Related surveys")
    ideas: list[ProjectLinkOut] = Field(..., description="Ideas the project started as")

    @staticmethod
    def resolve_partners(project) -> list:
        return list(project.partners.all())

    @staticmethod
    def resolve_milestones(project) -> list:
        return list(project.milestones.all())

    @staticmethod
    def resolve_results(project) -> list:
        return list(project.results.all())

    @staticmethod
    def resolve_funding(project) -> list:
        return list(project.funding.all())

    @staticmethod
    def resolve_videos(project) -> list:
        return list(project.videos.all())

    @staticmethod
    def resolve_documents(project, context) -> list[dict]:
        request = context["request"]
        return [
            {
                "title": item.title or item.document.title,
                "url": request.build_absolute_uri(item.document.url),
            }
            for item in project.documents.all()
        ]

    @staticmethod
    def resolve_events(project, context) -> list[dict]:
        request = context["request"]
        return [
            {"title": e.title, "url": page_url(request, e.get_absolute_url)}
            for e in project.public_events
        ]

    @staticmethod
    def resolve_surveys(project, context) -> list[dict]:
        request = context["request"]
        return [
            {"title": s.title, "url": page_url(request, s.get_absolute_url)}
            for s in project.public_surveys
        ]

    @staticmethod
    def resolve_ideas(project, context) -> list[dict]:
        request = context["request"]
        return [
            {"title": i.title, "url": page_url(request, i.get_absolute_url)}
            for i in getattr(project, "public_ideas", [])
        ]


class ReachThemeOut(Schema):
    slug: str
    name: str
    total: int = Field(..., description="Projects under the theme (each counted once)")


class ReachMunicipalityOut(Schema):
    key: str
    country: str
    code: str
    name: str
    participating: bool = Field(..., description="One of the programme's municipalities")
    total: int = Field(..., description="Projects in the municipality (each counted once)")


class ReachCellOut(Schema):
    municipality: str = Field(..., description="The municipality's key")
    theme: str = Field(..., description="The theme's slug")
    count: int = Field(..., description="Projects in the municipality under the theme")


class ReachOut(Schema):
    programme: str
    year: int | None = Field(..., description="Projects active in this year; null for all")
    themes: list[ReachThemeOut]
    municipalities: list[ReachMunicipalityOut]
    cells: list[ReachCellOut] = Field(..., description="Only the cells that are not zero")
    total: int = Field(..., description="Projects in the matrix (each counted once)")
    municipalities_without_projects: list[str] = Field(
        ..., description="Keys of participating municipalities with no project (in the year)"
    )


# --- Input ----------------------------------------------------------------------------------------


class ProjectFilters(Schema):
    theme: str | None = Field(None, description="Theme slug, see /themes")
    status: ProjectStatus | None = None
    municipality: str | None = Field(None, description='Municipality key, such as "dk-165"')
    organisation: str | None = Field(None, description="Slug of the lead or a partner")
    year: int | None = Field(None, ge=1900, le=2999, description="Projects active in this year")
    programme: str | None = Field(None, description="Programme slug")


class ReachFilters(Schema):
    programme: str | None = Field(
        None, description="Programme slug; the only (or first) published programme when absent"
    )
    year: int | None = Field(None, ge=1900, le=2999, description="Projects active in this year")


# --- Endpoints ------------------------------------------------------------------------------------


@router.get(
    "/themes",
    response={200: list[ThemeOut], **errors(422)},
    summary="List themes",
    description="The themes of the published programmes (`programme` for one of them), in "
    "their order, with the number of published projects.",
)
def theme_list(request, programme: str | None = None):
    return selectors.themes_public(programme=programme)


@router.get(
    "/projects",
    response={200: list[ProjectOut], **errors(422)},
    summary="List projects",
    description="Published projects, latest start first, paginated (`limit`, `offset`). "
    "The filters combine.",
)
@paginate(Pagination)
def project_list(request, filters: Query[ProjectFilters]):
    return selectors.project_list_public(
        theme=filters.theme,
        status=filters.status,
        municipality=filters.municipality,
        organisation=filters.organisation,
        year=filters.year,
        programme=filters.programme,
    )


@router.get(
    "/projects/{slug}",
    response={200: ProjectDetailOut, **errors(404)},
    summary="One project",
    description="A published project with its milestones, results, funding, videos, documents "
    "and related events, surveys and ideas.",
)
def project_detail(request, slug: str):
    return selectors.project_get_public(slug=slug, user=None)


@router.get(
    "/reach",
    response={200: ReachOut, **errors(404, 422)},
    summary="The reach matrix",
    description="Municipalities × themes with the number of projects in each cell, the totals "
    "and the participating municipalities with no project.",
)
def reach_matrix(request, filters: Query[ReachFilters]):
    if filters.programme:
        programme = Programme.objects.published().filter(slug=filters.programme).first()
    else:
        programme = selectors.default_programme()
    if programme is None:
        raise Http404
    return reach.reach_as_dict(reach.reach_matrix(programme, year=filters.year))
