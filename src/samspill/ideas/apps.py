from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from samspill.core import registry

# The scopes keep their names from before ideas had an app (SAMSPILL_RATE_LIMITS uses them).
RATE_LIMITS = {
    "projects.comment": "30/h",
    "projects.propose": "10/h",
    "projects.report": "20/h",
}


class IdeasConfig(AppConfig):
    """The idea board of a programme: ideas with support, followers, comments and moderation, and
    an idea's way into a project. Depends on `projects` (programmes, themes, projects)."""

    name = "samspill.ideas"
    label = "ideas"
    verbose_name = _("Ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: these modules import the models, which are loaded only now.
        from samspill.ideas import following, models, passages, services

        passages.register()
        following.register()

        for scope, rate in RATE_LIMITS.items():
            registry.register_rate_limit(registry.RateLimit(scope=scope, rate=rate))
        # Named "projects": a person's data export keeps the key it had before ideas had an app.
        registry.register_personal_data(
            registry.PersonalDataSource(
                name="projects",
                export=services.personal_data_export,
                erase=services.personal_data_erase,
            )
        )
        registry.register_public_rows(
            registry.PublicRows(
                name="ideas", queryset=models.Idea.objects.visible, url_name="ideas:idea-list"
            )
        )
