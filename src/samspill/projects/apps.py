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
        from django.db.models.signals import post_delete, post_save

        from samspill.core.models import Organisation
        from samspill.projects import following, passages, sections, selectors
        from samspill.projects.models import Programme, programme_languages_changed

        passages.register()
        following.register()
        for model in (Programme, Organisation):
            for signal in (post_save, post_delete):
                signal.connect(
                    programme_languages_changed, sender=model, dispatch_uid=f"lang-{model}"
                )

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
