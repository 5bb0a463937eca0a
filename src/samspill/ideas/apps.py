from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    """The idea board of a programme: ideas with support, followers, comments and moderation, and
    an idea's way into a project. Depends on `projects` (programmes, themes, projects)."""

    name = "samspill.ideas"
    label = "ideas"
    verbose_name = _("Ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from samspill.core import registry

        # The scopes keep their names from before ideas had an app (SAMSPILL_RATE_LIMITS uses them).
        registry.register_rate_limit(registry.RateLimit(scope="projects.comment", rate="30/h"))
        registry.register_rate_limit(registry.RateLimit(scope="projects.propose", rate="10/h"))
        registry.register_rate_limit(registry.RateLimit(scope="projects.report", rate="20/h"))
        # Named "projects": a person's data export keeps the key it had before ideas had an app.
        registry.register_personal_data(
            registry.PersonalDataSource(name="projects", export=_export, erase=_erase)
        )
        registry.register_public_rows(
            registry.PublicRows(name="ideas", queryset=_visible_ideas, url_name="ideas:idea-list")
        )


def _export(*, user) -> dict:
    from samspill.ideas import services

    return services.personal_data_export(user=user)


def _erase(*, user) -> None:
    from samspill.ideas import services

    services.personal_data_erase(user=user)


def _visible_ideas():
    from samspill.ideas.models import Idea

    return Idea.objects.visible()
