"""Every write of news: the categories, and what follows a news item's first publication (its
followers are told once: `notified_at`)."""

from django.db import transaction
from django.utils import timezone

from samspill.core import notifications
from samspill.knowledge.models import TopicPage
from samspill.news.models import CategoryKey, NewsCategory, NewsPage


def ensure_categories() -> None:
    """The category rows, one per `CategoryKey` (idempotent)."""
    for order, key in enumerate(CategoryKey.values):
        NewsCategory.objects.get_or_create(key=key, defaults={"order": order})


def news_published(*, page_id: int, user=None) -> int:
    """A news item was published: the first time, its followers are told (the followers of its
    topics in every language, of its owning organisation and of its category). Returns how many
    people were notified (0 when it had been published before)."""
    claimed = NewsPage.objects.filter(pk=page_id, notified_at__isnull=True, live=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return 0
    page = NewsPage.objects.select_related("organisation", "category").get(pk=page_id)
    # Wagtail's own log has the publication ("wagtail.publish"): nothing more to audit here.
    return _notify_followers(page, user)


def _notify_followers(page: NewsPage, actor) -> int:
    topic_keys = page.topics.values("translation_key")
    objs = [
        *TopicPage.objects.filter(translation_key__in=topic_keys),
        page.organisation,
    ]
    if page.category_id:
        objs.append(page.category)
    title, lead = page.title, page.lead
    organisation = page.organisation.name
    url = page.get_url() or ""
    return notifications.notify_followers(
        kind="news.published",
        objs=objs,
        title=lambda language: f"{organisation}: {title}",
        text=lambda language: lead,
        url=url,
        subject=page,
        actor=actor,
    )


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    """Wagtail's `page_published` for a news item: notify after the commit."""
    user = getattr(revision, "user", None) if revision is not None else None
    page_id = instance.pk
    transaction.on_commit(lambda: news_published(page_id=page_id, user=user))
