"""Projects' services: saving projects with their themes, partners and body."""

import pytest
from django.utils import translation

from samspill.core.errors import InvalidInput
from tests.projects.factories import make_programme, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def programme():
    return make_programme()


def test_project_needs_a_theme_of_its_own_programme(programme):
    other = make_programme(slug="andet", name="Andet program")
    with pytest.raises(InvalidInput) as error:
        make_project(programme, themes=[other.themes.first()])
    assert error.value.field == "themes"
    with pytest.raises(InvalidInput):
        make_project(programme, themes=[])
    project = make_project(programme, title="Spillestedsdialog")
    assert project.slug == "spillestedsdialog"
    assert list(project.themes.values_list("slug", flat=True)) == ["talent"]
    assert project.municipalities.count() == 3


def test_project_keeps_several_partners(programme):
    from tests.core.factories import OrganisationFactory

    partners = [OrganisationFactory(name=name) for name in ("Byens Scene", "akademiet", "Lydhuset")]
    project = make_project(programme, partners=partners)
    assert sorted(project.partners.values_list("name", flat=True)) == sorted(
        ["Byens Scene", "akademiet", "Lydhuset"]
    )


def test_project_body_is_sanitised(programme):
    project = make_project(programme, body="<p>Hej<script>alert(1)</script></p>")
    project.refresh_from_db()
    assert "<script" not in project.body and "Hej" in project.body
