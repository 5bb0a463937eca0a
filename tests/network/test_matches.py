"""Match suggestions: whose offers meet an organisation's needs, and whose needs it meets."""

import pytest

from samspill.core.errors import InvalidInput
from samspill.network import selectors, services
from samspill.network.models import Approval, NeedOffer, NeedOfferCategory, OrganisationProfile
from tests.core.factories import MunicipalityFactory, OrganisationFactory, RegionFactory
from tests.network.factories import category, needs_and_offers

pytestmark = pytest.mark.django_db


def test_the_taxonomy_starts_with_the_fifteen_categories_in_three_languages():
    assert NeedOfferCategory.objects.count() == 15
    assert category("investment").name_da == "Investering"
    assert category("studios").name_en == "Studios"


def test_matches_are_ranked_by_needs_met_then_needs_we_meet_and_explained():
    app = OrganisationFactory(name="Vokalappen", kind="startup")
    needs_and_offers(app, needs=["investment", "marketing"], offers=["technology"])
    investor = OrganisationFactory(name="Fjordkapital", kind="investor")
    needs_and_offers(investor, offers=["investment", "mentoring"], needs=["technology"])
    agency = OrganisationFactory(name="Lydreklame", kind="management")
    needs_and_offers(agency, offers=["marketing"])
    label = OrganisationFactory(name="Nordlys Plater", kind="label")
    needs_and_offers(label, needs=["technology"])
    unrelated = OrganisationFactory(name="Øvingsbunkeren", kind="venue")
    needs_and_offers(unrelated, offers=["rehearsal-space"])

    matches = selectors.matches_for(app)
    assert [m.organisation.name for m in matches] == [
        "Fjordkapital",
        "Lydreklame",
        "Nordlys Plater",
    ]
    first = matches[0]
    assert first.score == 3
    assert [(why, c.slug) for why, c in first.reasons] == [
        ("offers", "investment"),
        ("needs", "technology"),
    ]


def test_same_region_breaks_ties():
    vestland = RegionFactory(code="46", name="Vestland")
    oslo = RegionFactory(code="03", name="Oslo")
    bergen = MunicipalityFactory(code="4601", name="Bergen", region=vestland)
    oslo_m = MunicipalityFactory(code="0301", name="Oslo", region=oslo)
    me = OrganisationFactory(name="Bergensbyrå", municipality=bergen)
    needs_and_offers(me, needs=["booking"])
    far = OrganisationFactory(name="Aaa Booking Oslo", municipality=oslo_m)
    near = OrganisationFactory(name="Zzz Booking Bergen", municipality=bergen)
    for o in (far, near):
        needs_and_offers(o, offers=["booking"])
    assert [m.organisation for m in selectors.matches_for(me)] == [near, far]


def test_unlisted_and_unapproved_organisations_are_never_suggested():
    me = OrganisationFactory()
    needs_and_offers(me, needs=["studios"])
    hidden = OrganisationFactory(is_public=False)
    pending = OrganisationFactory()
    OrganisationProfile.objects.create(organisation=pending, approval=Approval.PENDING)
    shown = OrganisationFactory()
    for o in (hidden, pending, shown):
        needs_and_offers(o, offers=["studios"])
    assert [m.organisation for m in selectors.matches_for(me)] == [shown]


def test_matching_costs_the_same_queries_for_a_few_or_many(queries):
    me = OrganisationFactory()
    needs_and_offers(me, needs=["booking", "studios"], offers=["marketing"])
    for _ in range(3):
        needs_and_offers(OrganisationFactory(), offers=["booking"], needs=["marketing"])
    few = queries.count(lambda: selectors.matches_for(me))
    for _ in range(20):
        needs_and_offers(OrganisationFactory(), offers=["studios"])
    many = queries.count(lambda: selectors.matches_for(me))
    for _ in range(20):
        needs_and_offers(OrganisationFactory(), offers=["studios"])
    # More matches than the limit add the step that ranks only those reaching the bar.
    assert few <= many == queries.count(lambda: selectors.matches_for(me)) <= 6


def test_the_bar_keeps_the_ranking_of_the_full_list():
    me = OrganisationFactory(municipality=None)
    needs_and_offers(me, needs=["booking", "studios"], offers=["marketing"])
    best = OrganisationFactory(name="Best")
    needs_and_offers(best, offers=["booking", "studios"], needs=["marketing"])
    for n in range(4):
        needs_and_offers(
            OrganisationFactory(name=f"Middels {n}"), offers=["booking"], needs=["marketing"]
        )
    for n in range(6):
        needs_and_offers(OrganisationFactory(name=f"Svak {n}"), offers=["studios"])
    full = [(m.organisation.name, m.score) for m in selectors.matches_for(me)]
    assert [score for _name, score in full] == [5] + [3] * 4 + [2] * 6
    for limit in (1, 3, 5, 7):
        assert [
            (m.organisation.name, m.score) for m in selectors.matches_for(me, limit=limit)
        ] == full[:limit]


def test_needs_and_offers_are_replaced_whole_and_checked():
    me = OrganisationFactory()
    needs_and_offers(me, needs=["booking"], offers=["studios"])
    services.needs_offers_set(
        actor=None,
        organisation=me,
        needs={category("investment").pk: "  Pre-seed til en vokalapp  "},
        offers={},
    )
    assert list(NeedOffer.objects.filter(organisation=me).values_list("direction", "text")) == [
        ("need", "Pre-seed til en vokalapp")
    ]
    with pytest.raises(InvalidInput):
        services.needs_offers_set(actor=None, organisation=me, needs={99999: ""}, offers={})
    with pytest.raises(InvalidInput):
        services.needs_offers_set(
            actor=None, organisation=me, needs={category("booking").pk: "x" * 281}, offers={}
        )
    assert NeedOffer.objects.filter(organisation=me).count() == 1


def test_the_starting_taxonomy_comes_back_where_it_was_emptied_and_keeps_editors_changes():
    from samspill.network.taxonomy import ensure_starting_categories

    NeedOfferCategory.objects.filter(slug="booking").update(name_nb="Booking og turné")
    NeedOfferCategory.objects.exclude(slug="booking").delete()
    ensure_starting_categories()
    assert NeedOfferCategory.objects.count() == 15
    assert category("booking").name_nb == "Booking og turné"


def test_among_equals_the_more_recently_active_comes_first():
    from datetime import timedelta

    from django.utils import timezone

    me = OrganisationFactory(municipality=None)
    needs_and_offers(me, needs=["booking"])
    asleep = OrganisationFactory(name="Aaa Sovende")
    lively = OrganisationFactory(name="Zzz Aktive")
    for organisation, days in ((asleep, 400), (lively, 2)):
        needs_and_offers(organisation, offers=["booking"])
        profile = services.profile_for(organisation)
        profile.last_active_at = timezone.now() - timedelta(days=days)
        profile.save()
    assert [m.organisation for m in selectors.matches_for(me)] == [lively, asleep]
