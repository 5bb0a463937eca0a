"""Projects on core's notification engine: programmes ("projects.programme") and projects
("projects.project") are follow targets, and three kinds of notification come from projects, in
the daily digest unless one chooses otherwise:

- "projects.status": an editor changed a project's status (only explicit changes: a project that
  becomes "completed" because its end date passed tells nobody);
- "projects.milestone": a milestone was added to a project, or reached (100 %);
- "projects.result": a result was added to a project.

Each goes to whoever follows the project, its programme, or its lead or partner organisations
("core.organisation"), each once, not to the editor who made the change. Unpublished projects
(or of an unpublished programme) tell nobody.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from samspill.core import notifications, registry
from samspill.core.models import Follow
from samspill.projects.models import Milestone, Programme, Project, ProjectStatus, Result

STATUS = "projects.status"
MILESTONE = "projects.milestone"
RESULT = "projects.result"


def programme_visible(programme: Programme) -> bool:
    return programme.is_published


def project_visible(project: Project) -> bool:
    """Published, in a published programme (`ProjectQuerySet.published`)."""
    if not project.is_published:
        return False
    programme = project._state.fields_cache.get("programme")
    if programme is not None:
        return programme.is_published
    return Programme.objects.filter(pk=project.programme_id, is_published=True).exists()


def follows_forget(sender, instance, **kwargs) -> None:
    """A project or programme deleted: nobody follows it any more (a generic key has no
    cascade)."""
    Follow.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


def register() -> None:
    """AppConfig.ready: the targets and the kinds."""
    for model in (Programme, Project):
        post_delete.connect(follows_forget, sender=model, dispatch_uid=f"follows-forget-{model}")
    registry.register_follow_target(
        registry.FollowTarget(
            name="projects.programme",
            model=Programme,
            label=lambda: _("Programme"),
            visible=programme_visible,
            visible_queryset=lambda: Programme.objects.published(),
        )
    )
    registry.register_follow_target(
        registry.FollowTarget(
            name="projects.project",
            model=Project,
            label=lambda: pgettext("follow target", "Project"),
            visible=project_visible,
            visible_queryset=lambda: Project.objects.published(),
        )
    )
    for name, label, order in (
        (STATUS, lambda: _("Status changes of projects you follow"), 50),
        (MILESTONE, lambda: _("Milestones of projects you follow"), 51),
        (RESULT, lambda: _("Results of projects you follow"), 52),
    ):
        registry.register_notification_kind(
            registry.NotificationKind(
                name=name,
                label=label,
                default="daily",
                group=lambda: _("Projects"),
                order=order,
            )
        )


# --- What changed ---------------------------------------------------------------------------------


def snapshot(project: Project) -> dict | None:
    """What a project is in the database before `services.project_save` writes it (None for a
    new one): its status as shown, its milestones' progress, its results. Three small queries."""
    if project.pk is None:
        return None
    stored = (
        Project.objects.filter(pk=project.pk).only("pk", "status", "starts_on", "ends_on").first()
    )
    if stored is None:
        return None
    return {
        "status": stored.status,
        "status_now": stored.current_status,
        "milestones": dict(
            Milestone.objects.filter(project_id=project.pk).values_list("pk", "progress")
        ),
        "results": set(Result.objects.filter(project_id=project.pk).values_list("pk", flat=True)),
    }


def _audience(project: Project) -> list:
    """The objects whose followers hear of the project: itself, its programme, its lead and
    partner organisations."""
    return [
        project,
        Programme(pk=project.programme_id),
        *([project.lead_organisation] if project.lead_organisation_id else []),
        *project.partners.all(),
    ]


def _url(project: Project) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return project.get_absolute_url()


def changes_notify(*, project: Project, before: dict | None, actor=None) -> int:
    """After `services.project_save`: tell the followers what changed since `before`
    (`snapshot`). Returns how many notifications were made."""
    if before is None or not project_visible(project):
        return 0
    title = project.title
    audience = _audience(project)
    url = _url(project)
    told = 0

    status_now = project.current_status
    if project.status != before["status"] and status_now != before["status_now"]:
        status = ProjectStatus(status_now)
        told += notifications.notify_followers(
            kind=STATUS,
            objs=audience,
            title=lambda language: (
                _("The project “%(title)s” is now: %(status)s")
                % {"title": title, "status": status.label}
            ),
            url=url,
            subject=project,
            actor=actor,
        )

    added, reached = [], []
    for milestone in project.milestones.all():
        old = before["milestones"].get(milestone.pk)
        if old is None:
            added.append(milestone.title)
        elif milestone.progress >= 100 > old:
            reached.append(milestone.title)
    if added or reached:

        def milestone_text(language):
            lines = [_("Reached: %(milestone)s") % {"milestone": m} for m in reached]
            lines += [_("New milestone: %(milestone)s") % {"milestone": m} for m in added]
            return "\n".join(lines)

        told += notifications.notify_followers(
            kind=MILESTONE,
            objs=audience,
            title=lambda language: _("Milestones of the project “%(title)s”") % {"title": title},
            text=milestone_text,
            url=url + "#milestones-heading",
            subject=project,
            actor=actor,
        )

    results = [r.title for r in project.results.all() if r.pk not in before["results"]]
    if results:
        told += notifications.notify_followers(
            kind=RESULT,
            objs=audience,
            title=lambda language: _("New results from the project “%(title)s”") % {"title": title},
            text="\n".join(results),
            url=url + "#results-heading",
            subject=project,
            actor=actor,
        )
    return told
