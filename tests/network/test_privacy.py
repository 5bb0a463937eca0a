"""A person who has not chosen to be listed appears nowhere: pages, API, search, sitemap, exports."""

import pytest
from django.utils import translation

from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def test_a_private_person_is_in_no_page_endpoint_search_sitemap_or_export(client):
    organisation = OrganisationFactory(name="Klangverket", slug="klangverket")
    private = UserFactory(name="Hemmelig Hansen", title="Produsent", is_listed=False)
    listed = UserFactory(
        name="Synlig Svendsen", title="Booker", bio="Booker band.", is_listed=True, show_title=False
    )
    for person in (private, listed):
        MembershipFactory(user=person, organisation=organisation, role="member")

    responses = {
        "directory": client.get("/nettverk/"),
        "people": client.get("/nettverk/?vis=personer"),
        "people search": client.get("/nettverk/?vis=personer&q=Hansen"),
        "organisation search": client.get("/nettverk/?q=Hemmelig"),
        "profile": client.get("/nettverk/klangverket/"),
        "core page": client.get("/organisasjoner/klangverket/"),
        "api list": client.get("/api/v1/actors"),
        "api detail": client.get("/api/v1/actors/klangverket"),
        "sitemap": client.get("/sitemap.xml"),
        "overview csv": client.get("/nettverk/oversikt/kinds.csv"),
    }
    private_page = client.get(f"/nettverk/personer/{private.pk}/")
    for what, response in responses.items():
        body = response.content.decode()
        for secret in ("Hemmelig Hansen", private.email, f"/nettverk/personer/{private.pk}/"):
            assert secret not in body, f"{secret!r} shows in the {what}"
        assert listed.email not in body, f"an address shows in the {what}"
    assert private_page.status_code == 404
    assert "Hemmelig Hansen" not in private_page.content.decode()
    # The listed person shows, without the title they did not choose to show.
    assert "Synlig Svendsen" in responses["profile"].content.decode()
    assert "Booker" not in responses["api detail"].content.decode()
