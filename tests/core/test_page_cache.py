"""Core's public organisation pages in the anonymous page cache (core.pagecache): the list and an
organisation's page are kept for visitors and shared with signed-in members, and a write through
a service (core's, or another app's section) or the admin shows on the next request."""

import pytest
from django.utils import translation

from samspill.core import registry, services, views
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.core.pagecache_checks import fresh, get, shared_with, stored, text
from tests.events.factories import make_event
from tests.network.factories import needs_and_offers

pytestmark = pytest.mark.django_db

LIST = "/organisasjoner/"
EMPTY_RICH_TEXT = '{"blocks": [], "entityMap": {}}'


@pytest.fixture(autouse=True)
def _site(home_page, page_cache):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def test_the_list_is_kept_until_an_organisation_is_created_through_the_service():
    OrganisationFactory(name="Lydhuset")
    assert "Lydhuset" in text(stored(LIST))
    services.organisation_create(
        actor=None, name="Bylarm", kind="festival", country="NO", summary="En festival."
    )
    assert "Bylarm" in text(fresh(LIST))


def test_a_filter_is_a_page_of_its_own_that_follows_a_change():
    organisation = OrganisationFactory(name="Lydhuset", kind="label")
    url = LIST + "?kind=venue&country=NO"
    assert "Lydhuset" not in text(stored(url))
    assert get(LIST + "?country=NO&kind=venue")[1] == "hit"
    organisation.kind = "venue"
    services.organisation_save(actor=None, organisation=organisation)
    assert "Lydhuset" in text(fresh(url))


def test_an_organisations_page_follows_an_edit_through_the_service():
    organisation = OrganisationFactory(name="Lydhuset")
    url = organisation.get_absolute_url()
    assert "Et plateselskap." in text(stored(url))
    organisation.summary = "Et plateselskap i Bergen."
    services.organisation_save(actor=None, organisation=organisation)
    assert "Et plateselskap i Bergen." in text(fresh(url))


def test_an_organisations_page_follows_its_sections_in_other_apps():
    organisation = OrganisationFactory(name="Lydhuset")
    url = organisation.get_absolute_url()
    stored(url)
    make_event(title="Lydhusets vårslipp", organisers=[organisation])
    assert "Lydhusets vårslipp" in text(fresh(url))  # events
    assert get(url)[1] == "hit"
    needs_and_offers(organisation, offers=["booking"])
    assert "network-section-heading" in text(fresh(url))  # network


def test_an_organisations_page_follows_its_listed_people():
    organisation = OrganisationFactory(name="Lydhuset")
    person = UserFactory(name="Kari Nordmann", is_listed=True)
    MembershipFactory(user=person, organisation=organisation)
    url = organisation.get_absolute_url()
    assert "Kari Nordmann" in text(stored(url))
    services.user_update_profile(user=person, name="Kari Vestrheim")
    assert "Kari Vestrheim" in text(fresh(url))


def test_an_organisations_page_follows_an_edit_in_the_admin(client, hub_admin):
    organisation = OrganisationFactory(name="Lydhuset")
    url = organisation.get_absolute_url()
    client.force_login(hub_admin)
    assert "Lydhuset" in text(stored(url))
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
    assert "Lydhuset Vest" in text(fresh(LIST))


def test_signed_in_members_share_the_pages_with_their_own_account_part(client):
    organisation = OrganisationFactory(name="Lydhuset")
    MembershipFactory(organisation=organisation, role="admin", user=UserFactory())
    client.force_login(UserFactory())
    for url in (LIST, organisation.get_absolute_url()):
        stored(url)
        assert "Lydhuset" in text(shared_with(client, url))


def test_the_organisation_page_depends_on_every_app_that_shows_a_section_on_it():
    sections = {section.name for section in registry._registry.organisation_sections.values()}
    assert sections <= set(views.organisation_detail.page_cache.depends)
