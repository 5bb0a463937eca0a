import pytest

from tests.core.factories import (
    AudienceFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "samspill API"
    assert "/api/v1/organisations" in schema["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()  # swagger-ui ships with the project


def test_organisation_list_is_paginated_and_filterable(client):
    OrganisationFactory(name="Havnescenen", kind="venue")
    OrganisationFactory(name="Lydbølge", kind="startup")
    OrganisationFactory(name="Skjult", kind="venue", is_public=False)
    body = client.get("/api/v1/organisations", {"kind": "venue"}).json()
    assert body["count"] == 1
    assert body["items"][0]["name"] == "Havnescenen"
    assert body["items"][0]["url"] == "/organisasjoner/" + body["items"][0]["slug"] + "/"
    body = client.get("/api/v1/organisations", {"limit": 1}).json()
    assert body["count"] == 2 and len(body["items"]) == 1


def test_organisation_list_query_count_does_not_grow(client, queries):
    OrganisationFactory()
    first = queries.count(lambda: client.get("/api/v1/organisations"))
    audiences = AudienceFactory.create_batch(2)
    for organisation in OrganisationFactory.create_batch(15):
        organisation.audiences.set(audiences)
    assert queries.count(lambda: client.get("/api/v1/organisations")) == first


def test_organisation_detail_and_its_public_fields(client, organisation):
    member = UserFactory(is_listed=False)
    MembershipFactory(user=member, organisation=organisation)
    response = client.get(f"/api/v1/organisations/{organisation.slug}")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == organisation.name
    assert body["municipality"]["code"] == "4601"
    assert member.email not in response.content.decode()


def test_errors_share_one_json_shape(client):
    response = client.get("/api/v1/organisations/finnes-ikke")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Not found.", "details": []}
    }
    response = client.get("/api/v1/organisations", {"kind": "spaceship"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["details"][0]["field"].endswith("kind")


def test_unlisted_organisation_is_not_found_through_the_api(client):
    hidden = OrganisationFactory(is_public=False)
    assert client.get(f"/api/v1/organisations/{hidden.slug}").status_code == 404


def test_places_and_audiences(client, organisation):
    AudienceFactory(slug="start-up", name_nb="Oppstartsselskap", name_en="Start-up")
    regions = client.get("/api/v1/regions", {"country": "NO"}).json()
    assert len(regions) == 15 and "46" in {r["code"] for r in regions}
    municipalities = client.get("/api/v1/municipalities", {"code": "4601"}).json()
    assert municipalities["items"][0]["region"]["name"] == "Vestland"
    audiences = client.get("/api/v1/audiences").json()
    assert audiences == [{"slug": "start-up", "name": "Start-up"}]
    audiences = client.get("/api/v1/audiences", HTTP_ACCEPT_LANGUAGE="nb").json()
    assert audiences == [{"slug": "start-up", "name": "Oppstartsselskap"}]


def test_api_messages_follow_accept_language_and_default_to_english(client):
    english = client.get("/api/v1/organisations/finnes-ikke")
    assert english["Content-Language"] == "en"
    assert english.json()["error"]["message"] == "Not found."
    norwegian = client.get(
        "/api/v1/organisations/finnes-ikke", HTTP_ACCEPT_LANGUAGE="nb-NO,nb;q=0.9"
    )
    assert norwegian["Content-Language"] == "nb"
    assert norwegian.json()["error"] == {
        "code": "not_found",
        "message": "Ikke funnet.",
        "details": [],
    }
    danish = client.get("/api/v1/organisations/finnes-ikke", HTTP_ACCEPT_LANGUAGE="da")
    assert danish["Content-Language"] == "da"
    assert danish.json()["error"]["code"] == "not_found"
