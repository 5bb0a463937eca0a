"""What the knowledge bank tells the people who follow it (issue 19).

Topics are a follow target ("knowledge.topic"): a live, public topic. When an article, FAQ entry
or guide is published for the first time, the followers of its topics (the one it sits in and
those it is also placed in, in any language) and of its owning organisation get one
"knowledge.new_content" notification each (daily digest by default). Republishing, translating
published content, drafts and pages behind a view restriction tell nobody.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published

from samspill.core import notifications, registry

NEW_CONTENT = "knowledge.new_content"


def topic_visible(topic) -> bool:
    from samspill.knowledge.models import TopicPage

    return TopicPage.objects.live().public().filter(pk=topic.pk).exists()


def register() -> None:
    """The target and the kind (AppConfig.ready), and the publishing hook."""
    from samspill.knowledge.models import TopicPage

    registry.register_follow_target(
        registry.FollowTarget(
            name="knowledge.topic",
            model=TopicPage,
            label=lambda: _("Topic"),
            visible=topic_visible,
            visible_queryset=lambda: TopicPage.objects.live().public(),
            title=lambda topic: topic.title,
            url=lambda topic: topic.get_url() or "",
        )
    )
    registry.register_notification_kind(
        registry.NotificationKind(
            name=NEW_CONTENT,
            label=lambda: _("New articles, answers and guides in what you follow"),
            default="daily",
            group=lambda: _("Knowledge bank"),
            order=20,
        )
    )
    page_published.connect(_published, dispatch_uid="knowledge-notices-published")


def topics_of(page) -> list:
    """The topics a piece of content belongs to, with their translations (a follower of the
    bokmål topic hears of the English article in it too)."""
    from samspill.knowledge.models import ArticlePage, TopicPage

    keys = set()
    parent = page.parent_topic()
    if parent is not None:
        keys.add(parent.translation_key)
    if isinstance(page, ArticlePage):
        keys.update(page.related_topics.values_list("translation_key", flat=True))
    if not keys:
        return []
    return list(TopicPage.objects.filter(translation_key__in=keys))


def _published(sender, instance, revision=None, **kwargs) -> None:
    from samspill.knowledge.models import KnowledgeContent

    page = instance.specific if hasattr(instance, "specific") else instance
    if not isinstance(page, KnowledgeContent):
        return
    # The first publication only: a republished page (corrections, a new review) is no news.
    if not page.live or page.first_published_at is None:
        return
    if page.last_published_at and page.first_published_at != page.last_published_at:
        return
    # A translation of published content is not new content: its followers heard of it already.
    translated = (
        type(page)
        .objects.filter(translation_key=page.translation_key, first_published_at__isnull=False)
        .exclude(pk=page.pk)
    )
    if translated.exists():
        return
    content_published(page, actor=getattr(revision, "user", None))


def content_published(page, *, actor=None) -> int:
    """Tell the followers of `page`'s topics and owner that it is out; how many were told."""
    if not type(page).objects.live().public().filter(pk=page.pk).exists():
        return 0
    topics = topics_of(page)
    objs = [*topics, page.organisation] if page.organisation_id else topics
    if not objs:
        return 0
    title = page.title
    parent = page.parent_topic()
    topic_title = parent.title if parent is not None else (topics[0].title if topics else "")
    owner = page.organisation.name if page.organisation_id else ""

    def text(language):
        if topic_title:
            return _("New in %(topic)s, from %(owner)s.") % {"topic": topic_title, "owner": owner}
        return _("New from %(owner)s.") % {"owner": owner}

    return notifications.notify_followers(
        kind=NEW_CONTENT,
        objs=objs,
        title=lambda language: _("New in the knowledge bank: %(title)s") % {"title": title},
        text=text,
        url=page.get_url() or page.url_path,
        subject=page,
        actor=actor,
    )
