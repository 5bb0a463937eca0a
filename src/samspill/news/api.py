"""The API of news: published news items, filtered and paginated, and one item with its body."""

import datetime
from typing import Annotated

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from samspill.core import images
from samspill.core.api_schemas import ImageOut, Pagination, errors
from samspill.knowledge.sections import article_sections
from samspill.news import selectors
from samspill.news.models import CategoryKey

router = Router(tags=["news"])


class RefOut(Schema):
    slug: str
    name: str


class MunicipalityRefOut(Schema):
    key: str
    name: str


class NewsOut(Schema):
    id: int
    title: str
    lead: str
    language: str = Field(..., description="The content's language: nb, nn, da, sv or en")
    category: str | None = Field(..., description="announcement, call, result, event or report")
    organisation: RefOut
    topics: list[RefOut]
    audiences: list[RefOut]
    themes: list[RefOut]
    municipalities: list[MunicipalityRefOut]
    published_at: datetime.datetime | None
    updated_at: datetime.datetime | None
    image: ImageOut | None
    url: str = Field(..., description="The news item's public page")

    @staticmethod
    def resolve_language(page) -> str:
        return page.content_language

    @staticmethod
    def resolve_category(page) -> str | None:
        return page.category.key if page.category_id else None

    @staticmethod
    def resolve_organisation(page) -> dict:
        return {"slug": page.organisation.slug, "name": page.organisation.name}

    @staticmethod
    def resolve_topics(page) -> list[dict]:
        return [{"slug": t.slug, "name": t.title} for t in page.topics.all()]

    @staticmethod
    def resolve_audiences(page) -> list[dict]:
        return [{"slug": a.slug, "name": a.label} for a in page.audiences.all()]

    @staticmethod
    def resolve_themes(page) -> list[dict]:
        return [{"slug": t.slug, "name": t.label} for t in page.themes.all()]

    @staticmethod
    def resolve_municipalities(page) -> list[dict]:
        return [
            {"key": selectors.municipality_key(m), "name": m.name}
            for m in page.municipalities.all()
        ]

    @staticmethod
    def resolve_published_at(page):
        return page.first_published_at

    @staticmethod
    def resolve_updated_at(page):
        return page.last_published_at

    @staticmethod
    def resolve_image(page, context) -> dict | None:
        return images.api_image(
            page.image, "picture", alt=images.alt_text(page.image), request=context["request"]
        )

    @staticmethod
    def resolve_url(page, context) -> str:
        request = context["request"]
        return request.build_absolute_uri(page.get_url(request=request) or "/")


class SectionOut(Schema):
    anchor: str
    heading: str
    text: str


class NewsDetailOut(NewsOut):
    sections: list[SectionOut] = Field(..., description="The body as plain text, by section")

    @staticmethod
    def resolve_sections(page) -> list[dict]:
        return [
            {"anchor": p.anchor, "heading": p.heading, "text": p.text}
            for p in article_sections(page).passages()
        ]


class NewsFilters(Schema):
    topic: str | None = Field(None, description="Topic slug")
    organisation: str | None = Field(None, description="Owning organisation's slug")
    category: CategoryKey | None = None
    audience: str | None = Field(None, description="Audience slug")
    theme: str | None = Field(None, description="Theme slug")
    municipality: str | None = Field(None, description='Municipality key, such as "no-0301"')
    year: int | None = Field(None, ge=1900, le=2999, description="Published in this year")


@router.get(
    "/news",
    response={200: list[NewsOut], **errors(422)},
    summary="List news",
    description="Published news items, newest first, paginated (`limit`, `offset`). The "
    "filters combine.",
)
@paginate(Pagination)
def news_list(request, filters: Query[NewsFilters]):
    found = selectors.filtered_news(
        topic=filters.topic,
        organisation=filters.organisation,
        category=filters.category,
        audience=filters.audience,
        theme=filters.theme,
        municipality=filters.municipality,
        year=filters.year,
    )
    return selectors.api_news().filter(pk__in=found.values("pk"))


@router.get(
    "/news/{news_id}",
    response={200: NewsDetailOut, **errors(404, 422)},
    summary="One news item",
    description="A published news item with its body, section by section.",
)
def news_detail(request, news_id: Annotated[int, Path(ge=1, le=2**63 - 1)]):
    page = selectors.api_news().filter(pk=news_id).first()
    if page is None:
        raise Http404
    return page
