from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


class ProjectsConfig(AppConfig):
    """A cross-municipal programme: themes, projects with their reach, and ideas with support."""

    name = "samspill.projects"
    label = "projects"
    verbose_name = _("Projects")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from samspill.core import registry

        registry.register_rate_limit(registry.RateLimit(scope="projects.comment", rate="30/h"))
        registry.register_rate_limit(registry.RateLimit(scope="projects.propose", rate="10/h"))
        registry.register_rate_limit(registry.RateLimit(scope="projects.report", rate="20/h"))

        registry.register_nav_item(
            registry.NavItem(
                name="projects", label=lambda: _("Projects"), url_name="projects:list", order=50
            )
        )
        registry.register_statistic(
            registry.Statistic(
                name="projects",
                label=lambda n: npgettext("count of", "project", "projects", n),
                value=_projects_count,
                order=50,
            )
        )
        registry.register_personal_data(
            registry.PersonalDataSource(name="projects", export=_export, erase=_erase)
        )
        from samspill.projects import sections

        sections.register()


def _projects_count() -> int:
    from samspill.projects.models import Project

    return Project.objects.published().count()


def _export(*, user) -> dict:
    """What a person wrote and did in projects: ideas, supports, follows, comments, reports."""
    from samspill.projects.models import CommentReport, Idea, IdeaComment, IdeaFollower, IdeaSupport

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
            IdeaFollower.objects.filter(user=user)
            .order_by("pk")
            .values_list("idea__title", flat=True)
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


def _erase(*, user) -> None:
    """Supports, follows and reports go with the account (cascade). Comments are deleted, since
    they are the person's own words; ideas stay for the programme, without their author
    (`on_delete=SET_NULL`), because others supported and built on them. The support counts of
    the ideas the person supported are lowered in the same transaction."""
    from django.db import transaction
    from django.db.models import F

    from samspill.projects.models import Idea, IdeaComment, IdeaSupport

    with transaction.atomic():
        supported = list(IdeaSupport.objects.filter(user=user).values_list("idea_id", flat=True))
        Idea.objects.filter(pk__in=supported).update(support_count=F("support_count") - 1)
        IdeaSupport.objects.filter(user=user).delete()
        IdeaComment.objects.filter(author=user).delete()
