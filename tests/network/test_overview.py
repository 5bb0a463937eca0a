"""The ecosystem at a glance: figures counted in SQL, charts as SVG with tables, CSV downloads."""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone, translation

from samspill.core.models import Organisation
from samspill.network.models import Approval, NeedOfferCategory, OrganisationProfile
from samspill.network.overview import selectors as overview
from tests.core.factories import MunicipalityFactory, OrganisationFactory, RegionFactory
from tests.network.factories import needs_and_offers

pytestmark = pytest.mark.django_db

PAGE = "/nettverk/oversikt/"


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def founded(organisation, year):
    OrganisationProfile.objects.update_or_create(
        organisation=organisation, defaults={"founded_year": year}
    )


@pytest.fixture
def network():
    bergen = MunicipalityFactory()  # Vestland, Norway
    oslo = MunicipalityFactory(
        code="0301", name="Oslo", region=RegionFactory(code="03", name="Oslo")
    )
    aarhus = MunicipalityFactory(
        country="DK",
        code="751",
        name="Aarhus",
        region=RegionFactory(country="DK", code="1082", name="Region Midtjylland"),
    )
    a = OrganisationFactory(name="Vokalappen", kind="startup", municipality=oslo)
    b = OrganisationFactory(name="Beatlab", kind="startup", municipality=bergen)
    c = OrganisationFactory(name="Fjordkapital", kind="investor", municipality=bergen)
    d = OrganisationFactory(name="Aarhus Lyd", kind="studio", country="DK", municipality=aarhus)
    hidden = OrganisationFactory(name="Skjult", kind="startup", is_public=False)
    pending = OrganisationFactory(name="Venter", kind="investor")
    OrganisationProfile.objects.create(organisation=pending, approval=Approval.PENDING)
    founded(a, 2021)
    founded(b, 2021)
    founded(c, 1999)
    needs_and_offers(a, needs=["investment", "marketing"], offers=["technology"])
    needs_and_offers(b, needs=["investment"])
    needs_and_offers(c, offers=["investment"], needs=["technology"])
    needs_and_offers(d, offers=["studios"])
    needs_and_offers(hidden, needs=["investment"])
    needs_and_offers(pending, needs=["investment"])
    # Growth: a and b in 2023, c in 2024, d in 2025.
    for org, year in ((a, 2023), (b, 2023), (c, 2024), (d, 2025)):
        Organisation.objects.filter(pk=org.pk).update(
            created_at=timezone.make_aware(datetime.datetime(year, 3, 1))
        )
    return a, b, c, d


def english_figures():
    with translation.override("en"):
        return overview.build_figures()


def rows(name):
    return {tuple(r.cells): r.values for r in english_figures()[name].rows}


def test_counts_by_kind_country_region_and_founding_year_cover_listed_organisations_only(network):
    assert rows("kinds") == {("Start-up",): [2], ("Investor",): [1], ("Studio",): [1]}
    assert rows("countries") == {("Norway",): [3], ("Denmark",): [1]}
    assert rows("regions") == {
        ("Norway", "Vestland"): [2],
        ("Norway", "Oslo"): [1],
        ("Denmark", "Region Midtjylland"): [1],
    }
    figure = english_figures()["founded"]
    assert [(r.cells[0], r.values) for r in figure.rows] == [
        ("1999", [1]),
        ("2021", [2]),
        ("Unknown", [1]),
    ]


def test_needs_against_offers_sorted_by_demand_with_the_gap(network):
    figure = english_figures()["needs-offers"]
    top = [(r.cells[0], r.values) for r in figure.rows[:3]]
    # The hidden and the pending organisation's needs are not counted.
    assert top[0] == ("Investment", [2, 1, 1])
    assert top[1][1] == [1, 0, 1] and top[2][1] == [1, 1, 0]  # the bigger gap first
    assert figure.rows[-1].values == [0, 1, -1]
    assert len(figure.rows) == NeedOfferCategory.objects.count()


def test_growth_is_cumulative(network):
    figure = english_figures()["growth"]
    assert [(r.cells[0], r.values) for r in figure.rows] == [
        ("2023 Q1", [2, 2]),
        ("2024 Q1", [1, 3]),
        ("2025 Q1", [1, 4]),
    ]


def test_growth_switches_to_years_when_there_are_many_quarters(network):
    for year in range(2010, 2022):
        org = OrganisationFactory()
        Organisation.objects.filter(pk=org.pk).update(
            created_at=timezone.make_aware(datetime.datetime(year, 6, 1))
        )
    figure = english_figures()["growth"]
    assert figure.columns[0] == "Year"
    assert figure.rows[0].cells == ["2010"] and figure.rows[-1].values == [1, 16]


def test_the_page_shows_every_chart_as_an_image_with_its_table(client, network):
    response = client.get("/en" + PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    for name in overview.NAMES:
        svg = re.search(rf'<svg [^>]*aria-labelledby="chart-{name}-title[^"]*"[^>]*>', html)
        assert svg and 'role="img"' in svg.group(0), name
        assert f'<title id="chart-{name}-title">' in html
        assert f'href="/en/nettverk/oversikt/{name}.csv"' in html
    assert "style=" not in html.split("<main", 1)[-1]
    assert html.count("<caption id=") == len(overview.NAMES)
    # Each chart's table is folded under it (the page was about 10,000 px tall with them open).
    assert html.count('<details class="chart-table">') == len(overview.NAMES)
    assert "<summary>Show table" in html
    assert '<th scope="col">Organisations</th>' in html
    assert '<th scope="row">Start-up</th><td>2</td>' in html
    assert '<th scope="row">Vestland</th><td>2</td>' in html
    assert "4 organisations are listed" in html
    assert "Skjult" not in html


def test_the_page_runs_the_same_number_of_queries_for_few_or_many(client, queries, network):
    from django.core.cache import cache

    client.get(PAGE)  # warms what is read once per process
    cache.clear()
    few = queries.count(lambda: client.get(PAGE))
    for i in range(12):
        org = OrganisationFactory(kind=["venue", "label", "festival"][i % 3])
        founded(org, 2000 + i)
        needs_and_offers(org, needs=["booking"], offers=["studios"])
    cache.clear()
    assert queries.count(lambda: client.get(PAGE)) == few
    # Counting the figures is one query each.
    assert queries.count(overview.build_figures) == len(overview.NAMES)


def test_the_figures_are_cached_for_a_while(client, queries, network):
    client.get(PAGE)
    OrganisationFactory(kind="venue")
    assert queries.count(overview.figures) == 0
    assert len(overview.figures()["kinds"].rows) == 3  # the new venue shows in a few minutes
    assert len(overview.build_figures()["kinds"].rows) == 4


def test_csv_download_has_a_bom_and_the_same_figures(client, network):
    response = client.get("/en/nettverk/oversikt/regions.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == ["Country", "Region", "Organisations"]
    assert ["Norway", "Vestland", "2"] in table


def test_csv_labels_follow_the_language(client, network):
    table = list(
        csv.reader(
            io.StringIO(
                client.get("/en/nettverk/oversikt/needs-offers.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert table[0] == ["Category", "Needs", "Offers", "Gap"]
    assert table[1] == ["Investment", "2", "1", "1"]
    table = list(
        csv.reader(
            io.StringIO(
                client.get("/da/nettverk/oversikt/needs-offers.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert table[1][0] == "Investering"


def test_unknown_csv_is_404(client):
    assert client.get("/nettverk/oversikt/people.csv").status_code == 404


def test_an_empty_network_still_renders(client):
    Organisation.objects.all().delete()
    response = client.get(PAGE)
    assert response.status_code == 200
