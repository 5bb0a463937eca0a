from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from samspill.core import registry

RATE_LIMITS = {
    "events.register": "20/h",
    "events.invite": "10/h",
    "events.agenda": "20/h",
    "events.confirm": "30/h",
}


class EventsConfig(AppConfig):
    name = "samspill.events"
    label = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: these modules import the models, which are loaded only now.
        from samspill.events import (
            emails,
            models,
            notices,
            passages,
            reminders,
            selectors,
            services,
            views,
        )

        passages.register()
        emails.register_kinds()  # before notices: a kind both name keeps the email's
        notices.register()

        registry.register_periodic_job(
            registry.PeriodicJob(
                name="events.send_reminders",
                label=lambda: _("Event reminders (the day before)"),
                run=lambda: {"sent": reminders.reminders_send()},
                interval=15,
            )
        )
        for scope, rate in RATE_LIMITS.items():
            registry.register_rate_limit(registry.RateLimit(scope=scope, rate=rate))
        registry.register_nav_item(
            registry.NavItem(
                name="events", label=lambda: _("Events"), url_name="events:list", order=20
            )
        )
        registry.register_home_section(
            registry.HomeSection(
                name="events",
                template="events/_home_section.html",
                context=views.home_section,
                order=20,
                # The same for everyone until an event (or an organiser) changes or one ends.
                depends=("events", "core"),
                valid_until=views.home_section_valid_until,
            )
        )
        registry.register_profile_section(
            registry.HomeSection(
                name="events",
                template="events/_profile_section.html",
                context=views.profile_section,
                order=20,
            )
        )
        registry.register_organisation_section(
            registry.OrganisationSection(
                name="events",
                template="events/_organisation_section.html",
                context=views.organisation_section,
                order=40,
            )
        )
        registry.register_statistic(
            registry.Statistic(
                name="events",
                label=lambda n: npgettext("count of", "upcoming event", "upcoming events", n),
                value=selectors.event_upcoming_count_until,
                order=20,
                depends=("events",),
            )
        )
        registry.register_personal_data(
            registry.PersonalDataSource(
                name="event_registrations",
                export=services.personal_data_export,
                erase=services.personal_data_erase,
            )
        )
        registry.register_public_rows(
            registry.PublicRows(
                name="events", queryset=models.Event.objects.published, url_name="events:list"
            )
        )
