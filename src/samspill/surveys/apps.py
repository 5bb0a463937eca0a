from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from samspill.core import registry


class SurveysConfig(AppConfig):
    """Surveys that map the field: a builder in the admin, accessible answering, live results
    with cross-tabulation and small-group suppression, and exports."""

    name = "samspill.surveys"
    label = "surveys"
    verbose_name = _("Surveys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: these modules import the models, which are loaded only now.
        from samspill.surveys import passages, selectors, services, views

        passages.register()

        registry.register_rate_limit(registry.RateLimit(scope="surveys.respond", rate="60/h"))
        # Sending a survey's invitations or reminders: per editor.
        registry.register_rate_limit(registry.RateLimit(scope="surveys.mailing", rate="20/h"))
        self._register_notification_kinds()

        registry.register_nav_item(
            registry.NavItem(
                name="surveys", label=lambda: _("Surveys"), url_name="surveys:list", order=40
            )
        )
        registry.register_home_section(
            registry.HomeSection(
                name="surveys",
                template="surveys/_home_section.html",
                context=views.home_section,
                order=40,
            )
        )
        registry.register_statistic(
            registry.Statistic(
                name="survey_responses",
                label=lambda n: npgettext("count of", "survey response", "survey responses", n),
                value=selectors.submitted_responses_count,
                order=40,
                depends=("surveys",),
            )
        )
        registry.register_personal_data(
            registry.PersonalDataSource(
                name="surveys", export=selectors.personal_data, erase=services.personal_data_erase
            )
        )
        registry.register_public_rows(
            registry.PublicRows(
                name="surveys", queryset=selectors.listed_surveys, url_name="surveys:list"
            )
        )

    def _register_notification_kinds(self):
        """Invitations and reminders are emails nobody asked for: not transactional, so each
        carries List-Unsubscribe; sent at once when an editor sends them. An open survey that
        asks one's organisation comes in the daily digest."""
        registry.register_notification_kind(
            registry.NotificationKind(
                name="surveys.invitation",
                label=lambda: _("Survey invitations with a personal link"),
                default="immediate",
                group=lambda: _("Surveys"),
            )
        )
        registry.register_notification_kind(
            registry.NotificationKind(
                name="surveys.reminder",
                label=lambda: _("Reminders of surveys not yet answered"),
                default="immediate",
                group=lambda: _("Surveys"),
            )
        )
        registry.register_notification_kind(
            registry.NotificationKind(
                name="surveys.open",
                label=lambda: _("Surveys that ask your organisation for answers"),
                default="daily",
                group=lambda: _("Surveys"),
            )
        )
