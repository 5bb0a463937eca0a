"""Projects in the hub's search: published projects of published programmes."""

import pytest

from samspill.projects import services
from tests.answers.source_checks import (
    assert_findable,
    committed,
    found,
    passages,
    rebuild_queries,
)
from tests.core.factories import OrganisationFactory
from tests.projects.factories import make_programme, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return make_programme()


def test_a_published_project_is_found_by_its_name(programme):
    partner = OrganisationFactory(name="Roskilde Spillested", country="DK", municipality=None)
    with committed():
        project = make_project(programme, title="Popkorn Nordic", partners=[partner])
    answer_id = f"project-{project.pk}"
    assert_findable("Popkorn Nordic", answer_id, "project")
    (passage,) = passages(answer_id)
    assert passage.url == project.get_absolute_url()
    # A Danish programme's (its secretariat is Danish) projects read, and are marked, in Danish.
    assert passage.language == "da"
    for expected in ("Musikmetropolen", "Talent- og karriereudvikling", "Albertslund", "2018"):
        assert expected in passage.text
    assert "Roskilde Spillested" in passage.text
    assert found("Popkorn Nordic", answer_id)


def test_an_unpublished_project_is_not_indexed_and_unpublishing_removes_it(programme):
    with committed():
        hidden = make_project(programme, title="Hemmelig prosjekt", is_published=False)
        shown = make_project(programme, title="Synlig prosjekt")
    assert passages(f"project-{hidden.pk}") == []
    with committed():
        shown.is_published = False
        services.project_save(actor=None, project=shown)
    assert passages(f"project-{shown.pk}") == []


def test_unpublishing_the_programme_removes_its_projects(programme):
    with committed():
        project = make_project(programme, title="Sangskrivercamp")
    assert passages(f"project-{project.pk}")
    with committed():
        programme.is_published = False
        programme.save()
    assert passages(f"project-{project.pk}") == []


def test_a_lead_organisation_renamed_reindexes_its_projects(programme):
    lead = OrganisationFactory(name="Gammel Leder", country="DK", municipality=None)
    with committed():
        project = make_project(programme, title="Spillestedsløft", lead=lead)
    with committed():
        lead.name = "Ny Leder"
        lead.save()
    (passage,) = passages(f"project-{project.pk}")
    assert "Ny Leder" in passage.text and "Gammel Leder" not in passage.text


def test_reading_projects_for_a_rebuild_does_not_grow(programme, queries):
    for n in range(2):
        make_project(programme, title=f"Prosjekt {n}", partners=[OrganisationFactory()])
    few = rebuild_queries(queries, "projects.project")
    for n in range(2, 7):
        make_project(programme, title=f"Prosjekt {n}", partners=[OrganisationFactory()])
    assert rebuild_queries(queries, "projects.project") == few


def test_a_norwegian_programme_s_project_is_in_the_hub_s_language():
    programme = make_programme(
        slug="vestnorsk",
        name="Vestnorsk musikkløft",
        secretariat=OrganisationFactory(country="NO", municipality=None),
    )
    with committed():
        project = make_project(programme, title="Fjordlyd")
    (passage,) = passages(f"project-{project.pk}")
    assert passage.language == "nb"
    assert "Talent- og karriereutvikling" in passage.text
