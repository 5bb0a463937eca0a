from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


class ProjectsConfig(AppConfig):
    """A cross-municipal programme: themes, projects with their reach, and input from events."""

    name = "samspill.projects"
    label = "projects"
    verbose_name = _("Projects")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from samspill.core import registry

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
        from samspill.projects import sections

        sections.register()


def _projects_count() -> int:
    from samspill.projects.models import Project

    return Project.objects.published().count()
