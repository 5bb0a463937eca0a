"""The emails of ideas: followers of an idea hear of its status changes, each in their own
language, with the public reason and a link to the idea (and to the project it became)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from samspill.core import registry
from samspill.core.mail import language_of, send_templated
from samspill.ideas.models import IdeaStatus, IdeaStatusChange


def status_change_send(*, change_id: int) -> int:
    """Email every follower of the idea (but the editor who made the change). Returns the count."""
    change = (
        IdeaStatusChange.objects.select_related("idea", "project", "actor")
        .filter(pk=change_id)
        .first()
    )
    if change is None or change.idea.is_hidden:
        return 0
    idea = change.idea
    followers = [
        f.user
        for f in idea.followers.select_related("user").filter(user__is_active=True)
        if f.user_id != change.actor_id
    ]
    for user in followers:
        language = language_of(user)
        with translation.override(language):  # the links are in the person's language
            context = {
                "idea": idea,
                "change": change,
                "status": IdeaStatus(change.to_status).label,
                "idea_url": settings.SITE_URL + idea.get_absolute_url(),
                "project_url": (
                    settings.SITE_URL + change.project.get_absolute_url() if change.project else ""
                ),
                "person": user,
            }
        send_templated(
            "ideas/email/status",
            to=user.email,
            context=context,
            language=language,
            recipient=user,
            kind="ideas.status",
        )
    return len(followers)


def register_kinds() -> None:
    """The kind of the ideas' emails (AppConfig.ready)."""
    registry.register_notification_kind(
        registry.NotificationKind(
            name="ideas.status",
            label=lambda: _("Status changes of ideas you follow"),
            default="immediate",
            group=lambda: _("Ideas"),
        )
    )
