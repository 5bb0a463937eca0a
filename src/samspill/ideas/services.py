"""Every write on ideas: one transaction, one audit entry, notifications (`ideas.following`).

Support is kept here. `idea_support` inserts the support row inside a savepoint; the unique
constraint on (idea, user) turns a second click, or two simultaneous ones, into an IntegrityError
that means "already supported" (PostgreSQL makes the second insert wait for the first transaction;
SQLite's immediate transactions queue writers). Only a row that was really inserted raises
`Idea.support_count`, with an UPDATE … SET support_count = support_count + 1 in the same
transaction, so the count always equals the rows.

The audit codes keep their `projects.` prefix (entries already written use them).
"""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core import notifications
from samspill.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from samspill.core.services import audit_log
from samspill.core.validators import validate_instance
from samspill.ideas import following, permissions
from samspill.ideas.models import (
    CommentReport,
    CommentStatus,
    Idea,
    IdeaComment,
    IdeaStatus,
    IdeaStatusChange,
    IdeaSupport,
)
from samspill.projects.models import Programme, Project


class IdeaDeclined(Conflict):
    code = "idea_declined"


class InvalidTransition(Conflict):
    code = "invalid_transition"


# Which moves an editor may make. Any status may go back to review; a project is final.
TRANSITIONS = {
    IdeaStatus.PROPOSED: {IdeaStatus.UNDER_REVIEW, IdeaStatus.ACCEPTED, IdeaStatus.DECLINED},
    IdeaStatus.UNDER_REVIEW: {IdeaStatus.ACCEPTED, IdeaStatus.DECLINED, IdeaStatus.PROJECT},
    IdeaStatus.ACCEPTED: {IdeaStatus.UNDER_REVIEW, IdeaStatus.DECLINED, IdeaStatus.PROJECT},
    IdeaStatus.DECLINED: {IdeaStatus.UNDER_REVIEW},
    IdeaStatus.PROJECT: set(),
}


def idea_propose(
    *,
    user,
    programme: Programme,
    title: str,
    description: str,
    themes: Iterable = (),
    municipalities: Iterable = (),
    organisation=None,
    origin_event=None,
) -> Idea:
    """A signed-in member proposes an idea; they follow it from the start (`auto`)."""
    if not user.is_authenticated:
        raise NotPermitted(_("Sign in to propose an idea."))
    themes = list(themes)
    if any(theme.programme_id != programme.pk for theme in themes):
        raise InvalidInput(_("Choose themes of the idea's own programme."), field="themes")
    if organisation is not None and not permissions.may_speak_for(user, organisation):
        raise NotPermitted(
            _("You can propose on behalf of an organisation only if you are its member."),
            field="organisation",
        )
    idea = Idea(
        programme=programme,
        title=title.strip(),
        description=description.strip(),
        author=user,
        organisation=organisation,
        origin_event=origin_event,
    )
    validate_instance(idea)
    with transaction.atomic():
        idea.save()
        idea.themes.set(themes)
        idea.municipalities.set(list(municipalities))
        following.follow_auto(user=user, idea=idea)
        audit_log(actor=user, action="projects.idea.proposed", target=idea)
    return idea


def idea_update(
    *, actor, idea: Idea, title: str, description: str, themes=None, municipalities=None
) -> Idea:
    """The author changes their idea while it is still proposed; editors at any time."""
    if not permissions.may_edit_idea(actor, idea):
        raise NotPermitted(_("Only the author can change the idea, and only before review."))
    idea.title, idea.description = title.strip(), description.strip()
    validate_instance(idea)
    with transaction.atomic():
        idea.save()
        if themes is not None:
            themes = list(themes)
            if any(theme.programme_id != idea.programme_id for theme in themes):
                raise InvalidInput(_("Choose themes of the idea's own programme."), field="themes")
            idea.themes.set(themes)
        if municipalities is not None:
            idea.municipalities.set(list(municipalities))
        audit_log(actor=actor, action="projects.idea.updated", target=idea)
    return idea


