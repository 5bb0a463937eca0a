"""Reads of news: the public list with its filters, the archive, feeds, sections on other pages
and the API. Every list fetches what its cards show together (a bounded number of queries)."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import get_language

from samspill.core import images, registry, versions
from samspill.core.locales import active_locale_id
from samspill.core.models import Audience, Municipality, Organisation
from samspill.knowledge.models import ArticlePage, TopicPage
from samspill.news.models import NewsCategory, NewsIndexPage, NewsPage
from samspill.projects.models import Theme
from samspill.projects.selectors import municipality_key, parse_municipality_key

FILTER_KEYS = ("topic", "organisation", "category", "audience", "theme", "municipality", "year")


def published_news() -> QuerySet:
    """Every live, public news item (in every language), newest first."""
    return NewsPage.objects.live().public().order_by("-first_published_at", "-pk")


def for_cards(news: QuerySet) -> QuerySet:
    """What a card shows: owner, category, picture with its card renditions."""
    return images.with_renditions(
        news.select_related("organisation", "category", "locale"), "image", "card"
    )


def _topic_keys(slug: str):
    return TopicPage.objects.filter(slug=slug).values("translation_key")


def filtered_news(
    *,
    topic=None,
    organisation=None,
    category=None,
    audience=None,
    theme=None,
    municipality=None,
    year=None,
    month=None,
) -> QuerySet:
    """Published news matching every filter given (slugs, keys; `municipality` "no-0301")."""
    news = published_news()
    if topic:
        news = news.filter(
            pk__in=NewsPage.topics.through.objects.filter(
                topicpage__translation_key__in=_topic_keys(topic)
            ).values("newspage_id")
        )
    if organisation:
        news = news.filter(organisation__slug=organisation)
    if category:
        news = news.filter(category__key=category)
    if audience:
        news = news.filter(
            pk__in=NewsPage.audiences.through.objects.filter(audience__slug=audience).values(
                "newspage_id"
            )
        )
    if theme:
        news = news.filter(
            pk__in=NewsPage.themes.through.objects.filter(theme__slug=theme).values("newspage_id")
        )
    if municipality:
        parsed = parse_municipality_key(municipality)
        if parsed is None:
            return news.none()
        news = news.filter(
            pk__in=NewsPage.municipalities.through.objects.filter(
                municipality__country=parsed[0], municipality__code=parsed[1]
            ).values("newspage_id")
        )
    if year:
        news = news.filter(first_published_at__year=year)
    if month:
        news = news.filter(first_published_at__month=month)
    return news


def filter_choices() -> dict:
    """The choices of the list's filters: only what some published news item uses."""
    live = published_news().values("pk")
    locale_id = active_locale_id()
    topic_keys = NewsPage.topics.through.objects.filter(newspage_id__in=live).values(
        "topicpage__translation_key"
    )
    topics = list(
        TopicPage.objects.live()
        .filter(translation_key__in=topic_keys, locale_id=locale_id)
        .order_by("title")
    )
    if not topics:
        topics = list(
            TopicPage.objects.live()
            .filter(translation_key__in=topic_keys, locale__language_code="nb")
            .order_by("title")
        )
    seen, unique_topics = set(), []
    for topic in topics:
        if topic.slug not in seen:
            seen.add(topic.slug)
            unique_topics.append(topic)
    return {
        "topics": unique_topics,
        "organisations": list(
            Organisation.objects.filter(pk__in=published_news().values("organisation_id"))
            .only("slug", "name")
            .order_by("name")
        ),
        "categories": list(NewsCategory.objects.all()),
        "audiences": list(
            Audience.objects.filter(
                pk__in=NewsPage.audiences.through.objects.filter(newspage_id__in=live).values(
                    "audience_id"
                )
            )
        ),
        "themes": _unique_themes(
            Theme.objects.filter(
                pk__in=NewsPage.themes.through.objects.filter(newspage_id__in=live).values(
                    "theme_id"
                )
            ).order_by("name_nb")
        ),
        "municipalities": [
            (municipality_key(m), m.name)
            for m in Municipality.objects.filter(
                pk__in=NewsPage.municipalities.through.objects.filter(newspage_id__in=live).values(
                    "municipality_id"
                )
            ).order_by("sort_name")
        ],
        "years": archive_years(),
    }


def _unique_themes(themes) -> list:
    seen, found = set(), []
    for theme in themes:
        if theme.slug not in seen:
            seen.add(theme.slug)
            found.append(theme)
    return found


