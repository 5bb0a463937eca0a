"""The directory at /nettverk/: facets, search with Norwegian and Danish stemming, sort orders,
pagination with a bounded number of queries, and the listed people."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from samspill.core import fragments
from samspill.network import search, selectors, services
from samspill.network.models import Approval
from tests.core.factories import (
    AudienceFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)
from tests.network.factories import category

pytestmark = pytest.mark.django_db

URL = "/nettverk/"


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def text(response) -> str:
    return response.content.decode()


def make(name, *, needs=(), offers=(), founded=None, size="", active=None, **fields):
    organisation = OrganisationFactory(name=name, **fields)
    if needs or offers:
        services.needs_offers_set(
            actor=None,
            organisation=organisation,
            needs={category(s).pk: text_ for s, text_ in _pairs(needs)},
            offers={category(s).pk: text_ for s, text_ in _pairs(offers)},
        )
    profile = services.profile_for(organisation)
    profile.founded_year = founded
    profile.size = size
    if active:
        profile.last_active_at = active
    profile.save()
    search.reindex(organisation)
    return organisation


def _pairs(items):
    return [item if isinstance(item, tuple) else (item, "") for item in items]


def names(response) -> list[str]:
    return [o.name for o in response.context["page"].object_list]


def test_lists_only_listed_and_approved_organisations(client):
    make("Synlig")
    make("Skjult", is_public=False)
    pending = make("Venter")
    services.profile_for(pending).__class__.objects.filter(organisation=pending).update(
        approval=Approval.PENDING
    )
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Synlig"]
    assert "Skjult" not in text(response)


def test_facet_kind_country_region_municipality(client):
    vestland = RegionFactory(code="46", name="Vestland")
    oslo_region = RegionFactory(code="03", name="Oslo")
    bergen = MunicipalityFactory(code="4601", name="Bergen", region=vestland)
    oslo = MunicipalityFactory(code="0301", name="Oslo", region=oslo_region)
    hovedstaden = RegionFactory(country="DK", code="1084", name="Hovedstaden")
    copenhagen = MunicipalityFactory(country="DK", code="101", name="København", region=hovedstaden)
    make("Bergen Studio", kind="studio", municipality=bergen)
    make("Oslo Plater", kind="label", municipality=oslo)
    make("Kbh Label", kind="label", country="DK", municipality=copenhagen)

    assert names(client.get(URL, {"kind": "studio"})) == ["Bergen Studio"]
    assert names(client.get(URL, {"country": "DK"})) == ["Kbh Label"]
    assert names(client.get(URL, {"region": "03"})) == ["Oslo Plater"]
    assert names(client.get(URL, {"municipality": "4601"})) == ["Bergen Studio"]
    assert names(client.get(URL, {"kind": "label", "country": "NO"})) == ["Oslo Plater"]
    # A value that is not a choice drops only its own filter.
    assert names(client.get(URL, {"kind": "nonsense", "country": "DK"})) == ["Kbh Label"]


def test_facet_offers_and_needs_take_several_categories(client):
    make("Bookingbyrå", offers=["booking"])
    make("Studiohuset", offers=["studios"], needs=["marketing"])
    make("Appen", needs=["investment", "booking"])

    assert names(client.get(URL, {"offers": "booking"})) == ["Bookingbyrå"]
    assert names(client.get(URL + "?offers=booking&offers=studios")) == [
        "Bookingbyrå",
        "Studiohuset",
    ]
    assert names(client.get(URL, {"needs": "investment"})) == ["Appen"]
    assert names(client.get(URL, {"needs": "marketing", "offers": "studios"})) == ["Studiohuset"]


def test_facet_audience_founded_and_size(client):
    startups = AudienceFactory(slug="startups")
    old = make("Gammel", founded=1990, size="51-200")
    make("Ny", founded=2021, size="2-10")
    old.audiences.add(startups)

    assert names(client.get(URL, {"audience": "startups"})) == ["Gammel"]
    assert names(client.get(URL, {"founded_from": 2000})) == ["Ny"]
    assert names(client.get(URL, {"founded_to": 2000})) == ["Gammel"]
    assert names(client.get(URL, {"founded_from": 1980, "founded_to": 2030})) == ["Gammel", "Ny"]
    assert names(client.get(URL, {"size": "2-10"})) == ["Ny"]


def test_search_stems_norwegian(client):
    make("Scenehuset", summary="Vi arrangerer konsert hver uke.")
    make("Plateselskapet", summary="Vi gir ut plater.")
    response = client.get(URL, {"q": "konserter"})
    assert names(response) == ["Scenehuset"]
    assert names(client.get(URL, {"q": "konsert"})) == ["Scenehuset"]


def test_search_stems_danish(client):
    make("Lydværket", country="DK", municipality=None, description="<p>Vi driver et studie.</p>")
    make("Andet", country="DK", municipality=None, summary="Noget helt andet.")
    assert names(client.get(URL, {"q": "studier"})) == ["Lydværket"]


def test_search_covers_need_and_offer_texts_and_needs_every_word(client):
    make("Vokalappen", needs=[("investment", "Vi ser etter en pre-seed investor")])
    make("Investorhuset", summary="Investor i musikk.")
    assert names(client.get(URL, {"q": "pre-seed"})) == ["Vokalappen"]
    assert names(client.get(URL, {"q": "investor"})) == ["Investorhuset", "Vokalappen"]
    assert names(client.get(URL, {"q": "investor musikk"})) == ["Investorhuset"]
    assert names(client.get(URL, {"q": "investor ukjentord"})) == []


def test_search_ranks_matches_in_the_name_first(client):
    make("Aaa Rådgivning", summary="Vi hjelper med studio.")
    make("Zzz Studio", summary="Innspilling.")
    assert names(client.get(URL, {"q": "studio"})) == ["Zzz Studio", "Aaa Rådgivning"]


def test_search_follows_changes_through_reindex():
    organisation = make("Før")
    organisation.summary = "Festival i fjellet"
    organisation.save()
    search.reindex(organisation)
    found = selectors.directory_organisations(q="festivalen")
    assert list(found) == [organisation]
    assert search.reindex_all() == 1
    assert list(selectors.directory_organisations(q="fjell")) == [organisation]


def test_sort_by_name_newest_and_recently_active(client):
    now = timezone.now()
    b = make("Bravo", active=now - datetime.timedelta(days=1))
    a = make("alfa", active=now - datetime.timedelta(days=10))
    c = make("Charlie", active=now)
    type(a).objects.filter(pk=a.pk).update(created_at=now - datetime.timedelta(days=3))
    type(b).objects.filter(pk=b.pk).update(created_at=now - datetime.timedelta(days=2))
    type(c).objects.filter(pk=c.pk).update(created_at=now - datetime.timedelta(days=5))

    assert names(client.get(URL)) == ["alfa", "Bravo", "Charlie"]
    assert names(client.get(URL, {"sort": "newest"})) == ["Bravo", "alfa", "Charlie"]
    assert names(client.get(URL, {"sort": "active"})) == ["Charlie", "Bravo", "alfa"]


def test_pagination_24_a_page(client):
    for n in range(30):
        make(f"Org {n:02d}")
    first = client.get(URL)
    assert len(first.context["page"].object_list) == 24
    assert 'rel="next"' in text(first)
    second = client.get(URL, {"page": 2})
    assert names(second) == [f"Org {n:02d}" for n in range(24, 30)]


def test_query_count_does_not_grow_with_the_list(client, queries):
    make("Første", offers=["booking", "studios"], needs=["investment"])
    params = {"q": "første", "offers": "booking", "country": "NO", "sort": "active"}
    client.get(URL)  # the site's settings and locales are cached after the first page
    # Without kept cards (core.fragments), whose reuse costs fewer queries (tests/core/test_fragments).
    few = queries.count(lambda: (fragments.clear(), client.get(URL, params)))
    for n in range(30):
        make(f"Første {n}", offers=["booking", "marketing"], needs=["legal"])
    client.get(URL)  # the facets' places are computed again after the writes, then kept
    many = queries.count(lambda: (fragments.clear(), client.get(URL, params)))
    assert many == few
    with queries(at_most=few):
        fragments.clear()
        client.get(URL, {"page": 2})


def test_htmx_gets_only_the_results(client):
    make("Et sted")
    response = client.get(URL, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="directory-results")
    body = text(response)
    assert 'id="directory-results"' in body
    assert "<h1>" not in body
    assert "HX-Target" in response["Vary"]


def test_the_form_is_accessible_without_javascript(client):
    make("Et sted")
    body = text(client.get(URL))
    assert body.count("<h1>") == 1
    assert "<legend>Tilbyr</legend>" in body or "<legend>" in body
    assert 'role="search"' in body


def test_people_tab_shows_only_listed_people_with_chosen_fields(client):
    organisation = make("Lydhuset")
    listed = UserFactory(
        name="Synne Synlig",
        is_listed=True,
        title="Booker",
        show_title=True,
        bio="Hemmelig bio",
        show_bio=False,
    )
    MembershipFactory(user=listed, organisation=organisation)
    UserFactory(name="Petter Privat", is_listed=False)
    UserFactory(name="Inaktiv Ivar", is_listed=True, is_active=False)
    response = client.get(URL, {"vis": "personer"})
    body = text(response)
    assert "Synne Synlig" in body
    assert "Booker" in body
    assert "Lydhuset" in body
    assert "Hemmelig bio" not in body
    assert "Petter Privat" not in body
    assert "Inaktiv Ivar" not in body
    assert listed.email not in body
    assert [
        p.name
        for p in client.get(URL, {"vis": "personer", "q": "synne"}).context["page"].object_list
    ] == ["Synne Synlig"]


def test_people_tab_hides_unlisted_organisations_of_listed_people(client):
    hidden = make("Skjult firma", is_public=False)
    person = UserFactory(name="Synne", is_listed=True)
    MembershipFactory(user=person, organisation=hidden)
    body = text(client.get(URL, {"vis": "personer"}))
    assert "Synne" in body
    assert "Skjult firma" not in body


def test_people_tab_query_count_is_bounded(client, queries):
    organisation = make("Lydhuset")
    MembershipFactory(user=UserFactory(is_listed=True), organisation=organisation)
    client.get(URL)
    few = queries.count(lambda: client.get(URL, {"vis": "personer"}))
    for _n in range(10):
        MembershipFactory(user=UserFactory(is_listed=True), organisation=organisation)
    client.get(URL)  # the facets' places are computed again after the writes, then kept
    assert queries.count(lambda: client.get(URL, {"vis": "personer"})) == few


def test_signals_keep_the_index_current():
    from samspill.network.models import NeedOffer

    search.connect()
    try:
        organisation = OrganisationFactory(name="Signalhuset", summary="Vi lager podkaster")
        assert list(selectors.directory_organisations(q="podkast")) == [organisation]
        item = NeedOffer.objects.create(
            organisation=organisation,
            direction="need",
            category=category("legal"),
            text="Advokat søkes",
        )
        assert list(selectors.directory_organisations(q="advokat")) == [organisation]
        item.delete()
        assert list(selectors.directory_organisations(q="advokat")) == []
    finally:
        search.disconnect()


def test_reindex_directory_command_fills_the_table_after_a_bulk_load():
    from io import StringIO

    from django.core.management import call_command

    from samspill.core.models import Organisation

    Organisation.objects.bulk_create(
        [Organisation(name="Bulkfestivalen", slug="bulk", kind="festival", is_public=True)]
    )
    assert not selectors.directory_organisations(q="bulkfestivalen").exists()
    out = StringIO()
    call_command("reindex_directory", stdout=out)
    assert "organisation(s) indexed" in out.getvalue()
    assert [o.slug for o in selectors.directory_organisations(q="bulkfestivalen")] == ["bulk"]


def test_search_ranks_by_how_many_query_words_are_in_the_name(client):
    make("Jazz Studio", summary="Innspilling.")
    make("Aaa Jazz", summary="Et studio i byen.")
    make("Aaa Annet", summary="Jazz og studio.")
    assert names(client.get(URL, {"q": "jazz studio"})) == ["Jazz Studio", "Aaa Jazz", "Aaa Annet"]


def test_the_filters_come_in_folding_groups_open_where_a_filter_is_chosen(client):
    make("Et sted", offers=["technology"])
    body = text(client.get(URL + "?offers=technology"))
    groups = re.findall(
        r'<fieldset class="filter-group filter-group--(\w+)">\s*<legend>([^<]+)</legend>\s*'
        r'<details class="filter-group__fold"( open)?>',
        body,
    )
    assert [(name, legend, opened) for name, legend, opened in groups] == [
        ("about", "Organisasjonen", ""),
        ("place", "Sted", ""),
        ("offers", "Tilbyr", " open"),
        ("needs", "Behov", ""),
    ]
    assert "Vis valgene (1 valgt)" in body
    # Without JavaScript the one form still sends every box and the button.
    assert body.count('type="checkbox" name="offers"') == body.count('type="checkbox" name="needs"')
    assert 'type="checkbox" name="offers" value="technology"' in body
    assert '<button class="button button--secondary" type="submit">Filtrer</button>' in body
