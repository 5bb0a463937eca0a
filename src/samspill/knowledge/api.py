"""The knowledge bank in the open API: topics, articles, FAQ entries and guides (public reads)."""

from typing import Literal

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from samspill.core.api_schemas import Pagination, errors
from samspill.core.page_languages import fallback_order
from samspill.knowledge import selectors
from samspill.knowledge.sections import plain_text

router = Router(tags=["knowledge"])


class TopicOut(Schema):
    slug: str
    title: str
    intro: str
    language: str = Field(..., alias="locale.language_code")
    url: str


class OrganisationRef(Schema):
    slug: str
    name: str


class ContentOut(Schema):
    id: str = Field(..., alias="answer_id")
    title: str
    url: str
    language: str = Field(..., alias="content_language")
    organisation: OrganisationRef
    audiences: list[str]
    last_published_at: str | None
    last_reviewed: str
    review_due: str | None

    @staticmethod
    def resolve_url(page, context) -> str:
        return context["request"].build_absolute_uri(page.url or "")

    @staticmethod
    def resolve_audiences(page) -> list[str]:
        return [a.slug for a in page.audiences.all()]

    @staticmethod
    def resolve_last_published_at(page):
        return page.last_published_at.isoformat() if page.last_published_at else None

    @staticmethod
    def resolve_last_reviewed(page):
        return page.last_reviewed.isoformat()

    @staticmethod
    def resolve_review_due(page):
        return page.review_due.isoformat() if page.review_due else None


class ArticleOut(ContentOut):
    summary: str
    topic: str | None = None

    @staticmethod
    def resolve_topic(page):
        return getattr(page, "topic_slug", None)


class ArticleSectionOut(Schema):
    anchor: str
    heading: str
    text: str


class ArticleDetailOut(ArticleOut):
    source_url: str
    sections: list[ArticleSectionOut]

    @staticmethod
    def resolve_sections(page):
        return [
            {"anchor": p.anchor, "heading": p.heading, "text": p.text}
            for p in page.sections.passages()
        ]


class FaqOut(ContentOut):
    question: str = Field(..., alias="title")
    answer: str

    @staticmethod
    def resolve_answer(page):
        return plain_text(page.answer)


class GuideStepOut(Schema):
    key: str
    kind: str
    question: str | None = None
    options: list[dict] | None = None
    title: str | None = None
    checklist: list[str] | None = None
    pages: list[str] | None = None


class GuideOut(ContentOut):
    intro: str


class GuideDetailOut(GuideOut):
    steps: list[GuideStepOut]

    @staticmethod
    def resolve_steps(page):
        steps = []
        for step in page.steps:
            value = step.value
            if step.block_type == "question":
                steps.append(
                    {
                        "key": value["key"],
                        "kind": "question",
                        "question": value["question"],
                        "options": [
                            {"label": o["label"], "next": o["next"]} for o in value["options"]
                        ],
                    }
                )
            else:
                steps.append(
                    {
                        "key": value["key"],
                        "kind": "result",
                        "title": value["title"],
                        "checklist": list(value["checklist"]),
                        "pages": [p.specific.answer_id for p in value["pages"] if p and p.live],
                    }
                )
        return steps


class ContentFilters(FilterSchema):
    topic: str | None = Field(None, description="Topic slug")
    audience: str | None = Field(None, description="Audience slug")
    language: str | None = Field(None, description="Content language: nb, nn, da, sv, en")
    organisation: str | None = Field(None, description="Slug of the owning organisation")


TopicLanguage = Literal["nb", "nn", "da", "en"]


@router.get(
    "/topics",
    response={200: list[TopicOut], **errors(422)},
    summary="Topics of the knowledge bank",
    description="In every language, or in one (`language`: nb, nn, da or en).",
)
def topic_list(request, language: TopicLanguage | None = None):
    return selectors.api_topics(language=language)


@router.get(
    "/topics/{slug}",
    response={200: TopicOut, **errors(404, 422)},
    summary="One topic",
    description="In `language` (nb, nn, da or en) when the topic has it; otherwise in the closest "
    "language (nynorsk: bokmål), the hub's default language, or else in the one it has.",
)
def topic_detail(request, slug: str, language: TopicLanguage | None = None):
    preferred = fallback_order(language) if language else [settings.LANGUAGE_CODE]
    topics = list(selectors.api_topics(slug=slug))
    for code in preferred:
        for topic in topics:
            if topic.locale.language_code == code:
                return topic
    if not topics:
        raise Http404
    return topics[0]


@router.get("/articles", response={200: list[ArticleOut], **errors(422)}, summary="Articles")
@paginate(Pagination)
def article_list(request, filters: Query[ContentFilters]):
    return selectors.api_articles(**filters.model_dump())


@router.get(
    "/articles/{article_id}",
    response={200: ArticleDetailOut, **errors(404)},
    summary="One article, in sections",
)
def article_detail(request, article_id: str):
    return selectors.api_article(article_id)


@router.get("/faq", response={200: list[FaqOut], **errors(422)}, summary="FAQ entries")
@paginate(Pagination)
def faq_list(request, filters: Query[ContentFilters]):
    return selectors.api_faqs(**filters.model_dump())


@router.get("/faq/{faq_id}", response={200: FaqOut, **errors(404)}, summary="One FAQ entry")
def faq_detail(request, faq_id: str):
    return selectors.api_faq(faq_id)


@router.get("/guides", response=list[GuideOut], summary="Guides (decision paths)")
def guide_list(request):
    return selectors.api_guides()


@router.get(
    "/guides/{slug}",
    response={200: GuideDetailOut, **errors(404)},
    summary="One guide, with its steps",
)
def guide_detail(request, slug: str):
    return get_object_or_404(selectors.api_guides(), slug=slug)
