from django.apps import AppConfig
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


class NetworkConfig(AppConfig):
    """The network hub: a directory of actors with needs and offers, profiles, joining and
    invitations, explained match suggestions and a weekly digest, the ecosystem at a glance."""

    name = "samspill.network"
    label = "network"
    verbose_name = _("Network")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from samspill.core import registry
        from samspill.network import search

        search.connect()
        registry.register_organisations_without_rights("network", _not_approved)
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
                value=_needs_offers_count,
                order=30,
            )
        )
        registry.register_organisation_section(
            registry.OrganisationSection(
                name="network",
                template="network/_organisation_section.html",
                context=_organisation_section,
                order=30,
            )
        )
        registry.register_personal_data(
            registry.PersonalDataSource(name="network", export=_export, erase=_erase)
        )


def _not_approved():
    """Organisations submitted by a member that no hub editor approved (yet): their memberships
    grant nothing. Organisations without a network profile were created by hub admins."""
    from samspill.network.models import Approval

    return Q(network_profile__approval__in=[Approval.PENDING, Approval.DECLINED])


def _organisation_section(request, organisation):
    """On core's organisation page: what it needs and offers, and the way to its network profile
    (with the matches, the contact form and the people), when the network lists it."""
    from samspill.network import selectors

    if not selectors.is_listed(organisation):
        return None
    needs, offers = selectors.needs_and_offers(organisation)
    return {"needs": needs, "offers": offers}


def _export(*, user) -> dict:
    from samspill.network.models import DigestSubscription, Invitation, JoinRequest

    return {
        "requests_to_join": [
            {
                "organisation": r.organisation.name,
                "message": r.message,
                "status": r.status,
                "asked": r.created_at.isoformat(),
            }
            for r in JoinRequest.objects.filter(user=user).select_related("organisation")
        ],
        "weekly_match_emails": [
            s.organisation.name
            for s in DigestSubscription.objects.filter(user=user).select_related("organisation")
        ],
        "invitations_received": [
            {
                "organisation": i.organisation.name,
                "sent": i.created_at.isoformat(),
                "accepted": i.accepted_at.isoformat() if i.accepted_at else None,
            }
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "organisation"
            )
        ],
    }


def _erase(*, user) -> None:
    """Requests and digests go with the account (their foreign keys cascade); invitations sent
    to the person's address are deleted too."""
    from samspill.network.models import Invitation

    Invitation.objects.filter(email__iexact=user.email).delete()


def _needs_offers_count() -> int:
    from samspill.network.models import NeedOffer
    from samspill.network.selectors import listed_organisations

    return NeedOffer.objects.filter(organisation__in=listed_organisations()).count()
