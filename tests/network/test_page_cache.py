"""The network's public pages in the anonymous page cache (core.pagecache): the directory and an
organisation's profile are kept for visitors, and a write through the network's or core's
services (or the admin) shows on the next request."""

import pytest
from django.utils import translation

from samspill.core import pagecache
from samspill.core import services as core_services
from samspill.network import search, services
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.core.pagecache_checks import (
    fresh,
    get,
    shared_with,
    stored,
    text,
)
from tests.network.factories import category

pytestmark = pytest.mark.django_db

DIRECTORY = "/nettverk/"
EMPTY_RICH_TEXT = '{"blocks": [], "entityMap": {}}'


@pytest.fixture(autouse=True)
def _site(home_page, page_cache):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def listed(name, **fields):
    organisation = OrganisationFactory(name=name, **fields)
    services.profile_for(organisation)
    search.reindex(organisation)
    return organisation


def test_the_directory_is_kept_until_an_organisation_is_submitted_through_the_service():
    listed("Lydhuset")
    assert "Lydhuset" in text(stored(DIRECTORY))
    founder = UserFactory()
    services.organisation_submit(
        actor=founder,
        name="Bylarm",
        kind="label",
        country="NO",
        summary="En festival.",
    )
    response = fresh(DIRECTORY)
    # A new organisation waits for an editor's approval: the page is rendered anew all the same.
    assert "Lydhuset" in text(response)


def test_a_needs_and_offers_change_shows_in_the_directorys_filter_on_the_next_request():
    organisation = listed("Lydhuset")
    url = DIRECTORY + "?offers=booking&sort=name"
    assert "Lydhuset" not in text(stored(url))
    # The same filter, its parameters in another order, is the same page.
    assert get(DIRECTORY + "?sort=name&offers=booking")[1] == "hit"
    services.needs_offers_set(
        actor=None, organisation=organisation, needs={}, offers={category("booking").pk: ""}
    )
    assert "Lydhuset" in text(fresh(url))
    # Another filter is another page.
    assert get(DIRECTORY + "?kind=label")[1] == "miss"


def test_the_directorys_places_follow_an_organisation_moving():
    from tests.core.factories import MunicipalityFactory, RegionFactory

    vestland = RegionFactory(code="46", name="Vestland")
    organisation = listed(
        "Lydhuset", municipality=MunicipalityFactory(code="4601", name="Bergen", region=vestland)
    )
    assert "Bergen" in text(stored(DIRECTORY))
    organisation.municipality = MunicipalityFactory(code="5001", name="Trondheim")
    core_services.organisation_save(actor=None, organisation=organisation)
    response = text(fresh(DIRECTORY))
    assert "Trondheim" in response
    assert "Bergen" not in response


def test_the_people_tab_follows_a_person_choosing_to_be_listed():
    person = UserFactory(name="Kari Nordmann", is_listed=False)
    MembershipFactory(user=person, organisation=listed("Lydhuset"))
    url = DIRECTORY + "?vis=personer"
    assert "Kari Nordmann" not in text(stored(url))
    core_services.user_update_profile(user=person, is_listed=True)
    assert "Kari Nordmann" in text(fresh(url))


def test_signed_in_members_share_the_directory_with_their_own_account_part(client):
    listed("Lydhuset")
    client.force_login(UserFactory())  # a sign-in writes to "people", which the page shows
    stored(DIRECTORY)
    assert "Lydhuset" in text(shared_with(client, DIRECTORY))


def test_an_organisations_profile_follows_its_needs_and_offers():
    organisation = listed("Lydhuset")
    url = f"/nettverk/{organisation.slug}/"
    assert category("booking").label not in text(stored(url))
    services.needs_offers_set(
        actor=None, organisation=organisation, needs={category("booking").pk: "Hjelp!"}, offers={}
    )
    response = text(fresh(url))
    assert "Hjelp!" in response


def test_an_organisations_profile_follows_its_people():
    organisation = listed("Lydhuset")
    url = f"/nettverk/{organisation.slug}/"
    person = UserFactory(name="Kari Nordmann", is_listed=True)
    assert "Kari Nordmann" not in text(stored(url))
    core_services.membership_create(
        actor=None, organisation=organisation, user=person, role="member"
    )
    assert "Kari Nordmann" in text(fresh(url))


def test_an_organisations_profile_follows_an_edit_in_the_admin(client, hub_admin):
    organisation = listed("Lydhuset")
    url = f"/nettverk/{organisation.slug}/"
    assert "Et plateselskap." in text(stored(url))
    client.force_login(hub_admin)
    response = client.post(
        f"/admin/organisations/edit/{organisation.pk}/",
        {
            "name": "Lydhuset Vest",
            "slug": organisation.slug,
            "kind": "label",
            "is_public": "on",
            "country": "NO",
            "org_number": "",
            "municipality": organisation.municipality_id,
            "summary": "Oppdatert i admin",
            "description": EMPTY_RICH_TEXT,
            "website": "",
        },
    )
    assert response.status_code == 302, text(response)[:2000]
    html = text(fresh(url))
    assert "Lydhuset Vest" in html
    assert "Oppdatert i admin" in html


def test_an_organisation_withdrawn_from_the_network_is_not_served_from_the_cache():
    organisation = listed("Lydhuset")
    url = f"/nettverk/{organisation.slug}/"
    stored(url)
    organisation.is_public = False
    core_services.organisation_save(actor=None, organisation=organisation)
    response, outcome = get(url)
    assert response.status_code == 404
    assert outcome == "bypass"


def test_members_get_their_own_profile_page_with_edit_links(client):
    organisation = listed("Lydhuset")
    url = f"/nettverk/{organisation.slug}/"
    editor = MembershipFactory(organisation=organisation, role="editor").user
    client.force_login(editor)  # (a sign-in writes to "people", which the page depends on)
    stored(url)
    response, outcome = get(url, client)
    assert outcome == "bypass"
    assert f"/nettverk/{organisation.slug}/behov-og-tilbud/" in text(response)
    # The visitors' page keeps no edit link.
    visitors, outcome = get(url)
    assert outcome == "hit"
    assert "behov-og-tilbud" not in text(visitors)


def test_the_policies():
    """Sharing with members only where nothing on the page is personal."""
    from samspill.network import views

    assert views.directory.page_cache.members_share
    assert not views.profile.page_cache.members_share
    assert pagecache.HEADER == "X-Page-Cache"
