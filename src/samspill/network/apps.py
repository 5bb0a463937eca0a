from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from samspill.core import registry


class NetworkConfig(AppConfig):
    """The network hub: a directory of actors with needs and offers, profiles, joining and
    invitations, explained match suggestions and a weekly digest, the ecosystem at a glance."""

    name = "samspill.network"
    label = "network"
    verbose_name = _("Network")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: these modules import models, which are not ready while
        # Django imports the app configs.
        from samspill.network import (
            emails,
            notices,
            passages,
            search,
            selectors,
            services,
            taxonomy,
        )

        passages.register()
        emails.register_kinds()  # before notices: a kind both name keeps the email's
        notices.register()

        registry.register_rate_limit(registry.RateLimit(scope="network.contact", rate="10/h"))
        registry.register_rate_limit(registry.RateLimit(scope="network.invite", rate="10/h"))
        registry.register_rate_limit(registry.RateLimit(scope="network.join", rate="20/h"))

        registry.register_periodic_job(
            registry.PeriodicJob(
                name="network.send_match_digests",
                label=lambda: _("Weekly match emails"),
                run=lambda: {"sent": services.digests_send_due()},
                interval=60,
            )
        )
        search.connect()
        # The starting needs and offers (migration 0002 made them; a flushed database lacks them).
        registry.register_skeleton_part(
            registry.SkeletonPart(
                name="network", build=taxonomy.ensure_starting_categories, order=30
            )
        )
        registry.register_organisations_without_rights("network", selectors.not_approved)
        registry.register_nav_item(
            registry.NavItem(
                name="network", label=lambda: _("Network"), url_name="network:directory", order=30
            )
        )
        registry.register_statistic(
            registry.Statistic(
                name="network_needs",
                label=lambda n: npgettext(
                    "count of", "need or offer in the network", "needs and offers in the network", n
                ),
                value=selectors.needs_offers_count,
                order=30,
                depends=("network", "core"),
            )
        )
        registry.register_organisation_section(
            registry.OrganisationSection(
                name="network",
                template="network/_organisation_section.html",
                context=selectors.organisation_section,
                order=30,
            )
        )
        registry.register_personal_data(
            registry.PersonalDataSource(
                name="network", export=selectors.personal_data, erase=services.personal_data_erase
            )
        )
