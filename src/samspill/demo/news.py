"""News's part of the demo hub: a dozen news items from the music offices, Mustech Norway and
Musikmetropolen (data/news.json), in bokmål and Danish, some with a picture, linked to the demo's
topics, events, projects, articles and surveys. Written for the demo from the project's domain
notes; the schemes and programmes named are fictional in their details.

Each item is published through a revision by an editor of its organisation (its first
publication is its date: `days_ago` before the build). Idempotent: an item whose slug exists under
its language's news index is left as it is.
"""

import datetime
import json

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from samspill.core.models import Audience, Membership, Municipality, Organisation
from samspill.demo import images as demo_images
from samspill.demo.clock import rounded
from samspill.demo.data import load
from samspill.events.models import Event
from samspill.knowledge.models import ArticlePage, TopicPage
from samspill.news import skeleton
from samspill.news.models import NewsCategory, NewsIndexPage, NewsPage
from samspill.projects.models import Project, Theme
from samspill.surveys.models import Survey

DATA = load("news")


def _index(language: str) -> NewsIndexPage | None:
    locale = Locale.objects.filter(language_code=language).first()
    return NewsIndexPage.objects.filter(locale=locale).first() if locale else None


def _author(organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, role__in=("admin", "editor"))
        .select_related("user")
        .order_by("role", "pk")
        .first()
    )
    return membership.user if membership else None


def _topics(slugs, language):
    topics = list(TopicPage.objects.filter(slug__in=slugs, locale__language_code=language))
    return topics or list(TopicPage.objects.filter(slug__in=slugs, locale__language_code="nb"))


def _item(spec, index, banners) -> bool:
    if NewsPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
        return False
    organisation = Organisation.objects.filter(slug=spec["owner"]).first()
    if organisation is None:
        return False
    number = sum(map(ord, spec["slug"]))
    page = NewsPage(
        title=spec["title"],
        slug=spec["slug"],
        lead=spec["lead"],
        organisation=organisation,
        category=NewsCategory.objects.get(key=spec["category"]),
        content_language=spec["language"],
        body=json.dumps([{"type": kind, "value": value} for kind, value in spec["body"]]),
        image=banners[number % len(banners)] if spec.get("image") and banners else None,
        live=False,
    )
    index.add_child(instance=page)
    page.topics.set(_topics(spec.get("topics", []), spec["language"]))
    page.audiences.set(Audience.objects.filter(slug__in=spec.get("audiences", [])))
    page.themes.set(Theme.objects.filter(slug__in=spec.get("themes", [])))
    municipalities = [
        m
        for country, code in spec.get("municipalities", [])
        for m in Municipality.objects.filter(country=country, code=code)[:1]
    ]
    page.municipalities.set(municipalities)
    page.events.set(Event.objects.filter(slug__in=spec.get("events", [])))
    page.projects.set(Project.objects.filter(slug__in=spec.get("projects", [])))
    page.articles.set(ArticlePage.objects.filter(external_id__in=spec.get("articles", [])))
    page.surveys.set(Survey.objects.filter(slug__in=spec.get("surveys", [])))
    page.save()
    author = _author(organisation)
    page.save_revision(user=author).publish(user=author, skip_permission_checks=True)
    when = rounded(timezone.now() - datetime.timedelta(days=spec["days_ago"], hours=3))
    NewsPage.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    return True


def build() -> list[str]:
    skeleton.build()
    banners = demo_images._banners()
    made = 0
    with transaction.atomic():
        for spec in DATA["items"]:
            index = _index(spec["language"]) or _index("nb")
            if index is not None and _item(spec, index, banners):
                made += 1
    return [f"News: {made} items published"] if made else []
