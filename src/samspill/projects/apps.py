from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from samspill.core import registry


class ProjectsConfig(AppConfig):
    """A cross-municipal programme: themes, projects with their reach, and input from events."""

    name = "samspill.projects"
    label = "projects"
    verbose_name = _("Projects")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: these modules import the models, which are loaded only now.
        from samspill.projects import passages, sections, selectors

        passages.register()

        registry.register_nav_item(
            registry.NavItem(
                name="projects", label=lambda: _("Projects"), url_name="projects:list", order=50
            )
        )
        registry.register_statistic(
            registry.Statistic(
                name="projects",
                label=lambda n: npgettext("count of", "project", "projects", n),
                value=selectors.published_count,
                order=50,
                depends=("projects",),
            )
        )
        sections.register()
