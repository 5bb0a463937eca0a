"""The emails of ideas: followers of an idea hear of its status changes, each in their own
language, with the public reason and a link to the idea (and to the project it became)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from samspill.core.mail import enqueue_message
from samspill.ideas.models import IdeaStatus, IdeaStatusChange


def _language(user) -> str:
    return (getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE)[:2]


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
        with translation.override(_language(user)):
            context = {
                "site_name": settings.WAGTAIL_SITE_NAME,
                "idea": idea,
                "change": change,
                "status": IdeaStatus(change.to_status).label,
                "idea_url": settings.SITE_URL + idea.get_absolute_url(),
                "project_url": (
                    settings.SITE_URL + change.project.get_absolute_url() if change.project else ""
                ),
                "person": user,
            }
            subject = render_to_string("ideas/email/status_subject.txt", context)
            body = render_to_string("ideas/email/status.txt", context)
        enqueue_message(
            EmailMultiAlternatives(
                subject=" ".join(subject.split()),
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[user.email],
            )
        )
    return len(followers)
