"""Builders of the network's objects for tests: categories of the taxonomy by slug, and an
organisation's needs and offers set through the service (as the profile form does)."""

from samspill.network import services
from samspill.network.models import NeedOfferCategory


def category(slug: str) -> NeedOfferCategory:
    """A category of the starting taxonomy (the migrations create it)."""
    return NeedOfferCategory.objects.get(slug=slug)


def needs_and_offers(organisation, needs=(), offers=()):
    """Say that the organisation needs and offers the categories named (by slug), without text."""
    return services.needs_offers_set(
        actor=None,
        organisation=organisation,
        needs={category(s).pk: "" for s in needs},
        offers={category(s).pk: "" for s in offers},
    )