def idea_support(*, user, idea: Idea) -> bool:
    """Support an idea once. True when this call added the support, False when the person already
    supported it (a repeated or simultaneous click changes nothing). Supporters follow the idea."""
    if not user.is_authenticated:
        raise NotPermitted(_("Sign in to support an idea."))
    if idea.is_hidden:
        raise NotFound(_("No such idea."))
    if idea.status == IdeaStatus.DECLINED:
        raise IdeaDeclined(_("A declined idea cannot be supported."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                IdeaSupport.objects.create(idea=idea, user=user)
        except IntegrityError:
            return False
        Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
        following.follow_auto(user=user, idea=idea)
    idea.support_count += 1
    return True


def idea_unsupport(*, user, idea: Idea) -> bool:
    """Withdraw a support. True when one was removed."""
    if not user.is_authenticated:
        raise NotPermitted(_("Sign in to support an idea."))
    with transaction.atomic():
        deleted, _rows = IdeaSupport.objects.filter(idea=idea, user=user).delete()
        if not deleted:
            return False
        Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") - 1)
    idea.support_count = max(0, idea.support_count - 1)
    return True


def idea_follow(*, user, idea: Idea, follow: bool = True) -> None:
    if not user.is_authenticated:
        raise NotPermitted(_("Sign in to follow an idea."))
    if follow:
        notifications.follow(user=user, obj=idea)
    else:
        notifications.unfollow(user=user, obj=idea)


def idea_set_status(
    *, actor, idea: Idea, status: str, reason: str = "", project: Project | None = None
) -> Idea:
    """An editor moves an idea on. Declining needs a public reason; turning it into a project needs
    the project (of the same programme). The change is kept in the idea's history, and followers
    are told ("ideas.status": at once by email unless they chose otherwise, after the commit); when
    the idea becomes a project, its followers follow the project too."""
    if not permissions.may_moderate_idea(actor, idea):
        raise NotPermitted(_("Only the programme's editors can change an idea's status."))
    reason = (reason or "").strip()
    try:
        status = IdeaStatus(status)
    except ValueError:
        raise InvalidInput(_("Unknown status."), field="status") from None
    with transaction.atomic():
        current = Idea.objects.select_for_update().get(pk=idea.pk)
        if status == current.status:
            raise InvalidTransition(_("The idea already has this status."), field="status")
        if status not in TRANSITIONS[IdeaStatus(current.status)]:
            raise InvalidTransition(
                _("An idea cannot go from “%(from)s” to “%(to)s”.")
                % {"from": IdeaStatus(current.status).label, "to": status.label},
                field="status",
            )
        if status == IdeaStatus.DECLINED and not reason:
            raise InvalidInput(_("Give the public reason for declining."), field="reason")
        if status == IdeaStatus.PROJECT:
            if project is None:
                raise InvalidInput(_("Choose the project the idea became."), field="project")
            if project.programme_id != current.programme_id:
                raise InvalidInput(
                    _("The project must belong to the idea's programme."), field="project"
                )
        change = IdeaStatusChange.objects.create(
            idea=current,
            from_status=current.status,
            to_status=status,
            reason=reason,
            project=project if status == IdeaStatus.PROJECT else None,
            actor=actor,
        )
        current.status = status
        current.status_reason = reason
        if status == IdeaStatus.PROJECT:
            current.project = project
        current.save(update_fields=["status", "status_reason", "project", "updated_at"])
        audit_log(
            actor=actor,
            action="projects.idea.status_changed",
            target=current,
            data={"from": change.from_status, "to": status.value, "reason": reason},
        )
        if status == IdeaStatus.PROJECT:
            following.follow_project_for_followers(idea=current, project=project)
        following.status_changed(change=change, idea=current, actor=actor)
    idea.status, idea.status_reason, idea.project = current.status, reason, current.project
    return idea


def idea_hide(*, actor, idea: Idea, hidden: bool = True) -> None:
    if not permissions.may_moderate_idea(actor, idea):
        raise NotPermitted(_("Only the programme's editors can hide an idea."))
    with transaction.atomic():
        # A save, not a queryset update: the hub's search follows the idea's saves.
        idea.is_hidden = hidden
        idea.save(update_fields=["is_hidden"])
        audit_log(
            actor=actor,
            action="projects.idea.hidden" if hidden else "projects.idea.shown",
            target=idea,
        )


# --- Comments and moderation ---------------------------------------------------------------------


def comment_add(*, user, idea: Idea, body: str) -> IdeaComment:
    if not user.is_authenticated:
        raise NotPermitted(_("Sign in to comment."))
    if idea.is_hidden:
        raise NotFound(_("No such idea."))
    comment = IdeaComment(idea=idea, author=user, body=(body or "").strip())
    validate_instance(comment)
    with transaction.atomic():
        comment.save()
        audit_log(
            actor=user, action="projects.comment.added", target=idea, data={"comment": comment.pk}
        )
        following.reply_added(comment=comment)
    return comment


def comment_report(*, user, comment: IdeaComment, reason: str = "") -> bool:
    """A reader reports a comment; True when this is their first report of it."""
    if not user.is_authenticated:
        raise NotPermitted(_("Sign in to report a comment."))
    report = CommentReport(comment=comment, reporter=user, reason=(reason or "").strip()[:300])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        return False
    return True


def comment_moderate(*, actor, comment: IdeaComment, hide: bool, note: str = "") -> IdeaComment:
    """An editor hides (or shows again) a comment; its open reports are marked handled."""
    if not permissions.may_moderate_idea(actor, comment.idea):
        raise NotPermitted(_("Only the programme's editors can moderate comments."))
    now = timezone.now()
    with transaction.atomic():
        comment.status = CommentStatus.HIDDEN if hide else CommentStatus.VISIBLE
        comment.moderation_note = (note or "").strip()[:300]
        comment.moderated_by = actor
        comment.moderated_at = now
        comment.save(update_fields=["status", "moderation_note", "moderated_by", "moderated_at"])
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=now)
        audit_log(
            actor=actor,
            action="projects.comment.hidden" if hide else "projects.comment.kept",
            target=comment.idea,
            data={"comment": comment.pk, "note": comment.moderation_note},
        )
    return comment


def comment_delete_own(*, user, comment: IdeaComment) -> None:
    if not user.is_authenticated or comment.author_id != user.pk:
        raise NotPermitted(_("You can delete only your own comments."))
    comment.delete()


# --- Personal data --------------------------------------------------------------------------------


def personal_data_export(*, user) -> dict:
    """What a person wrote and did with ideas: ideas, supports, follows, comments, reports."""
    return {
        "ideas": [
            {
                "title": idea.title,
                "description": idea.description,
                "status": idea.status,
                "proposed": idea.created_at.isoformat(),
            }
            for idea in Idea.objects.filter(author=user).order_by("pk")
        ],
        "supported": [
            {"idea": s.idea.title, "at": s.created_at.isoformat()}
            for s in IdeaSupport.objects.filter(user=user).select_related("idea").order_by("pk")
        ],
        "following": list(
            following.followed_ideas(user).order_by("pk").values_list("title", flat=True)
        ),
        "comments": [
            {"idea": c.idea.title, "comment": c.body, "at": c.created_at.isoformat()}
            for c in IdeaComment.objects.filter(author=user).select_related("idea").order_by("pk")
        ],
        "reports": [
            {"comment": r.comment_id, "reason": r.reason, "at": r.created_at.isoformat()}
            for r in CommentReport.objects.filter(reporter=user).order_by("pk")
        ],
    }


def personal_data_erase(*, user) -> None:
    """Before an account is deleted. Supports, follows and reports go with the account (cascade).
    Comments are deleted, since they are the person's own words; ideas stay for the programme,
    without their author (`on_delete=SET_NULL`), because others supported and built on them. The
    support counts of the ideas the person supported are lowered in the same transaction, and each
    of those ideas gets an audit entry (without the person's name)."""
    with transaction.atomic():
        supported = set(IdeaSupport.objects.filter(user=user).values_list("idea_id", flat=True))
        Idea.objects.filter(pk__in=supported).update(support_count=F("support_count") - 1)
        IdeaSupport.objects.filter(user=user).delete()
        comments = dict(
            IdeaComment.objects.filter(author=user)
            .order_by()
            .values("idea_id")
            .annotate(n=Count("pk"))
            .values_list("idea_id", "n")
        )
        IdeaComment.objects.filter(author=user).delete()
        for idea in Idea.objects.filter(pk__in=supported | set(comments)).order_by("pk"):
            audit_log(
                actor=None,
                action="ideas.personal_data.erased",
                target=idea,
                data={
                    "support_withdrawn": idea.pk in supported,
                    "comments_deleted": comments.get(idea.pk, 0),
                },
            )
