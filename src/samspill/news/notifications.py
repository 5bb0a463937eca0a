"""News in the notification engine (core.notifications): the kind "news.published" and the
categories as something to follow. Registered only where the engine exists."""

from django.utils.translation import gettext_lazy as _

from samspill.core import registry


def register() -> None:
    from samspill.news.models import NewsCategory

    if hasattr(registry, "register_notification_kind"):
        registry.register_notification_kind(
            registry.NotificationKind(
                name="news.published",
                label=lambda: _("News about what you follow"),
                default="daily",
                group=lambda: _("News"),
            )
        )
    if hasattr(registry, "register_follow_target"):
        registry.register_follow_target(
            registry.FollowTarget(
                name="news.category",
                model=NewsCategory,
                label=lambda: _("News category"),
                visible=lambda obj: True,
            )
        )
