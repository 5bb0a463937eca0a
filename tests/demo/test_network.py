"""The network of the demo hub: what `samspill demo` builds on top of core's demo, and that a second
run adds nothing. Building it takes a few seconds, so each test checks several things."""

import pytest
from django.core import mail
from zeal import zeal_ignore

from samspill.core.models import Membership, Organisation, User
from samspill.demo import core as core_demo
from samspill.demo import network as demo
from samspill.network.models import (
    Approval,
    NeedOffer,
    OrganisationProfile,
    ProfileLink,
)
from samspill.network.selectors import listed_organisations, matches_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    with zeal_ignore():
        core_demo.build()
        lines = demo.build()
    return lines


def counts() -> dict[str, int]:
    models = (Organisation, OrganisationProfile, NeedOffer, ProfileLink, User, Membership)
    return {model.__name__: model.objects.count() for model in models}


def test_fictional_organisations_have_needs_offers_and_facts(built):
    assert built and built[0].startswith("Network: ")
    fictional = Organisation.objects.filter(slug__in=demo.fictional_slugs())
    assert fictional.count() >= 40
    assert {"NO", "DK"} <= set(fictional.values_list("country", flat=True))
    for organisation in fictional.select_related("network_profile", "municipality"):
        directions = set(organisation.needs_offers.values_list("direction", flat=True))
        assert directions == {"need", "offer"}, organisation.slug
        assert 1 <= organisation.needs_offers.filter(direction="need").count() <= 4
        assert 1 <= organisation.needs_offers.filter(direction="offer").count() <= 4
        assert organisation.municipality is not None, organisation.slug
        assert organisation.summary and organisation.description
        assert organisation.website.startswith("https://example.org/")
        profile = organisation.network_profile
        assert profile.founded_year and profile.size
        assert all(n.text for n in organisation.needs_offers.all())
    kinds = set(fictional.values_list("kind", flat=True))
    assert {"startup", "investor", "label", "venue", "studio", "festival"} <= kinds
    # Every organisation the directory lists has something to match on.
    bare = listed_organisations().filter(needs_offers__isnull=True)
    assert not bare.exists(), list(bare.values_list("slug", flat=True))
    # The partners of the source, with the founded years the facts give.
    years = dict(
        OrganisationProfile.objects.filter(
            organisation__slug__in=["bylarm", "music-norway", "fono"]
        ).values_list("organisation__slug", "founded_year")
    )
    assert years == {"bylarm": 1998, "music-norway": 2012, "fono": 1980}
    assert NeedOffer.objects.filter(organisation__slug="sesong-1").exists()
    assert NeedOffer.objects.filter(organisation__slug="lydbolge", category__slug="investment")
    assert ProfileLink.objects.filter(organisation__slug="rettighetsdata").count() == 2
    assert len(mail.outbox) == 0


def test_a_startup_needing_investment_gets_explained_matches(built):
    startup = Organisation.objects.get(slug="stemmeverk")
    matches = matches_for(startup)
    assert len(matches) >= 3
    assert all(m.reasons for m in matches)
    investors = [m for m in matches if m.organisation.kind == "investor"]
    assert investors
    assert ("offers", "investment") in [(d, c.slug) for d, c in investors[0].reasons]
    # The pending organisation is never suggested.
    assert demo.PENDING["name"] not in {m.organisation.name for m in matches}


def test_people_listed_and_private_and_the_pending_organisation(built):
    people = User.objects.filter(email__in=[row[0] for row in demo.PEOPLE])
    assert people.count() == len(demo.PEOPLE) >= 15
    assert people.filter(is_listed=True).count() >= 6
    assert people.filter(is_listed=False).count() >= 6
    assert not any(p.has_usable_password() for p in people)
    assert all(p.memberships.exists() for p in people)
    assert people.filter(is_listed=True, show_bio=True).exists()

    pending = Organisation.objects.get(name=demo.PENDING["name"])
    assert pending.is_public is False
    assert pending.network_profile.approval == Approval.PENDING
    assert pending.network_profile.submitted_by.email == demo.PENDING["submitted_by"]
    assert not listed_organisations().filter(pk=pending.pk).exists()
    assert Membership.objects.filter(organisation=pending, role="admin").exists()


def test_a_second_build_changes_nothing(built):
    before = counts()
    active = dict(OrganisationProfile.objects.values_list("pk", "last_active_at"))
    with zeal_ignore():
        core_demo.build()
        lines = demo.build()
    assert counts() == before
    assert dict(OrganisationProfile.objects.values_list("pk", "last_active_at")) == active
    assert lines == built
