"""Reach: the municipalities × themes matrix (page, CSV, the aggregate behind it), the page per
municipality and the yearly report with its CSV file."""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from samspill.projects.reach import reach_as_dict, reach_matrix
from samspill.projects.selectors import yearly_report
from tests.core.factories import OrganisationFactory
from tests.events.factories import EventFactory, in_days
from tests.projects.factories import make_programme, make_project, municipality

pytestmark = pytest.mark.django_db

REACH = "/program/musikmetropolen/rekkevidde/"
REACH_CSV = "/program/musikmetropolen/rekkevidde.csv"


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def text(response) -> str:
    return response.content.decode()


def rows_of(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


@pytest.fixture
def programme():
    return make_programme()


@pytest.fixture
def world(programme):
    """Albertslund: two talent projects (one also venues); Ishøj: one venues project in 2020;
    Roskilde: nothing; Køge (not participating): one talent project."""
    t = {x.slug: x for x in programme.themes.all()}
    alb, ish = municipality("165", "Albertslund"), municipality("183", "Ishøj")
    koge = municipality("259", "Køge")
    make_project(
        programme,
        title="Camp",
        themes=[t["talent"]],
        municipalities=[alb],
        starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2018, 12, 31),
        status="completed",
        participants=10,
    )
    make_project(
        programme,
        title="Scener",
        themes=[t["talent"], t["venues"]],
        municipalities=[alb, koge],
        starts_on=datetime.date(2019, 1, 1),
        ends_on=None,
        participants=5,
    )
    make_project(
        programme,
        title="Ishøj live",
        themes=[t["venues"]],
        municipalities=[ish],
        starts_on=datetime.date(2020, 3, 1),
        ends_on=datetime.date(2020, 10, 1),
        status="stopped",
    )
    make_project(programme, title="Kladd", municipalities=[ish], is_published=False)
    return programme


# --- The matrix ------------------------------------------------------------------------------------


def test_matrix_counts_distinct_projects_per_cell_with_totals(world):
    data = reach_as_dict(reach_matrix(world))
    cells = {(c["municipality"], c["theme"]): c["count"] for c in data["cells"]}
    assert cells == {
        ("dk-165", "talent"): 2,
        ("dk-165", "venues"): 1,
        ("dk-259", "talent"): 1,
        ("dk-259", "venues"): 1,
        ("dk-183", "venues"): 1,
    }
    totals = {m["key"]: m["total"] for m in data["municipalities"]}
    assert totals == {"dk-165": 2, "dk-183": 1, "dk-259": 1, "dk-265": 0}
    assert {t["slug"]: t["total"] for t in data["themes"]} == {
        "talent": 2,
        "venues": 2,
        "industry": 0,
    }
    assert data["total"] == 3
    assert data["municipalities_without_projects"] == ["dk-265"]
    participating = {m["key"]: m["participating"] for m in data["municipalities"]}
    assert participating["dk-259"] is False
    assert participating["dk-165"] is True


def test_matrix_for_a_year(world):
    data = reach_as_dict(reach_matrix(world, year=2018))
    assert data["cells"] == [{"municipality": "dk-165", "theme": "talent", "count": 1}]
    assert sorted(data["municipalities_without_projects"]) == ["dk-183", "dk-265"]
    data = reach_as_dict(reach_matrix(world, year=2020))
    assert data["total"] == 2


def test_matrix_is_one_aggregate_query_not_one_per_cell(world, queries):
    with CaptureQueriesContext(connection) as context:
        reach_matrix(world)
    few = len(context.captured_queries)
    grouped = [q["sql"] for q in context.captured_queries if "GROUP BY" in q["sql"]]
    assert any("municipality_id" in sql and "theme_id" in sql for sql in grouped)
    t = list(world.themes.all())
    for n in range(6):
        make_project(
            world,
            title=f"Mer {n}",
            themes=t,
            municipalities=[municipality(f"{300 + n}", f"Kommune {n}")],
        )
    assert queries.count(lambda: reach_matrix(world)) == few
    assert queries.count(lambda: reach_matrix(world, year=2019)) == few


# --- The page --------------------------------------------------------------------------------------


def test_reach_page_shows_the_matrix_with_links(client, world):
    with translation.override("en"):
        response = client.get("/en" + REACH)
    assert response.status_code == 200
    html = text(response)
    assert '<caption id="' in html
    assert '<th scope="col">Talent and careers</th>' in html
    assert "/prosjekter/?municipality=dk-165&amp;theme=talent&amp;programme=musikmetropolen" in html
    assert "/program/musikmetropolen/kommuner/dk-165/" in html
    assert "(not a participating municipality)" in html  # Køge


