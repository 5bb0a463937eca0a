"""Ideas in the open API: the list and each idea at /api/v1/ideas, and support (signed in)."""

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from samspill.ideas import services
from samspill.ideas.models import IdeaSupport
from tests.core.factories import UserFactory
from tests.ideas.factories import make_idea
from tests.projects.factories import make_programme, make_project

pytestmark = pytest.mark.django_db

LIST = "/api/v1/ideas"


@pytest.fixture
def programme(db):
    return make_programme()


def support_url(idea_or_id) -> str:
    return f"/api/v1/ideas/{getattr(idea_or_id, 'pk', idea_or_id)}/support"


def error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    return body["error"]


def csrf_client(user) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    return client, token


# --- Reads ----------------------------------------------------------------------------------------


def test_list_items_carry_the_public_fields(client, programme):
    talent = programme.themes.get(slug="talent")
    idea = make_idea(programme, title="Talentløft", themes=[talent])
    idea.municipalities.set([programme.municipalities.get(code="165")])
    services.idea_support(user=UserFactory(), idea=idea)
    services.comment_add(user=UserFactory(), idea=idea, body="Ja")
    hidden = services.comment_add(user=UserFactory(), idea=idea, body="Nei")
    services.comment_moderate(actor=UserFactory(is_superuser=True), comment=hidden, hide=True)

    response = client.get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert set(item) == {
        "id",
        "title",
        "description",
        "status",
        "status_reason",
        "programme",
        "themes",
        "municipalities",
        "support_count",
        "comment_count",
        "project",
        "created_at",
        "url",
    }
    assert item["id"] == idea.pk and item["title"] == "Talentløft"
    assert item["status"] == "proposed" and item["status_reason"] == ""
    assert item["programme"] == "musikmetropolen"
    assert item["themes"][0]["slug"] == "talent"
    assert item["municipalities"] == [{"code": "dk-165", "name": "Albertslund"}]
    assert item["support_count"] == 1 and item["comment_count"] == 1
    assert item["project"] is None
    assert item["url"] == f"http://testserver/ideer/{idea.pk}/"
    assert "author" not in item  # people are never in the API


def test_list_shows_visible_ideas_of_published_programmes_only(client, programme):
    shown = make_idea(programme, title="Synlig")
    hidden = make_idea(programme, title="Skjult")
    services.idea_hide(actor=UserFactory(is_superuser=True), idea=hidden)
    make_idea(make_programme(slug="skjult", name="Skjult", is_published=False), title="Upubl.")
    ids = [item["id"] for item in client.get(LIST).json()["items"]]
    assert ids == [shown.pk]


def test_list_filters_and_sorts(client, programme):
    talent = programme.themes.get(slug="talent")
    a = make_idea(programme, title="A", themes=[talent])
    b = make_idea(programme, title="B")
    b.municipalities.set([programme.municipalities.get(code="265")])
    services.idea_support(user=UserFactory(), idea=b)
    other = make_programme(slug="andre", name="Andre")
    c = make_idea(other, title="C")
    services.idea_set_status(actor=UserFactory(is_superuser=True), idea=c, status="accepted")

    def ids(query=""):
        return [item["id"] for item in client.get(LIST + query).json()["items"]]

    assert ids() == [b.pk, c.pk, a.pk]  # most supported, then newest
    assert ids("?sort=new") == [c.pk, b.pk, a.pk]
    assert ids("?theme=talent") == [a.pk]
    assert ids("?municipality=dk-265") == [b.pk]
    assert ids("?programme=andre") == [c.pk]
    assert ids("?status=accepted") == [c.pk]
    assert client.get(LIST + "?status=nonsense").status_code == 422
    assert client.get(LIST + "?sort=oldest").status_code == 422


def test_list_is_paginated(client, programme):
    for n in range(5):
        make_idea(programme, title=f"Idé {n}")
    body = client.get(LIST + "?limit=2&offset=4").json()
    assert body["count"] == 5 and len(body["items"]) == 1


def test_list_query_count_does_not_grow_with_the_list(client, queries, programme):
    themes = list(programme.themes.all())
    places = list(programme.municipalities.all())
    project = make_project(programme)
    editor = UserFactory(is_superuser=True)

    def add(n):
        for i in range(n):
            idea = make_idea(programme, title=f"Idé {i}", themes=themes)
            idea.municipalities.set(places)
            services.comment_add(user=editor, idea=idea, body="Ja")
            services.idea_set_status(actor=editor, idea=idea, status="under_review")
            services.idea_set_status(actor=editor, idea=idea, status="project", project=project)

    add(2)
    client.get(LIST)
    few = queries.count(lambda: client.get(LIST))
    add(15)
    many = queries.count(lambda: client.get(LIST))
    assert few == many
    assert client.get(LIST).json()["items"][0]["project"] == project.slug


