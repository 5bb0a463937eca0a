"""Ideas in the hub's search: visible ones only (not hidden, in a published programme)."""

import pytest

from samspill.ideas import services
from tests.answers.source_checks import assert_findable, committed, passages, rebuild_queries
from tests.ideas.factories import make_idea
from tests.projects.factories import make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return make_programme()


def test_a_visible_idea_is_found_without_its_author(programme, user):
    user.name = "Hemmelig Forfatter"
    user.save()
    with committed():
        idea = make_idea(programme, user, title="Øvingsrom i alle bydeler")
    answer_id = f"idea-{idea.pk}"
    assert_findable("Øvingsrom i alle bydeler", answer_id, "idea")
    (passage,) = passages(answer_id)
    assert passage.url == idea.get_absolute_url()
    assert "Foreslået." in passage.text  # its status, in the Danish programme's language
    assert "Hemmelig Forfatter" not in passage.text


def test_hiding_an_idea_removes_it_and_showing_it_brings_it_back(programme, hub_admin):
    with committed():
        idea = make_idea(programme, title="Felles turnébuss")
    with committed():
        services.idea_hide(actor=hub_admin, idea=idea)
    assert passages(f"idea-{idea.pk}") == []
    with committed():
        services.idea_hide(actor=hub_admin, idea=idea, hidden=False)
    assert passages(f"idea-{idea.pk}")


def test_ideas_of_an_unpublished_programme_are_not_indexed(programme):
    with committed():
        idea = make_idea(programme, title="Låtskriverfestival")
    with committed():
        programme.is_published = False
        programme.save()
    assert passages(f"idea-{idea.pk}") == []


def test_reading_ideas_for_a_rebuild_does_not_grow(programme, queries):
    themes = list(programme.themes.all()[:2])
    for n in range(2):
        make_idea(programme, title=f"Idé {n}", themes=themes)
    few = rebuild_queries(queries, "ideas.idea")
    for n in range(2, 7):
        make_idea(programme, title=f"Idé {n}", themes=themes)
    assert rebuild_queries(queries, "ideas.idea") == few