def test_reach_cell_link_leads_to_the_projects(client, world):
    html = text(client.get(REACH))
    href = re.search(r'href="(/prosjekter/\?municipality=dk-165&amp;theme=talent[^"]*)"', html)
    listing = text(client.get(href.group(1).replace("&amp;", "&")))
    assert "Camp" in listing and "Scener" in listing
    assert "Ishøj live" not in listing


def test_municipalities_without_projects_are_marked_in_words(client, world):
    with translation.override("en"):
        html = text(client.get("/en" + REACH))
    notice = re.search(
        r'<div class="callout[^"]*"[^>]*id="without-projects">(.*?)</div>', html, re.S
    )
    assert notice, "no notice of municipalities without projects"
    assert "Roskilde" in notice.group(1)
    assert "Albertslund" not in notice.group(1)
    row = re.search(r"<tr[^>]*>\s*<th scope=\"row\">\s*<a [^>]*>Roskilde</a>(.*?)</tr>", html, re.S)
    assert row and "No project" in row.group(1)


def test_reach_page_year_filter(client, world):
    with translation.override("en"):
        html = text(client.get("/en" + REACH, {"year": 2018}))
    assert "active in 2018" in html
    notice = re.search(r'id="without-projects">(.*?)</div>', html, re.S).group(1)
    assert "Ishøj" in notice and "Roskilde" in notice
    assert "year=2018" in html  # the CSV link keeps the year


def test_reach_page_ignores_a_bad_year(client, world):
    assert client.get(REACH, {"year": "x"}).status_code == 200
    assert client.get(REACH, {"year": "99999"}).status_code == 200


def test_reach_page_queries_are_bounded(client, world, queries):
    client.get(REACH)
    few = queries.count(lambda: client.get(REACH))
    t = list(world.themes.all())
    for n in range(5):
        make_project(
            world,
            title=f"Mer {n}",
            themes=t,
            municipalities=[municipality(f"{300 + n}", f"Kommune {n}")],
        )
    assert queries.count(lambda: client.get(REACH)) == few


def test_reach_of_unpublished_programme_is_404(client):
    make_programme(slug="skjult", is_published=False)
    assert client.get("/program/skjult/rekkevidde/").status_code == 404
    assert client.get("/program/skjult/rekkevidde.csv").status_code == 404


# --- CSV -------------------------------------------------------------------------------------------


