"""News in the notification engine (core.notifications): the kind "news.published" (a news item
about something one follows: its topics, its organisation, its category) and the categories as
something to follow."""

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samspill.core import registry


def category_url(category) -> str:
    """The news list filtered to the category (its own page)."""
    from samspill.news import selectors

    base = selectors.news_index_url() or ""
    return f"{base}?{urlencode({'category': category.key})}" if base else ""


def register() -> None:
    from samspill.news.models import NewsCategory

    registry.register_notification_kind(
        registry.NotificationKind(
            name="news.published",
            label=lambda: _("News about what you follow"),
            default="daily",
            group=lambda: _("News"),
            count=lambda n: ngettext("%(n)s news item", "%(n)s news items", n) % {"n": n},
        )
    )
    registry.register_follow_target(
        registry.FollowTarget(
            name="news.category",
            model=NewsCategory,
            label=lambda: _("News category"),
            visible=lambda category: True,
            title=lambda category: str(category.label),
            url=category_url,
        )
    )