def test_detail_and_not_found(client, programme):
    idea = make_idea(programme, title="Detaljen")
    response = client.get(f"/api/v1/ideas/{idea.pk}")
    assert response.status_code == 200 and response.json()["title"] == "Detaljen"
    services.idea_hide(actor=UserFactory(is_superuser=True), idea=idea)
    assert client.get(f"/api/v1/ideas/{idea.pk}").status_code == 404
    missing = client.get("/api/v1/ideas/999999")
    assert missing.status_code == 404 and error(missing)["code"] == "not_found"


def test_a_declined_idea_carries_its_reason(client, programme):
    idea = make_idea(programme)
    services.idea_set_status(
        actor=UserFactory(is_superuser=True), idea=idea, status="declined", reason="For dyrt."
    )
    body = client.get(f"/api/v1/ideas/{idea.pk}").json()
    assert body["status"] == "declined" and body["status_reason"] == "For dyrt."


# --- Support --------------------------------------------------------------------------------------


def test_support_needs_sign_in(client, programme):
    idea = make_idea(programme)
    response = client.post(support_url(idea))
    assert response.status_code == 401 and error(response)["code"] == "unauthenticated"
    assert client.delete(support_url(idea)).status_code == 401
    assert not IdeaSupport.objects.exists()


def test_support_needs_the_csrf_token(programme, user):
    idea = make_idea(programme)
    client, _token = csrf_client(user)
    refused = client.post(support_url(idea))
    assert refused.status_code == 403 and error(refused)["code"] == "csrf_failed"
    assert client.delete(support_url(idea)).status_code == 403
    assert not IdeaSupport.objects.exists()


def test_support_once_first_201_then_200(programme, user):
    idea = make_idea(programme)
    client, token = csrf_client(user)
    first = client.post(support_url(idea), HTTP_X_CSRFTOKEN=token)
    assert first.status_code == 201
    assert first.json() == {"supported": True, "support_count": 1}
    again = client.post(support_url(idea), HTTP_X_CSRFTOKEN=token)
    assert again.status_code == 200
    assert again.json() == {"supported": True, "support_count": 1}
    assert IdeaSupport.objects.filter(idea=idea, user=user).count() == 1
    idea.refresh_from_db()
    assert idea.support_count == 1


def test_support_counts_other_people(programme, user):
    idea = make_idea(programme)
    services.idea_support(user=UserFactory(), idea=idea)
    client, token = csrf_client(user)
    response = client.post(support_url(idea), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201 and response.json()["support_count"] == 2


def test_withdrawing_support(programme, user):
    idea = make_idea(programme)
    client, token = csrf_client(user)
    client.post(support_url(idea), HTTP_X_CSRFTOKEN=token)
    response = client.delete(support_url(idea), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert response.json() == {"supported": False, "support_count": 0}
    again = client.delete(support_url(idea), HTTP_X_CSRFTOKEN=token)
    assert again.status_code == 200 and again.json()["support_count"] == 0
    assert not IdeaSupport.objects.exists()


def test_a_declined_idea_cannot_be_supported(programme, user):
    idea = make_idea(programme)
    services.idea_set_status(
        actor=UserFactory(is_superuser=True), idea=idea, status="declined", reason="Nei."
    )
    client, token = csrf_client(user)
    response = client.post(support_url(idea), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 409 and error(response)["code"] == "idea_declined"
    assert not IdeaSupport.objects.exists()


def test_hidden_or_unknown_ideas_are_404(programme, user):
    idea = make_idea(programme)
    services.idea_hide(actor=UserFactory(is_superuser=True), idea=idea)
    client, token = csrf_client(user)
    assert client.post(support_url(idea), HTTP_X_CSRFTOKEN=token).status_code == 404
    assert client.post(support_url(999999), HTTP_X_CSRFTOKEN=token).status_code == 404
    assert not IdeaSupport.objects.exists()


def test_the_openapi_document_describes_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/ideas" in paths and "/api/v1/ideas/{idea_id}" in paths
    support = paths["/api/v1/ideas/{idea_id}/support"]
    assert {"post", "delete"} <= set(support)
    assert {"200", "201", "401", "409"} <= set(support["post"]["responses"])