def test_reach_csv_has_a_header_and_the_same_numbers(client, world):
    with translation.override("en"):
        response = client.get("/en" + REACH_CSV)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = rows_of(response)
    assert rows[0] == [
        "Municipality",
        "Country",
        "Code",
        "Participating",
        "Talent and careers",
        "Venues and stages",
        "Industry infrastructure",
        "Total",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Albertslund"][3:] == ["yes", "2", "1", "0", "2"]
    assert by_name["Roskilde"][3:] == ["yes", "0", "0", "0", "0"]
    assert by_name["Køge"][3] == "no"
    assert rows[-1] == ["Total", "", "", "", "2", "2", "0", "3"]


def test_reach_csv_with_a_year(client, world):
    rows = rows_of(client.get(REACH_CSV, {"year": 2018}))
    assert rows[-1][-1] == "1"


def test_reach_csv_is_safe_from_formulas(client, programme):
    theme = programme.themes.first()
    theme.name_nb = '=HYPERLINK("http://evil")'
    theme.save()
    muni = municipality("265", "Roskilde")
    muni.name = "+cmd|' /C calc'!A0"
    muni.save()
    rows = rows_of(client.get(REACH_CSV))
    assert rows[0][4].startswith("'=")
    assert any(row[0].startswith("'+cmd") for row in rows)


# --- A municipality's page -------------------------------------------------------------------------


def test_municipality_page_lists_projects_partners_and_events(client, world):
    partner = OrganisationFactory(name="Albertslund Musikskole", municipality=None)
    make_project(
        world,
        title="Skoleband",
        municipalities=[municipality("165", "Albertslund")],
        partners=[partner],
    )
    alb = municipality("165", "Albertslund")
    EventFactory(title="Kommende konsert", municipality=alb, starts_at=in_days(10))
    EventFactory(title="Forrige konsert", municipality=alb, starts_at=in_days(-10))
    EventFactory(title="Skjult konsert", municipality=alb, is_published=False)
    EventFactory(title="Annen by", starts_at=in_days(5))
    with translation.override("en"):
        response = client.get("/en/program/musikmetropolen/kommuner/dk-165/")
    assert response.status_code == 200
    html = text(response)
    assert "Camp" in html and "Scener" in html and "Skoleband" in html
    assert "Ishøj live" not in html
    assert "Albertslund Musikskole" in html
    assert "Kommende konsert" in html and "Forrige konsert" in html
    assert "Skjult konsert" not in html and "Annen by" not in html


def test_municipality_without_projects_says_so(client, world):
    with translation.override("en"):
        html = text(client.get("/en/program/musikmetropolen/kommuner/dk-265/"))
    assert "No project yet." in html


def test_municipality_outside_the_programme_is_404(client, world):
    municipality("101", "København")
    assert client.get("/program/musikmetropolen/kommuner/dk-101/").status_code == 404
    assert client.get("/program/musikmetropolen/kommuner/dk-9999/").status_code == 404
    assert client.get("/program/musikmetropolen/kommuner/nonsense/").status_code == 404
    # Taking part in a project is enough.
    assert client.get("/program/musikmetropolen/kommuner/dk-259/").status_code == 200


def test_municipality_page_queries_are_bounded(client, world, queries):
    url = "/program/musikmetropolen/kommuner/dk-165/"
    client.get(url)
    few = queries.count(lambda: client.get(url))
    alb = municipality("165", "Albertslund")
    for n in range(4):
        make_project(
            world, title=f"Mer {n}", municipalities=[alb], partners=[OrganisationFactory()]
        )
        EventFactory(municipality=alb, starts_at=in_days(n + 1))
    assert queries.count(lambda: client.get(url)) == few


# --- The yearly report -----------------------------------------------------------------------------


def test_report_figures(world):
    report = yearly_report(world, 2020)
    assert report["started"] == 1
    assert report["running"] == 2  # Scener (open-ended) and Ishøj live
    assert report["completed"] == 0
    assert report["stopped"] == 1
    assert {m.name for m in report["municipalities"]} == {"Albertslund", "Køge", "Ishøj"}
    assert report["participants"] == 5
    report = yearly_report(world, 2018)
    assert (report["started"], report["running"], report["completed"]) == (1, 1, 1)
    assert report["participants"] == 10
    by_theme = {row["theme"].slug: row for row in report["themes"]}
    assert by_theme["talent"]["completed"] == 1
    assert by_theme["venues"]["running"] == 0


def test_report_redirects_to_the_latest_year(client, world):
    response = client.get("/program/musikmetropolen/rapport/")
    assert response.status_code == 302
    # Scener has no end, so it runs until this year.
    assert response["Location"].endswith(f"/rapport/{datetime.date.today().year}/")


def test_report_page(client, world):
    with translation.override("en"):
        response = client.get("/en/program/musikmetropolen/rapport/2019/")
    assert response.status_code == 200
    html = text(response)
    assert html.count("<h1") == 1
    assert "Projects running" in html
    assert "/rapport/2018/" in html and "/rapport/2020/" in html  # year navigation
    assert "/rapport/2019.csv" in html
    assert '<caption id="' in html


def test_report_csv(client, world):
    with translation.override("en"):
        rows = rows_of(client.get("/en/program/musikmetropolen/rapport/2018.csv"))
    assert rows[0][:6] == ["Year", "Theme", "Started", "Running", "Completed", "Stopped"]
    assert rows[1][:6] == ["2018", "Talent and careers", "1", "1", "1", "0"]
    assert rows[-1] == ["2018", "All projects", "1", "1", "1", "0", "10", "1", "1"]


def test_report_of_a_bad_year_is_404(client, world):
    assert client.get("/program/musikmetropolen/rapport/1200/").status_code == 404


def test_report_queries_are_bounded(client, world, queries):
    url = "/program/musikmetropolen/rapport/2019/"
    client.get(url)
    few = queries.count(lambda: client.get(url))
    for n in range(4):
        make_project(
            world,
            title=f"Mer {n}",
            themes=list(world.themes.all()),
            partners=[OrganisationFactory()],
            starts_on=datetime.date(2019, 1, 1),
        )
    assert queries.count(lambda: client.get(url)) == few
