"""The public pages of a programme and its projects: the programme page, the project list with its
filters, a project's page (its story at a glance, click-to-load videos), and the sections on the
home page and on organisation pages."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samspill.core import fragments, versions
from samspill.ideas.models import Idea
from samspill.projects.models import EventInput, Funding, Milestone, Project, Result, Video
from tests.core.factories import OrganisationFactory, UserFactory
from tests.events.factories import EventFactory, in_days
from tests.ideas.factories import make_idea
from tests.projects.factories import current_period, make_programme, make_project, municipality

pytestmark = pytest.mark.django_db

LIST = "/prosjekter/"


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def programme():
    return make_programme()


def themes(programme):
    return {t.slug: t for t in programme.themes.all()}


def munis(programme):
    return {m.code: m for m in programme.municipalities.all()}


# --- The programme page ---------------------------------------------------------------------------


def test_programme_page_shows_vision_municipalities_themes_figures_and_links(client, programme):
    t = themes(programme)
    m = munis(programme)
    partner = OrganisationFactory(name="Partnerhuset")
    make_project(
        programme,
        title="Sangskrivercamp",
        themes=[t["talent"]],
        municipalities=[m["165"]],
        partners=[partner],
        participants=40,
    )
    make_project(programme, title="Scenenett", themes=[t["talent"], t["venues"]], participants=2)
    make_project(programme, title="Skjult", is_published=False)
    programme.secretariat_contact = "Sekretariatet, post@example.org"
    programme.save()
    with translation.override("en"):
        response = client.get(programme.get_absolute_url())
    assert response.status_code == 200
    html = text(response)
    assert programme.vision in html
    assert "Sekretariatet, post@example.org" in html
    assert reverse("core:organisation-detail", args=[programme.secretariat.slug]) in html
    for code in ("165", "183", "265"):
        assert f"/program/musikmetropolen/kommuner/dk-{code}/" in html
    assert "Talent and careers" in html
    assert "2 projects in “Talent and careers”" in html
    assert "1 project in “Venues and stages”" in html
    assert "0 projects in “Industry infrastructure”" in html
    assert "<strong>2</strong> projects" in html
    assert "<strong>3</strong> participating municipalities" in html
    assert "<strong>42</strong> participants" in html
    assert "/program/musikmetropolen/rekkevidde/" in html
    assert "/program/musikmetropolen/rapport/" in html
    assert reverse("ideas:idea-list") in html


def test_programme_page_lists_input_from_events(client, programme):
    from samspill.surveys.models import Survey

    workshop = EventFactory(title="Verksted i Roskilde", kind="workshop", starts_at=in_days(-30))
    survey = Survey.objects.create(
        title="Hva trenger dere?", slug="behov", is_published=True, owner=OrganisationFactory()
    )
    EventInput.objects.create(programme=programme, event=workshop, survey=survey)
    make_idea(programme, title="Idé 1", origin_event=workshop)
    make_idea(programme, title="Idé 2", origin_event=workshop)
    with translation.override("en"):
        html = text(client.get(programme.get_absolute_url()))
    assert "Verksted i Roskilde" in html
    assert "Hva trenger dere?" in html
    match = re.search(r"Verksted i Roskilde.*?</tr>", html, re.S)
    assert match and "<td>2</td>" in match.group(0)


def test_unpublished_programme_is_404(client):
    programme = make_programme(is_published=False)
    assert client.get(programme.get_absolute_url()).status_code == 404


def test_programme_page_queries_are_bounded(client, programme, queries):
    make_project(programme, title="En")
    client.get(programme.get_absolute_url())  # warm caches (site, settings, content types)
    few = queries.count(lambda: client.get(programme.get_absolute_url()))
    for n in range(5):
        make_project(programme, title=f"Flere {n}", partners=[OrganisationFactory()])
        EventInput.objects.create(
            programme=programme, event=EventFactory(kind="network_meeting", starts_at=in_days(-n))
        )
    # Kept parts (the news about its projects) are made again once after the writes: measure the
    # steady page, as before.
    client.get(programme.get_absolute_url())
    assert queries.count(lambda: client.get(programme.get_absolute_url())) == few


# --- The project list -----------------------------------------------------------------------------


def add_partner(project, organisation):
    project.partners.add(organisation)


def titles(response) -> list[str]:
    return re.findall(r'<h3[^>]*><a href="/prosjekter/[^"]+/">([^<]+)</a></h3>', text(response))


def test_list_shows_only_published_projects(client, programme):
    make_project(programme, title="Synlig")
    make_project(programme, title="Kladd", is_published=False)
    hidden = make_programme(slug="skjult", name="Skjult", is_published=False)
    make_project(hidden, title="I skjult program")
    assert titles(client.get(LIST)) == ["Synlig"]


def test_list_filters(client, programme):
    t, m = themes(programme), munis(programme)
    lead = OrganisationFactory(slug="leder")
    partner = OrganisationFactory(slug="partner")
    make_project(
        programme,
        title="A",
        themes=[t["talent"]],
        municipalities=[m["165"]],
        lead=lead,
        status="running",
        starts_on=datetime.date(2017, 1, 1),
        ends_on=datetime.date(2017, 12, 31),
    )
    make_project(
        programme,
        title="B",
        themes=[t["venues"], t["talent"]],
        municipalities=[m["183"], m["165"]],
        partners=[partner],
        status="completed",
        starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2019, 6, 30),
    )
    other = make_programme(slug="annet", name="Annet program")
    make_project(
        other,
        title="C",
        municipalities=[m["265"]],
        starts_on=datetime.date(2020, 1, 1),
        ends_on=None,
    )

    def get(**params):
        return sorted(titles(client.get(LIST, params)))

    assert get() == ["A", "B", "C"]
    assert get(theme="talent") == ["A", "B", "C"]
    assert get(theme="venues") == ["B"]
    # A was set to running but ended in 2017: it is completed now (issue 18); C runs, open-ended.
    assert get(status="completed") == ["A", "B"]
    assert get(status="running") == ["C"]
    assert get(municipality="dk-165") == ["A", "B"]
    assert get(municipality="dk-265") == ["C"]
    assert get(organisation="leder") == ["A"]
    assert get(organisation="partner") == ["B"]
    assert get(year="2017") == ["A"]
    assert get(year="2019") == ["B"]
    assert get(programme="annet") == ["C"]
    assert get(theme="talent", municipality="dk-165", programme="musikmetropolen") == ["A", "B"]


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "nope"},
        {"status": "exploded"},
        {"municipality": "xx"},
        {"municipality": "dk-99999"},
        {"organisation": "<script>"},
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"programme": "none"},
        {"page": "x"},
        {"page": "999"},
    ],
)
def test_bad_filter_values_are_ignored(client, programme, params):
    make_project(programme, title="A")
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert titles(response) == ["A"]


def test_list_is_paginated(client, programme):
    for n in range(26):
        make_project(programme, title=f"Prosjekt {n:02d}")
    first = client.get(LIST)
    assert len(titles(first)) == 24
    assert 'rel="next"' in text(first)
    assert len(titles(client.get(LIST, {"page": 2}))) == 2


def test_htmx_gets_only_the_results(client, programme):
    make_project(programme, title="A")
    response = client.get(LIST, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="project-results")
    html = text(response)
    assert 'id="project-results"' in html
    assert "<form" not in html
    assert "<html" not in html
    assert "HX-Target" in response["Vary"]


def test_list_queries_are_bounded(client, programme, queries):
    make_project(programme, title="En")
    client.get(LIST)  # warm caches (site, settings, content types)
    # Without kept cards (core.fragments), whose reuse costs fewer queries (tests/core/test_fragments).
    few = queries.count(lambda: (fragments.clear(), client.get(LIST)))
    t = list(programme.themes.all())
    for n in range(8):
        project = make_project(
            programme,
            title=f"Flere {n}",
            themes=t,
            partners=[OrganisationFactory()],
            starts_on=datetime.date(2015 + n, 1, 1),
            ends_on=None,
        )
        add_partner(project, OrganisationFactory())
        Milestone.objects.create(project=project, title="M", progress=40)
    assert queries.count(lambda: (fragments.clear(), client.get(LIST))) == few
    filtered = {"theme": "talent", "year": "2018"}
    assert queries.count(lambda: (fragments.clear(), client.get(LIST, filtered))) == few


# --- A project's page -----------------------------------------------------------------------------


@pytest.fixture
def full_project(programme):
    t, m = themes(programme), munis(programme)
    partner = OrganisationFactory(name="Spillestedet")
    project = make_project(
        programme,
        **current_period(),
        title="Sangskrivercamp",
        themes=[t["talent"], t["venues"]],
        municipalities=[m["165"], m["183"]],
        partners=[partner],
        participants=120,
        body="<p>Historien om campen.</p>",
    )
    Milestone.objects.create(project=project, title="Planlegging", progress=100)
    Milestone.objects.create(project=project, title="Gjennomføring", progress=50)
    Result.objects.create(project=project, title="Nye låter", figure=35, unit="låter")
    Funding.objects.create(project=project, source="Kulturfonden", amount=Decimal(100000))
    Funding.objects.create(project=project, source="Kommunen", amount=Decimal(50000))
    Funding.objects.create(
        project=project, source="Norsk fond", amount=Decimal(20000), currency="NOK"
    )
    Funding.objects.create(project=project, source="Sponsor")
    Video.objects.create(
        project=project, title="Fra campen", url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    project.related_events.add(EventFactory(title="Avslutningskonsert"))
    project.related_events.add(EventFactory(title="Intern samling", is_published=False))
    project.save()
    idea = make_idea(programme, title="Låtskriving for unge")
    Idea.objects.filter(pk=idea.pk).update(project=project, status="project", support_count=7)
    return project


def test_project_page_tells_the_story(client, full_project):
    with translation.override("en"):
        response = client.get(full_project.get_absolute_url())
    assert response.status_code == 200
    html = text(response)
    assert html.count("<h1") == 1
    assert "Historien om campen." in html
    assert "Running" in html
    assert "Talent and careers" in html and "Venues and stages" in html
    lead = full_project.lead_organisation
    assert reverse("core:organisation-detail", args=[lead.slug]) in html
    assert "Spillestedet" in html
    assert "/program/musikmetropolen/kommuner/dk-165/" in html
    assert "120" in html
    assert '<progress id="project-progress" max="100" value="75"' in html
    assert "75% done" in html
    assert "Planlegging" in html and "Done" in html
    assert "35" in html and "låter" in html
    assert "Kulturfonden" in html and "DKK" in html
    assert re.search(
        r"Total in DKK</th><td>150.000 DKK", html.replace("\xa0", ".").replace(",", ".")
    )
    assert "Total in NOK" in html
    assert "not stated" in html
    assert "Avslutningskonsert" in html
    assert "Intern samling" not in html
    assert "Started as an idea" in html
    assert "Låtskriving for unge" in html
    assert "7 supporters" in html


def test_video_is_a_link_and_a_button_nothing_loaded_before_the_click(client, full_project):
    with translation.override("en"):
        html = text(client.get(full_project.get_absolute_url()))
    assert "<iframe" not in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert "Watch “Fra campen” on YouTube" in html
    # The embed address is only data for the script, never a src anything would fetch.
    assert not re.search(r'src="[^"]*(youtube|vimeo)', html)
    assert "data-video-load" in html
    assert re.search(r'<script src="[^"]*projects/video\.js" defer>', html)


def test_page_without_videos_does_not_load_the_script(client, programme):
    project = make_project(programme)
    assert "video.js" not in text(client.get(project.get_absolute_url()))


def test_project_page_lists_documents_and_surveys(client, programme, settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from samspill.surveys.models import Survey

    settings.MEDIA_ROOT = tmp_path
    project = make_project(programme)
    document = get_document_model().objects.create(
        title="Sluttrapport", file=ContentFile(b"%PDF-1.4", name="sluttrapport.pdf")
    )
    project.documents.create(document=document, title="Rapporten")
    owner = OrganisationFactory()
    survey = Survey.objects.create(
        title="Behovsundersøkelse", slug="behov", owner=owner, is_published=True
    )
    draft = Survey.objects.create(
        title="Kladdeskjema", slug="kladd", owner=owner, is_published=False
    )
    project.related_surveys.add(survey, draft)
    project.save()
    html = text(client.get(project.get_absolute_url()))
    assert "Rapporten" in html
    assert document.url in html
    assert "Behovsundersøkelse" in html and survey.get_absolute_url() in html
    assert "Kladdeskjema" not in html


def test_unpublished_project_is_404_for_the_public(client, programme, user):
    project = make_project(programme, is_published=False)
    assert client.get(project.get_absolute_url()).status_code == 404
    client.force_login(user)
    assert client.get(project.get_absolute_url()).status_code == 404


def test_project_of_unpublished_programme_is_404(client):
    hidden = make_programme(is_published=False)
    project = make_project(hidden)
    assert client.get(project.get_absolute_url()).status_code == 404


def test_editors_preview_an_unpublished_project(client, programme, hub_admin):
    project = make_project(programme, is_published=False)
    client.force_login(hub_admin)
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    assert "noindex" in text(response)
    assert f"/admin/projects/edit/{project.pk}/" in text(response)


def test_unknown_project_is_404(client):
    assert client.get("/prosjekter/finnes-ikke/").status_code == 404


def test_project_page_queries_are_bounded(client, programme, queries):
    project = make_project(programme)
    client.get(project.get_absolute_url())  # warm caches
    # The project as its page shows it is kept until it changes: count the page just after a
    # write (all of it read) and the next one (kept).
    few_kept = queries.count(lambda: client.get(project.get_absolute_url()))
    versions.bump("projects")
    few = queries.count(lambda: client.get(project.get_absolute_url()))
    for n in range(4):
        Milestone.objects.create(project=project, title=f"M{n}", progress=10 * n)
        Result.objects.create(project=project, title=f"R{n}", figure=n)
        Funding.objects.create(project=project, source=f"F{n}", amount=n)
        add_partner(project, OrganisationFactory())
        Project.related_events.through.objects.create(project=project, event=EventFactory())
        idea = make_idea(programme, title=f"I{n}")
        Idea.objects.filter(pk=idea.pk).update(project=project, status="project")
    assert queries.count(lambda: client.get(project.get_absolute_url())) == few
    assert queries.count(lambda: client.get(project.get_absolute_url())) == few_kept


# --- Sections on core's pages ---------------------------------------------------------------------


def test_home_page_shows_the_programme_and_running_projects(client, programme):
    make_project(programme, title="Løpende prosjekt", status="running", **current_period())
    # Running as set, but its end date passed years ago: it no longer runs (issue 18).
    make_project(programme, title="Prosjekt fra 2020", status="running")
    make_project(programme, title="Ferdig prosjekt", status="completed")
    html = text(client.get("/"))
    assert programme.name in html
    assert "Løpende prosjekt" in html
    assert "Ferdig prosjekt" not in html and "Prosjekt fra 2020" not in html


def test_organisation_page_lists_projects_it_leads_or_partners_in(client, programme):
    organisation = OrganisationFactory(name="Musikkhuset", slug="musikkhuset")
    make_project(programme, title="Ledet", lead=organisation)
    make_project(programme, title="Partner i", partners=[organisation])
    make_project(programme, title="Annet")
    make_project(programme, title="Kladd", lead=organisation, is_published=False)
    with translation.override("en"):
        html = text(client.get(reverse("core:organisation-detail", args=["musikkhuset"])))
    assert "Ledet" in html and "lead organisation" in html
    assert "Partner i" in html and "partner" in html
    assert "Annet" not in html
    assert "Kladd" not in html


def test_organisation_without_projects_has_no_section(client):
    OrganisationFactory(slug="ingen")
    with translation.override("en"):
        html = text(client.get(reverse("core:organisation-detail", args=["ingen"])))
    assert "projects-section-heading" not in html


def test_dates_are_in_the_sites_zone(client, programme):
    # A smoke check that the page renders with the zone active (no naive datetimes).
    assert timezone.get_current_timezone_name()
    project = make_project(programme, starts_on=datetime.date(2018, 3, 1))
    assert client.get(project.get_absolute_url()).status_code == 200


def test_another_user_sees_public_page(client, programme):
    project = make_project(programme)
    client.force_login(UserFactory())
    assert client.get(project.get_absolute_url()).status_code == 200
    assert municipality("165", "Albertslund").name in text(client.get(project.get_absolute_url()))


def test_sitemap_lists_published_projects_programmes_and_visible_ideas(client, programme):
    shown = make_project(programme, title="Synlig")
    draft = make_project(programme, title="Kladd", is_published=False)
    idea = make_idea(programme, title="Synlig idé")
    hidden = make_idea(programme, title="Skjult idé")
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert programme.get_absolute_url() in sitemap
    assert shown.get_absolute_url() in sitemap and draft.get_absolute_url() not in sitemap
    assert idea.get_absolute_url() in sitemap and hidden.get_absolute_url() not in sitemap


def test_event_page_shows_the_input_and_the_ideas_it_produced(client, programme):
    workshop = EventFactory(kind="workshop", title="Idéværksted", is_published=True)
    EventInput.objects.create(programme=programme, event=workshop, note="Mange gode idéer.")
    idea = make_idea(programme, title="Øvelokaler på tværs", origin_event=workshop)
    hidden = make_idea(programme, title="Skjult forslag", origin_event=workshop)
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True)
    project = make_project(programme, title="Spillestedsnetværket")
    project.related_events.add(workshop)
    project.save()  # modelcluster keeps parental relations in memory until the save
    page = text(client.get(workshop.get_absolute_url()))
    assert programme.get_absolute_url() in page and "Mange gode idéer." in page
    assert idea.get_absolute_url() in page and "Skjult forslag" not in page
    assert "1 idé kom opp her" in page
    assert project.get_absolute_url() in page
    # An event that gave no input shows no section.
    other = EventFactory(kind="workshop", title="Andet værksted", is_published=True)
    assert "Spillestedsnetværket" not in text(client.get(other.get_absolute_url()))


def test_an_idea_from_the_event_shows_on_its_page_at_once(client, programme):
    workshop = EventFactory(kind="workshop", is_published=True)
    EventInput.objects.create(programme=programme, event=workshop)
    url = workshop.get_absolute_url()
    assert "Ny idé fra verkstedet" not in text(client.get(url))
    idea = make_idea(programme, title="Ny idé fra verkstedet", origin_event=workshop)
    assert "Ny idé fra verkstedet" in text(client.get(url))
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    assert "Ny idé fra verkstedet" not in text(client.get(url))


def test_event_section_queries_do_not_grow(client, programme, queries):
    workshop = EventFactory(kind="workshop", is_published=True)
    EventInput.objects.create(programme=programme, event=workshop)
    make_idea(programme, title="Første", origin_event=workshop)
    url = workshop.get_absolute_url()
    client.get(url)

    def cold():  # the section as the first request after a write renders it
        fragments.clear()
        client.get(url)

    few = queries.count(cold)
    for n in range(5):
        make_idea(programme, title=f"Idé {n}", origin_event=workshop)
        project = make_project(programme, title=f"Projekt {n}")
        project.related_events.add(workshop)
        project.save()
    assert Project.objects.filter(related_events=workshop).count() == 5
    assert queries.count(cold) == few


def test_a_project_whose_end_has_passed_is_not_shown_as_running(client, programme):
    """Set to running in 2020 and never changed: in December 2026 it is completed, on its page,
    on the programme's page, in the filter and in the API (issue 18: "Pågår, 50 % fullført")."""
    project = make_project(
        programme,
        title="Popkorn",
        status="running",
        starts_on=datetime.date(2020, 3, 1),
        ends_on=datetime.date(2020, 11, 30),
    )
    Milestone.objects.create(project=project, title="Finaler", progress=50)
    html = text(client.get(project.get_absolute_url()))
    assert re.search(r"<dt>Status</dt>\s*<dd>Fullført</dd>", html)
    assert '<span class="badge">Fullført</span>' in html and ">Pågår<" not in html
    assert 'id="project-progress"' not in html
    assert "Popkorn" not in text(client.get(programme.get_absolute_url())).split("Pågående")[-1]
    running = text(client.get("/prosjekter/", {"status": "running"}))
    completed = text(client.get("/prosjekter/", {"status": "completed"}))
    assert "Popkorn" not in running and "Popkorn" in completed
    item = client.get("/api/v1/projects").json()["items"][0]
    assert item["status"] == "completed"
    assert project.status_on(datetime.date(2020, 6, 1)) == "running"
    assert project.status_on(datetime.date(2020, 1, 1)) == "planned"
