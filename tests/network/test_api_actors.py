"""The actors in the open API: the list with the directory's filters, one actor, privacy."""

import pytest

from samspill.network import search, services
from samspill.network.models import ProfileLink
from tests.core.factories import (
    AudienceFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.network.factories import category

pytestmark = pytest.mark.django_db

LIST = "/api/v1/actors"


def make(name, *, needs=(), offers=(), founded=None, **fields):
    organisation = OrganisationFactory(name=name, **fields)
    services.needs_offers_set(
        actor=None,
        organisation=organisation,
        needs={category(s).pk: t for s, t in needs},
        offers={category(s).pk: t for s, t in offers},
    )
    if founded:
        profile = services.profile_for(organisation)
        profile.founded_year = founded
        profile.save()
    search.reindex(organisation)
    return organisation


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


def test_list_has_public_fields_only(client):
    organisation = make(
        "Lydhuset",
        needs=[("investment", "Pre-seed til en vokalapp")],
        offers=[("studios", "")],
        founded=2019,
        website="https://lydhuset.test",
    )
    organisation.audiences.add(AudienceFactory(slug="startups"))
    response = client.get(LIST)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["slug"] == organisation.slug
    assert item["kind"] == "label" and item["country"] == "NO"
    assert item["municipality"] == {"code": "4601", "name": "Bergen"}
    assert item["region"] == {"code": "46", "name": "Vestland"}
    assert item["founded_year"] == 2019
    assert item["audiences"] == ["startups"]
    assert item["needs"] == [
        {"category": "investment", "label": "Investment", "text": "Pre-seed til en vokalapp"}
    ]
    assert item["offers"][0]["category"] == "studios"
    assert item["url"].endswith(f"/nettverk/{organisation.slug}/")
    assert "org_number" not in item and "description" not in item


def test_list_filters_and_search(client):
    make("Bergen Studio", kind="studio", offers=[("studios", "")], founded=2001)
    make("Konsertscenen", kind="venue", needs=[("booking", "")], summary="Konsert hver uke")
    make("Kbh Label", kind="label", country="DK", municipality=None, founded=2020)
    assert names(client.get(LIST, {"kind": "studio"})) == ["Bergen Studio"]
    assert names(client.get(LIST, {"country": "DK"})) == ["Kbh Label"]
    assert names(client.get(LIST, {"region": "46"})) == ["Bergen Studio", "Konsertscenen"]
    assert names(client.get(LIST + "?offers=studios&offers=booking")) == ["Bergen Studio"]
    assert names(client.get(LIST, {"needs": "booking"})) == ["Konsertscenen"]
    assert names(client.get(LIST, {"founded_from": 2010})) == ["Kbh Label"]
    assert names(client.get(LIST, {"q": "konserter"})) == ["Konsertscenen"]
    assert names(client.get(LIST, {"sort": "newest"}))[0] == "Kbh Label"
    assert client.get(LIST, {"kind": "nonsense"}).status_code == 422


def test_list_is_paginated_with_a_bounded_query_count(client, queries):
    make("Første", needs=[("booking", "")], offers=[("studios", "")])
    client.get(LIST)
    few = queries.count(lambda: client.get(LIST))
    for n in range(25):
        make(f"Org {n}", needs=[("booking", ""), ("legal", "")], offers=[("studios", "")])
    many = queries.count(lambda: client.get(LIST))
    assert many == few
    page = client.get(LIST, {"limit": 10, "offset": 20}).json()
    assert page["count"] == 26 and len(page["items"]) == 6


def test_detail_has_description_links_and_only_listed_people_with_chosen_fields(client):
    organisation = make("Lydhuset", description="<p>Et <b>studio</b>.</p>")
    ProfileLink.objects.create(organisation=organisation, label="Web", url="https://x.test/")
    shown = UserFactory(
        name="Synne", is_listed=True, title="Booker", show_title=True, bio="Bio", show_bio=False
    )
    private = UserFactory(name="Petter Privat", is_listed=False, title="Sjef", show_title=True)
    MembershipFactory(user=shown, organisation=organisation)
    MembershipFactory(user=private, organisation=organisation)
    response = client.get(f"{LIST}/{organisation.slug}")
    assert response.status_code == 200
    data = response.json()
    assert "<b>studio</b>" in data["description"]
    assert data["links"] == [{"label": "Web", "url": "https://x.test/"}]
    assert [(m["name"], m["title"], m["bio"]) for m in data["team"]] == [("Synne", "Booker", None)]
    body = response.content.decode()
    assert "Petter Privat" not in body and "Sjef" not in body
    assert "@" not in body


def test_unlisted_organisations_are_not_in_the_api(client):
    make("Skjult", is_public=False, slug="skjult")
    assert client.get(LIST).json()["count"] == 0
    response = client.get(f"{LIST}/skjult")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_no_unlisted_person_or_address_anywhere_in_the_list(client):
    organisation = make("Lydhuset")
    MembershipFactory(user=UserFactory(name="Petter Privat"), organisation=organisation)
    body = client.get(LIST).content.decode()
    assert "Petter Privat" not in body and "@" not in body
