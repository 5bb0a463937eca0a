"""Every answer of the API under /api/ is JSON, and every error has the one shape, in production
mode too (the suite runs with DEBUG off): bounds on lists, unknown paths and methods, crashes."""

import pytest
from django.test import Client

from samspill.api.api import api

pytestmark = pytest.mark.django_db


def assert_error_shape(response, status: int, code: str | None = None):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["details"], list)
    if code:
        assert body["error"]["code"] == code


def paginated_paths() -> list[str]:
    schema = api.get_openapi_schema()
    return [
        path
        for path, operations in schema["paths"].items()
        if any(p["name"] == "offset" for p in operations.get("get", {}).get("parameters", []))
    ]


def test_nine_lists_are_paginated():
    assert len(paginated_paths()) >= 9


@pytest.mark.parametrize("path", paginated_paths())
@pytest.mark.parametrize(
    "params", [{"offset": 2**63}, {"offset": -1}, {"limit": 0}, {"limit": 2**63}]
)
def test_a_list_answers_out_of_range_paging_with_a_422(client, django_user_model, path, params):
    if path.startswith("/api/v1/me/"):  # one's own list: signed in
        client.force_login(django_user_model.objects.create_user(email="range@example.org"))
    response = client.get(path, params)
    assert_error_shape(response, 422, "invalid")
    assert response.json()["error"]["details"][0]["field"] in params


@pytest.mark.parametrize("path", paginated_paths())
def test_a_list_serves_its_deepest_page(client, django_user_model, path):
    if path.startswith("/api/v1/me/"):  # one's own list: signed in
        client.force_login(django_user_model.objects.create_user(email="deep@example.org"))
    parameters = api.get_openapi_schema()["paths"][path]["get"]["parameters"]
    offset = next(p for p in parameters if p["name"] == "offset")
    assert offset["schema"]["maximum"] >= 1_000_000
    response = client.get(path, {"offset": offset["schema"]["maximum"]})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_unknown_path_under_the_api_is_a_json_404(client):
    assert_error_shape(client.get("/api/v1/finnes-ikke"), 404, "not_found")
    assert_error_shape(client.get("/api/v2/organisations"), 404, "not_found")
    assert_error_shape(client.get("/api/"), 404, "not_found")


def test_a_method_the_path_does_not_have_is_a_json_405(client):
    response = client.put("/api/v1/organisations")
    assert_error_shape(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


def test_a_crash_in_the_api_is_a_json_500(monkeypatch):
    from samspill.core import selectors

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "audience_list", broken)
    response = Client(raise_request_exception=False).get("/api/v1/audiences")
    assert_error_shape(response, 500, "server_error")
    assert b"boom" not in response.content


def test_pages_outside_the_api_keep_their_html_errors(client, home_page):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_unknown_topic_language_is_a_422(client):
    assert_error_shape(client.get("/api/v1/topics", {"language": "xx"}), 422, "invalid")
    assert_error_shape(client.get("/api/v1/topics/musikk", {"language": "xx"}), 422, "invalid")


def test_the_index_lists_the_resources_and_the_docs(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "samspill API"
    assert body["version"] == "1"
    assert body["openapi"] == "http://testserver/api/v1/openapi.json"
    assert body["docs"] == "http://testserver/api/v1/docs"
    urls = {resource["url"] for resource in body["resources"]}
    assert "http://testserver/api/v1/events" in urls
    assert "http://testserver/api/v1/organisations" in urls
    assert not any("{" in url for url in urls)
    for resource in body["resources"]:
        answer = client.get(resource["url"], {"q": "konsert"})
        assert answer.status_code < 500 and answer["Content-Type"].startswith("application/json")


def test_a_nul_character_in_the_input_is_a_422_not_a_database_error(client):
    response = client.get("/api/v1/actors", {"needs": ["", "a\x00b"], "q": "x"})
    assert_error_shape(response, 422, "invalid")
    assert response.json()["error"]["details"][0]["field"] == "needs"
    response = client.post(
        "/api/v1/events/1/registrations",
        {"name": "Ola\x00", "email": "ola@example.org"},
        content_type="application/json",
    )
    assert_error_shape(response, 422, "invalid")
    assert response.json()["error"]["details"][0]["field"] == "name"