def category(key: str | None) -> NewsCategory | None:
    return NewsCategory.objects.filter(key=key).first() if key else None


def archive_years() -> list[int]:
    """Years with published news, newest first."""
    return sorted(
        {
            y
            for y in published_news()
            .annotate(y=ExtractYear("first_published_at"))
            .values_list("y", flat=True)
            if y
        },
        reverse=True,
    )


def archive_months(year: int) -> list[dict]:
    """The months of `year` with published news: [{"month": 3, "count": 2, "date": date}]."""
    rows = (
        published_news()
        .filter(first_published_at__year=year)
        .annotate(m=ExtractMonth("first_published_at"))
        .order_by()
        .values("m")
        .annotate(n=Count("pk"))
    )
    return sorted(
        (
            {"month": row["m"], "count": row["n"], "date": datetime.date(year, row["m"], 1)}
            for row in rows
            if row["m"]
        ),
        key=lambda r: r["month"],
        reverse=True,
    )


def news_index_for_request():
    """The news index in the reader's language, or another one."""
    pages = NewsIndexPage.objects.live()
    return pages.filter(locale_id=active_locale_id()).first() or pages.order_by("pk").first()


def news_index_url() -> str | None:
    """The index's address in the active language, for the navigation (kept per process)."""
    language = (get_language() or "nb")[:2]

    def address() -> str:
        page = news_index_for_request()
        return (page.get_url() if page else "") or ""

    return (
        versions.process_memo(f"news:index-url:{language}", address, depends=("wagtail",)) or None
    )


def latest(news: QuerySet, limit: int) -> list:
    return list(for_cards(news)[:limit])


def news_about_topic(topic, limit: int) -> list:
    return latest(
        published_news().filter(
            pk__in=NewsPage.topics.through.objects.filter(
                topicpage__translation_key=topic.translation_key
            ).values("newspage_id")
        ),
        limit,
    )


def news_of_organisation(organisation, limit: int) -> list:
    return latest(published_news().filter(organisation=organisation), limit)


def news_about_project(project, limit: int) -> list:
    return latest(
        published_news().filter(
            pk__in=NewsPage.projects.through.objects.filter(project_id=project.pk).values(
                "newspage_id"
            )
        ),
        limit,
    )


def news_about_programme(programme, limit: int) -> list:
    """News about the programme's projects or themes."""
    return latest(
        published_news().filter(
            Q(
                pk__in=NewsPage.projects.through.objects.filter(
                    project__programme_id=programme.pk
                ).values("newspage_id")
            )
            | Q(
                pk__in=NewsPage.themes.through.objects.filter(
                    theme__programme_id=programme.pk
                ).values("newspage_id")
            )
        ),
        limit,
    )


def news_links(page: NewsPage) -> dict:
    """What a news item concerns, as anyone may see it: public events, projects, articles and
    surveys, and its subjects (a few queries whatever their number)."""
    found = {
        "topics": list(page.topics.live().public().order_by("title")),
        "audiences": list(page.audiences.all()),
        "themes": list(page.themes.all()),
        "municipalities": list(page.municipalities.all()),
        "linked_articles": list(
            ArticlePage.objects.live().public().filter(pk__in=page.articles.values("pk"))
        ),
        "linked_events": [],
        "linked_projects": [],
        "linked_surveys": [],
    }
    for name, field in (("events", "events"), ("projects", "projects"), ("surveys", "surveys")):
        rows = registry.public_rows(name)
        if rows is None:
            continue
        found[f"linked_{name}"] = list(rows.filter(pk__in=getattr(page, field).values("pk")))
    return found


def news_get_public(pk: int) -> NewsPage | None:
    return (
        images.with_renditions(
            published_news().filter(pk=pk).select_related("organisation", "category", "locale"),
            "image",
            "hero",
        )
        .prefetch_related("topics", "audiences", "themes", "municipalities")
        .first()
    )


def api_news() -> QuerySet:
    """The API's list: everything its items show, fetched together."""
    return images.with_renditions(
        published_news().select_related("organisation", "category", "locale"), "image"
    ).prefetch_related(
        Prefetch("topics", queryset=TopicPage.objects.only("pk", "slug", "title")),
        "audiences",
        "themes",
        "municipalities",
    )


def searchable_news(pk: int) -> NewsPage | None:
    return published_news().filter(pk=pk).select_related("organisation", "category").first()


def searchable_news_ids() -> list[int]:
    return list(published_news().values_list("pk", flat=True))


def published_count() -> int:
    return NewsPage.objects.live().count()
