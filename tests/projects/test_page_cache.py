"""The programme's public pages in the anonymous page cache (core.pagecache): the programme, the
project list, a project's page and the reach matrix are kept for visitors, and a project changed
or added through the service (or the admin) shows on the next request."""

import datetime

import pytest
from django.utils import translation

from samspill.ideas import services as idea_services
from samspill.projects import services, views
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.core.pagecache_checks import fresh, get, shared_with, stored, text
from tests.ideas.factories import make_idea
from tests.projects.factories import current_period, make_programme, make_project, municipality
from tests.projects.test_admin import form_errors, login, project_form_data

pytestmark = pytest.mark.django_db

PROGRAMME = "/program/musikmetropolen/"
LIST = "/prosjekter/"
REACH = "/program/musikmetropolen/rekkevidde/"


@pytest.fixture(autouse=True)
def _site(home_page, page_cache):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


@pytest.fixture
def programme():
    return make_programme()


def test_the_programme_follows_a_project_started_through_the_service(programme):
    # The programme's page shows running projects: these run now (current_period).
    make_project(programme, title="Sangskrivercamp", **current_period())
    assert "Sangskrivercamp" in text(stored(PROGRAMME))
    make_project(programme, title="Spillestedsløftet", **current_period())
    assert "Spillestedsløftet" in text(fresh(PROGRAMME))


def test_the_project_list_and_a_filter_follow_a_change_through_the_service(programme):
    project = make_project(programme, title="Sangskrivercamp", status="planned", **current_period())
    assert "Sangskrivercamp" in text(stored(LIST))
    url = LIST + "?status=running&programme=musikmetropolen"
    assert "Sangskrivercamp" not in text(stored(url))
    assert get(LIST + "?programme=musikmetropolen&status=running")[1] == "hit"
    project.status = "running"
    services.project_save(actor=None, project=project)
    assert "Sangskrivercamp" in text(fresh(url))


def test_a_projects_page_follows_a_change_through_the_service(programme):
    project = make_project(programme, title="Sangskrivercamp")
    url = project.get_absolute_url()
    assert "Sangskrivercamp: et projekt i Musikmetropolen." in text(stored(url))
    project.summary = "Unge sangskrivere skriver sammen."
    services.project_save(actor=None, project=project)
    assert "Unge sangskrivere skriver sammen." in text(fresh(url))


def test_a_projects_page_follows_an_idea_that_became_it(programme, hub_admin):
    project = make_project(programme, title="Sangskrivercamp")
    idea = make_idea(programme, title="Skrivecamp for unge")
    url = project.get_absolute_url()
    assert "Skrivecamp for unge" not in text(stored(url))
    idea_services.idea_set_status(actor=hub_admin, idea=idea, status="under_review")
    assert get(url)[1] == "miss"  # (ideas changed; the page shows none yet)
    idea_services.idea_set_status(actor=hub_admin, idea=idea, status="project", project=project)
    assert "Skrivecamp for unge" in text(fresh(url))


def test_a_project_unpublished_is_gone_for_visitors_on_the_next_request(programme):
    project = make_project(programme, title="Sangskrivercamp")
    url = project.get_absolute_url()
    stored(url)
    project.is_published = False
    services.project_save(actor=None, project=project)
    response, outcome = get(url)
    assert (response.status_code, outcome) == (404, "bypass")


def test_a_projects_page_follows_an_edit_in_the_admin(client, hub_admin, programme):
    lead = OrganisationFactory(country="DK", municipality=None)
    project = make_project(programme, title="Sangskrivercamp", lead=lead)
    url = project.get_absolute_url()
    login(client, hub_admin)
    stored(url)
    stored(LIST)
    data = project_form_data(
        programme,
        lead,
        [programme.themes.get(slug="talent")],
        title="Sangskrivercamp 2",
        slug=project.slug,
    )
    response = client.post(f"/admin/projects/edit/{project.pk}/", data)
    assert response.status_code == 302, form_errors(response)
    assert "Sangskrivercamp 2" in text(fresh(url))
    assert "Sangskrivercamp 2" in text(fresh(LIST))


def test_editors_get_their_own_project_page_with_the_edit_link(client, programme):
    lead = OrganisationFactory(country="DK", municipality=None)
    project = make_project(programme, title="Sangskrivercamp", lead=lead)
    url = project.get_absolute_url()
    editor = MembershipFactory(organisation=lead, role="editor").user
    client.force_login(editor)
    visitors = text(stored(url))
    assert f"/admin/projects/edit/{project.pk}/" not in visitors
    response, outcome = get(url, client)
    assert outcome == "bypass"
    assert f"/admin/projects/edit/{project.pk}/" in text(response)


def test_the_reach_matrix_follows_reach_added_through_the_service(programme):
    albertslund = municipality("165", "Albertslund")
    make_project(programme, title="Sangskrivercamp", municipalities=[albertslund])
    before = text(stored(REACH))
    make_project(
        programme,
        title="Spillestedsløftet",
        municipalities=[albertslund],
        starts_on=datetime.date(2019, 1, 1),
    )
    after = text(fresh(REACH))
    assert before != after
    assert "<td><strong>2</strong></td>" in after
    # A year is a matrix of its own.
    assert get(REACH + "?year=2019")[1] == "miss"
    assert get(REACH + "?year=2019")[1] == "hit"


def test_signed_in_members_share_the_programme_list_and_reach(client, programme):
    make_project(programme, title="Sangskrivercamp")
    client.force_login(UserFactory())
    for url in (PROGRAMME, LIST, REACH):
        stored(url)
        shared_with(client, url)


def test_the_policies():
    """Shared with members where nothing is personal; a project's page has its editors' link."""
    assert views.programme.page_cache.members_share
    assert views.project_list.page_cache.members_share
    assert views.reach.page_cache.members_share
    assert not views.project_detail.page_cache.members_share
