"""Factories of news: the index under the `home_page` fixture and news items published through a
revision (`tests.knowledge.factories.publish`: what waits for the commit runs at once)."""

import datetime

from django.utils import timezone

from samspill.news import services
from samspill.news.models import NewsCategory, NewsIndexPage, NewsPage
from samspill.news.skeleton import ensure_editing
from tests.knowledge.factories import _free_slug, body_json, heading, publish, text

NEWS_BODY = [
    heading("Hvem kan søke"),
    text("<p>Artister og band med tilknytning til regionen kan søke om støtte.</p>"),
]


def index_page(home) -> NewsIndexPage:
    page = NewsIndexPage.objects.child_of(home).first()
    if page is None:
        page = NewsIndexPage(title="Nyheter", slug="nyheter", lead="Nytt fra huben.")
        home.add_child(instance=page)
        page = publish(page)
    services.ensure_categories()
    ensure_editing()
    return page


def category(key="call") -> NewsCategory:
    services.ensure_categories()
    return NewsCategory.objects.get(key=key)


def news_page(
    index,
    organisation,
    title="Utlysning: turnéstøtte 2027",
    *,
    lead="Søk om støtte til turné innen 1. mars.",
    category_key="call",
    topics=(),
    audiences=(),
    themes=(),
    municipalities=(),
    image=None,
    live=True,
    published_at: datetime.datetime | None = None,
    user=None,
    language="nb",
    **links,
) -> NewsPage:
    page = NewsPage(
        title=title,
        slug=_free_slug(index, title),
        lead=lead,
        organisation=organisation,
        category=category(category_key) if category_key else None,
        body=body_json(*NEWS_BODY),
        image=image,
        content_language=language,
        live=False,
    )
    index.add_child(instance=page)
    page.topics.set(topics)
    page.audiences.set(audiences)
    page.themes.set(themes)
    page.municipalities.set(municipalities)
    for name, rows in links.items():
        getattr(page, name).set(rows)
    page.save()
    if not live:
        page.save_revision(user=user)
        return page
    page = publish(page, user=user)
    if published_at is not None:
        NewsPage.objects.filter(pk=page.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )
        page.refresh_from_db()
    return page


def at(year, month, day=15) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 12))
