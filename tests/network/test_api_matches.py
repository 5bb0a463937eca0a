"""The API's taxonomy of needs and offers, and an organisation's match suggestions."""

import pytest

from samspill.network.models import NeedOfferCategory
from tests.core.factories import MembershipFactory, OrganisationFactory
from tests.network.factories import needs_and_offers

pytestmark = pytest.mark.django_db


@pytest.fixture
def matched(organisation):
    needs_and_offers(organisation, needs=["booking"], offers=["studios"])
    agency = OrganisationFactory(name="Nordbook", slug="nordbook", kind="booking")
    needs_and_offers(agency, offers=["booking"], needs=["studios"])
    label = OrganisationFactory(name="Plateselskapet", slug="plate", kind="label")
    needs_and_offers(label, needs=["studios"])
    hidden = OrganisationFactory(name="Skjult", kind="booking", is_public=False)
    needs_and_offers(hidden, offers=["booking"])
    return organisation


def url(slug="lydhuset"):
    return f"/api/v1/actors/{slug}/matches"


def test_taxonomy_lists_categories_with_names_label_and_counts(client, matched):
    body = client.get("/api/v1/taxonomy/needs-offers", HTTP_ACCEPT_LANGUAGE="da").json()
    assert len(body) == NeedOfferCategory.objects.count()
    booking = next(c for c in body if c["slug"] == "booking")
    assert booking["needs"] == 1 and booking["offers"] == 1  # the hidden one is not counted
    studios = next(c for c in body if c["slug"] == "studios")
    assert studios["needs"] == 2 and studios["offers"] == 1
    investment = next(c for c in body if c["slug"] == "investment")
    assert investment["names"]["da"] == "Investering"
    assert investment["label"] == investment["names"]["da"]
    assert [c["sort_order"] for c in body] == sorted(c["sort_order"] for c in body)
    english = client.get("/api/v1/taxonomy/needs-offers").json()
    assert next(c for c in english if c["slug"] == "investment")["label"] == "Investment"


def test_taxonomy_query_count_does_not_grow(client, queries, matched):
    first = queries.count(lambda: client.get("/api/v1/taxonomy/needs-offers"))
    for _i in range(10):
        needs_and_offers(OrganisationFactory(), needs=["booking", "investment"], offers=["studios"])
    assert queries.count(lambda: client.get("/api/v1/taxonomy/needs-offers")) == first


def test_anonymous_gets_401(client, matched):
    response = client.get(url())
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_someone_else_gets_403(client, user, matched):
    client.force_login(user)
    response = client.get(url())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_permitted"


def test_a_member_of_another_organisation_gets_403(client, matched):
    other = MembershipFactory(organisation=OrganisationFactory()).user
    client.force_login(other)
    assert client.get(url()).status_code == 403


def test_unknown_or_unlisted_organisation_is_404(client, hub_admin, matched):
    client.force_login(hub_admin)
    response = client.get(url("finnes-ikke"))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    matched.is_public = False
    matched.save()
    assert client.get(url()).status_code == 404


def test_a_member_sees_ranked_matches_explained(client, org_member, matched):
    client.force_login(org_member)
    response = client.get(url(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first, second = body["items"]
    assert first["organisation"] == {
        "slug": "nordbook",
        "name": "Nordbook",
        "kind": "booking",
        "url": "/organisasjoner/nordbook/",
    }
    assert first["score"] == 3
    assert first["reasons"] == [
        {
            "kind": "they_offer",
            "category": "booking",
            "label": "Booking",
            "text": "Offers booking, which you need",
        },
        {
            "kind": "they_need",
            "category": "studios",
            "label": "Studios",
            "text": "Needs studios, which you offer",
        },
    ]
    assert second["organisation"]["slug"] == "plate" and second["score"] == 1
    assert "Skjult" not in response.content.decode()


def test_the_limit_caps_the_list(client, org_admin, matched):
    client.force_login(org_admin)
    body = client.get(url(), {"limit": 1}).json()
    assert body["count"] == 1 and body["items"][0]["organisation"]["slug"] == "nordbook"
    assert client.get(url(), {"limit": 0}).status_code == 422


def test_a_hub_admin_sees_them_too(client, hub_admin, matched):
    client.force_login(hub_admin)
    assert client.get(url()).json()["count"] == 2


def test_matches_query_count_does_not_grow(client, org_member, queries, matched):
    client.force_login(org_member)
    first = queries.count(lambda: client.get(url()))
    for _i in range(8):
        needs_and_offers(OrganisationFactory(), offers=["booking"], needs=["studios"])
    assert queries.count(lambda: client.get(url())) == first
