from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


class EventsConfig(AppConfig):
    name = "samspill.events"
    label = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from samspill.core import registry

        registry.register_nav_item(
            registry.NavItem(
                name="events", label=lambda: _("Events"), url_name="events:list", order=20
            )
        )
        registry.register_home_section(
            registry.HomeSection(
                name="events",
                template="events/_home_section.html",
                context=_home_section,
                order=20,
            )
        )
        registry.register_profile_section(
            registry.HomeSection(
                name="events",
                template="events/_profile_section.html",
                context=_profile_section,
                order=20,
            )
        )
        registry.register_organisation_section(
            registry.OrganisationSection(
                name="events",
                template="events/_organisation_section.html",
                context=_organisation_section,
                order=40,
            )
        )
        registry.register_statistic(
            registry.Statistic(
                name="events",
                label=lambda n: npgettext("count of", "upcoming event", "upcoming events", n),
                value=_upcoming_count,
                order=20,
            )
        )
        registry.register_demo_builder(
            registry.DemoBuilder(name="events", build=_build_demo, order=40)
        )
        registry.register_personal_data(
            registry.PersonalDataSource(name="event_registrations", export=_export, erase=_erase)
        )
        registry.register_public_rows(
            registry.PublicRows(name="events", queryset=_public_events, url_name="events:list")
        )


def _build_demo():
    from samspill.events import demo

    return demo.build()


def _upcoming_count() -> int:
    from samspill.events.models import Event, EventStatus

    return Event.objects.published().upcoming().exclude(status=EventStatus.CANCELLED).count()


def _home_section(request):
    from samspill.events import selectors

    events = selectors.next_events(3)
    if not events:
        return None
    return {"events": events}


ORGANISATION_EVENTS = 5


def _organisation_section(request, organisation):
    """On an organisation's page: the next events it organises."""
    from samspill.events import selectors

    events = list(selectors.event_list_public(organiser=organisation.slug)[:ORGANISATION_EVENTS])
    if not events:
        return None
    return {"events": events}


def _profile_section(request):
    from samspill.events import selectors, services

    registrations = selectors.registrations_of(user=request.user)
    return {
        "registrations": [
            {"registration": r, "token": services.registration_token(r)} for r in registrations
        ]
    }


def _export(*, user):
    from samspill.events import services

    return services.personal_data_export(user=user)


def _erase(*, user):
    from samspill.events import services

    services.personal_data_erase(user=user)


def _public_events():
    from samspill.events.models import Event

    return Event.objects.published()
