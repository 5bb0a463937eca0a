"""The API's places: every official municipality and region, filtered by country, region, code
(current or former) and name, paginated, in a bounded number of queries."""

import pytest

from samspill.core.models import Municipality, MunicipalityFormerCode

pytestmark = pytest.mark.django_db


def test_municipalities_by_country_and_region_paginated(client):
    page = client.get("/api/v1/municipalities", {"country": "NO"}).json()
    assert page["count"] == 357
    dk = client.get("/api/v1/municipalities", {"country": "DK", "region": "1081"}).json()
    assert dk["count"] == 11
    assert {m["region"]["code"] for m in dk["items"]} == {"1081"}
    assert "860" in {m["code"] for m in dk["items"]}
    regions = client.get("/api/v1/regions", {"country": "DK"}).json()
    assert [r["code"] for r in sorted(regions, key=lambda r: r["code"])] == [
        "1081", "1082", "1083", "1084", "1085"
    ]  # fmt: skip


def test_a_municipality_with_its_former_codes_and_found_by_one(client):
    narvik = Municipality.objects.get(country="NO", code="1806")
    MunicipalityFormerCode.objects.create(
        municipality=narvik, country="NO", code="1805", name="Narvik", valid_until="2019-12-31"
    )
    found = client.get("/api/v1/municipalities", {"code": "1805"}).json()["items"]
    assert [m["code"] for m in found] == ["1806"]
    assert found[0]["former_codes"] == [
        {"code": "1805", "name": "Narvik", "valid_until": "2019-12-31"}
    ]
    named = client.get("/api/v1/municipalities", {"q": "kautokeino"}).json()["items"]
    assert [(m["code"], m["name"], m["sort_name"]) for m in named] == [
        ("5612", "Guovdageaidnu - Kautokeino", "Kautokeino")
    ]


def test_bad_filters_are_422(client):
    assert client.get("/api/v1/municipalities", {"country": "FR"}).status_code == 422
    assert client.get("/api/v1/municipalities", {"q": "x" * 101}).status_code == 422


def test_a_page_of_municipalities_takes_a_bounded_number_of_queries(client, queries):
    with queries(at_most=4):
        page = client.get("/api/v1/municipalities", {"limit": 100}).json()
    assert len(page["items"]) == 100
