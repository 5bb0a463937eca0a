"""Ideas on core's notification engine: an idea is a follow target ("ideas.idea"), and two kinds
of notification come from ideas.

- "ideas.status": an idea one follows changed status (with the public reason, and the project it
  became). Its default is "immediate": the hub has always emailed followers at once when the
  status of an idea they follow changes (the page, the admin and the thank-you message say so),
  and a status changes a handful of times in an idea's life.
- "ideas.reply": someone commented on an idea one proposed or commented on: in the daily digest.

Proposing or supporting an idea follows it (`auto=True`); when an idea becomes a project, its
followers are told (the status notification) and follow the project too (`auto=True`).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete
from django.utils import translation
from django.utils.translation import gettext as _

from samspill.core import notifications, registry
from samspill.core.models import Follow
from samspill.ideas.models import Idea, IdeaComment, IdeaStatus, IdeaStatusChange

STATUS = "ideas.status"
REPLY = "ideas.reply"
BATCH = 1000


def idea_visible(idea: Idea) -> bool:
    """Anyone may follow an idea that is not hidden (and whose programme is published)."""
    if idea.is_hidden:
        return False
    programme = idea._state.fields_cache.get("programme")
    if programme is not None:
        return programme.is_published
    return Idea.objects.visible().filter(pk=idea.pk).exists()


def follows_forget(sender, instance, **kwargs) -> None:
    """An idea deleted: nobody follows it any more (a generic key has no cascade)."""
    Follow.objects.filter(
        content_type=ContentType.objects.get_for_model(Idea), object_id=instance.pk
    ).delete()


def register() -> None:
    """AppConfig.ready: the target and the kinds."""
    post_delete.connect(follows_forget, sender=Idea, dispatch_uid="ideas-follows-forget")
    registry.register_follow_target(
        registry.FollowTarget(
            name="ideas.idea",
            model=Idea,
            label=lambda: _("Idea"),
            visible=idea_visible,
            visible_queryset=lambda: Idea.objects.visible(),
        )
    )
    registry.register_notification_kind(
        registry.NotificationKind(
            name=STATUS,
            label=lambda: _("Status changes of ideas you follow"),
            default="immediate",
            group=lambda: _("Ideas"),
            order=60,
        )
    )
    registry.register_notification_kind(
        registry.NotificationKind(
            name=REPLY,
            label=lambda: _("New comments on ideas you proposed or commented on"),
            default="daily",
            group=lambda: _("Ideas"),
            order=61,
        )
    )


# --- Following ------------------------------------------------------------------------------------


def follow_auto(*, user, idea: Idea) -> None:
    """The hub follows the idea for the person (proposing, supporting): `auto=True`. Never
    raises: a person who cannot follow it simply does not."""
    content_type = ContentType.objects.get_for_model(Idea)
    Follow.objects.bulk_create(
        [Follow(user=user, content_type=content_type, object_id=idea.pk, auto=True)],
        ignore_conflicts=True,
    )


def follower_user_ids(idea: Idea) -> set[int]:
    return notifications.follower_ids([idea])


def followed_ideas(user):
    """The ideas `user` follows (a queryset)."""
    content_type = ContentType.objects.get_for_model(Idea)
    return Idea.objects.filter(
        pk__in=Follow.objects.filter(user=user, content_type=content_type).values("object_id")
    )


def follow_project_for_followers(*, idea: Idea, project) -> int:
    """An idea became `project`: everyone who follows the idea follows the project too
    (`auto=True`), in batches. Returns how many new follows."""
    content_type = ContentType.objects.get_for_model(type(project))
    user_ids = sorted(follower_user_ids(idea))
    made = 0
    for start in range(0, len(user_ids), BATCH):
        chunk = user_ids[start : start + BATCH]
        already = set(
            Follow.objects.filter(
                content_type=content_type, object_id=project.pk, user_id__in=chunk
            ).values_list("user_id", flat=True)
        )
        rows = [
            Follow(user_id=pk, content_type=content_type, object_id=project.pk, auto=True)
            for pk in chunk
            if pk not in already
        ]
        Follow.objects.bulk_create(rows, ignore_conflicts=True)
        made += len(rows)
    return made


# --- Notifying ------------------------------------------------------------------------------------


def status_changed(*, change: IdeaStatusChange, idea: Idea, actor=None) -> int:
    """Tell the idea's followers (not the editor who moved it) its new status, each in their
    language: the public reason, and the project it became with a link in their language. Hidden
    ideas tell nobody."""
    if idea.is_hidden:
        return 0
    status = IdeaStatus(change.to_status)
    project = change.project
    title, reason = idea.title, change.reason

    def render_title(language):
        return _("The idea “%(title)s” is now: %(status)s") % {
            "title": title,
            "status": status.label,
        }

    def render_text(language):
        parts = []
        if reason:
            parts.append(_("The editors' reason:") + "\n" + reason)
        if project is not None:
            url = settings.SITE_URL + project.get_absolute_url()  # in the person's language
            parts.append(
                _("The idea became the project “%(project)s”:") % {"project": project.title}
                + f"\n{url}"
            )
        return "\n\n".join(parts)

    with translation.override(settings.LANGUAGE_CODE):
        url = idea.get_absolute_url()
    return notifications.notify_followers(
        kind=STATUS,
        objs=[idea],
        title=render_title,
        text=render_text,
        url=url,
        subject=idea,
        actor=actor,
    )


def reply_added(*, comment: IdeaComment) -> int:
    """Tell the idea's author and the others who commented on it (not the commenter) of a new
    comment: in their daily digest by default. Hidden ideas tell nobody."""
    idea = comment.idea
    if idea.is_hidden:
        return 0
    users = set(
        IdeaComment.objects.filter(idea=idea, author__isnull=False, status="visible")
        .exclude(pk=comment.pk)
        .values_list("author_id", flat=True)
        .distinct()
    )
    if idea.author_id:
        users.add(idea.author_id)
    if not users:
        return 0
    title, excerpt = idea.title, comment.body[:300]

    def render_title(language):
        return _("New comment on the idea “%(title)s”") % {"title": title}

    with translation.override(settings.LANGUAGE_CODE):
        url = idea.get_absolute_url() + f"#comment-{comment.pk}"
    return notifications.notify(
        kind=REPLY,
        users=users,
        title=render_title,
        text=excerpt,
        url=url,
        subject=idea,
        actor=comment.author,
    )
