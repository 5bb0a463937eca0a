"""The forms of the ideas admin, as a browser uses them: the idea screen opened, then sent back
with its own initial data."""

import pytest

from samspill.ideas import services
from samspill.ideas.models import Idea
from tests.ideas.factories import make_idea
from tests.projects.factories import make_programme
from tests.projects.test_admin import editor_of, form_errors, login
from tests.projects.test_admin_forms import post_form

pytestmark = pytest.mark.django_db


def test_the_idea_screen_opens_and_its_status_form_is_sent_back(client, organisation):
    programme = make_programme(secretariat=organisation)
    idea = make_idea(programme, themes=[programme.themes.first()])
    login(client, editor_of(organisation))
    url = f"/admin/ideas/edit/{idea.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {"status": ["considering"], "reason": [""], "project": [""]})
    assert response.status_code in (200, 302), response.status_code
    for view in ("history", "usage"):
        assert client.get(f"/admin/ideas/{view}/{idea.pk}/").status_code == 200, view
    assert client.get("/admin/ideas/", {"programme": programme.pk}).status_code == 200
    assert Idea.objects.filter(pk=idea.pk).exists()


def test_saving_the_idea_screen_unchanged_keeps_a_declined_idea_and_its_reason(
    client, organisation
):
    programme = make_programme(secretariat=organisation)
    editor = editor_of(organisation)
    idea = make_idea(programme, themes=[programme.themes.first()])
    services.idea_set_status(actor=editor, idea=idea, status="under_review", reason="")
    services.idea_set_status(actor=editor, idea=idea, status="declined", reason="For bred.")
    login(client, editor)
    response = post_form(client, f"/admin/ideas/edit/{idea.pk}/", form_id="idea-status-form")
    assert response.status_code == 302, form_errors(response)
    idea.refresh_from_db()
    assert (idea.status, idea.status_reason) == ("declined", "For bred.")
    assert idea.history.count() == 2
