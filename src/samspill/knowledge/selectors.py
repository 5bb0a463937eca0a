"""Reads shaped for the knowledge pages, the editors' dashboard and the API."""

import datetime
import uuid

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Page

from samspill.core import versions
from samspill.core.locales import active_locale_id
from samspill.knowledge.models import (
    CONTENT_MODELS,
    ArticlePage,
    ExternalLink,
    FaqPage,
    GuidePage,
    KnowledgeIndexPage,
    LinkStatus,
    TopicPage,
)


def review_overdue(*, organisation_ids=None, today=None):
    """Content whose review date has passed, oldest first, as (page, kind) tuples."""
    today = today or timezone.localdate()
    rows = []
    for model in CONTENT_MODELS:
        pages = model.objects.filter(review_due__lt=today).select_related("organisation", "locale")
        if organisation_ids is not None:
            pages = pages.filter(organisation_id__in=organisation_ids)
        rows += list(pages)
    return sorted(rows, key=lambda p: (p.review_due, p.title))


def content_count() -> int:
    """The hub's statistic: live articles and FAQ entries."""
    return ArticlePage.objects.live().count() + FaqPage.objects.live().count()


def knowledge_index_for_request(request=None):
    """The knowledge index in the reader's language, or in the default language."""
    locale_id = active_locale_id()
    pages = KnowledgeIndexPage.objects.live()
    return pages.filter(locale_id=locale_id).first() or pages.order_by("pk").first()


def knowledge_index_url() -> str | None:
    """The index page's address in the active language, for the navigation of every page: kept
    in this process until a page changes (core.versions)."""
    language = (get_language() or "nb")[:2]

    def address() -> str:
        page = knowledge_index_for_request()
        return (page.get_url() if page else "") or ""

    url = versions.process_memo(f"knowledge:index-url:{language}", address, depends=("wagtail",))
    return url or None


# --- API reads ------------------------------------------------------------------------------------


def api_topics(language: str | None = None, slug: str | None = None):
    topics = TopicPage.objects.live().public().select_related("locale").order_by("path")
    if language:
        topics = topics.filter(locale__language_code=language)
    if slug:
        topics = topics.filter(slug=slug)
    return topics


def _content_filters(pages, *, topic=None, audience=None, language=None, organisation=None):
    if topic:
        paths = list(TopicPage.objects.live().filter(slug=topic).values_list("path", flat=True))
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(path__startswith=path)
        pages = pages.filter(condition)
    if audience:
        pages = pages.filter(audiences__slug=audience)
    if language:
        pages = pages.filter(content_language=language)
    if organisation:
        pages = pages.filter(organisation__slug=organisation)
    return pages


def _with_topic_slug(pages):
    parent = TopicPage.objects.filter(path=Substr(OuterRef("path"), 1, OuterRef("depth") * 4 - 4))
    return pages.annotate(topic_slug=Subquery(parent.values("slug")[:1]))


def api_articles(**filters):
    pages = (
        ArticlePage.objects.live()
        .public()
        .select_related("organisation")
        .prefetch_related("audiences")
    )
    return _with_topic_slug(_content_filters(pages, **filters)).order_by("-last_published_at", "pk")


def api_article(article_id: str):
    pages = _with_topic_slug(
        ArticlePage.objects.live()
        .public()
        .select_related("organisation")
        .prefetch_related("audiences")
    )
    if article_id.startswith("article-"):
        page = pages.filter(
            translation_key=_uuid_or_none(article_id.removeprefix("article-")),
            external_id__isnull=True,
        ).first()
    else:
        page = pages.filter(external_id=article_id).first()
    if page is None:
        raise Http404(article_id)
    return page


def api_faqs(**filters):
    pages = (
        FaqPage.objects.live().public().select_related("organisation").prefetch_related("audiences")
    )
    return _content_filters(pages, **filters).order_by("path")


def api_faq(faq_id: str):
    key = _uuid_or_none(faq_id.removeprefix("faq-"))
    page = api_faqs().filter(translation_key=key).first() if key else None
    if page is None:
        raise Http404(faq_id)
    return page


def api_guides():
    return (
        GuidePage.objects.live()
        .public()
        .select_related("organisation")
        .prefetch_related("audiences")
        .order_by("path")
    )


def _uuid_or_none(value: str):
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


# --- Editors' review dashboard (appended) ---------------------------------------------------------


def content_pages_condition(organisation_ids) -> Q:
    """A condition on wagtailcore.Page: knowledge content owned by these organisations (one query)."""
    condition = Q(pk__in=[])
    for model in CONTENT_MODELS:
        owned = model.objects.filter(organisation_id__in=organisation_ids).values("pk")
        condition |= Q(pk__in=owned)
    return condition


def review_due_within(*, days: int, organisation_ids=None, today=None, limit: int = 10):
    """Content whose review date has passed or comes within `days`, soonest first: at most
    `limit` pages and how many there are in all (two queries per kind of content)."""
    until = (today or timezone.localdate()) + datetime.timedelta(days=days)
    rows, total = [], 0
    for model in CONTENT_MODELS:
        pages = model.objects.filter(review_due__lte=until)
        if organisation_ids is not None:
            pages = pages.filter(organisation_id__in=organisation_ids)
        total += pages.count()
        rows += list(
            pages.select_related("organisation").order_by("review_due", "title", "pk")[:limit]
        )
    return sorted(rows, key=lambda p: (p.review_due, p.title))[:limit], total


def review_overdue_count(*, organisation_ids=None, today=None) -> int:
    today = today or timezone.localdate()
    total = 0
    for model in CONTENT_MODELS:
        pages = model.objects.filter(review_due__lt=today)
        if organisation_ids is not None:
            pages = pages.filter(organisation_id__in=organisation_ids)
        total += pages.count()
    return total


def broken_links(*, organisation_ids=None):
    """Broken external links with the pages that use them (only these organisations' pages, if
    given), by address. Two queries however many there are."""
    links = ExternalLink.objects.filter(status=LinkStatus.BROKEN)
    pages = Page.objects.order_by("title")
    if organisation_ids is not None:
        owned = content_pages_condition(organisation_ids)
        links = links.filter(
            pk__in=ExternalLink.pages.through.objects.filter(
                page__in=Page.objects.filter(owned)
            ).values("externallink_id")
        )
        pages = pages.filter(owned)
    return links.prefetch_related(Prefetch("pages", queryset=pages)).order_by("url")


def content_page(page_id: int):
    """A page as its specific type, or None (the review screen checks it is knowledge content)."""
    page = Page.objects.filter(pk=page_id).first()
    return page.specific if page is not None else None


# --- The answer finder's search sources (`knowledge.passages`) -----------------------------------


def searchable_page(model, pk: int):
    """A live public page of `model` to index, or None."""
    return model.objects.live().public().filter(pk=pk).select_related("locale").first()


def searchable_page_ids(model) -> list[int]:
    return list(model.objects.live().public().values_list("pk", flat=True))


def parent_topic_slug(page) -> str | None:
    return (
        TopicPage.objects.filter(path=page.path[: -page.steplen])
        .values_list("slug", flat=True)
        .first()
    )
