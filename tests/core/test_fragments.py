"""Cards and home page figures kept between requests (core.fragments, issue 16): a page seen
before costs fewer queries, and a write through a service (or any other path) shows on the next
request, as does time alone (an event that ends)."""

import datetime
import re

import pytest
from django.utils import timezone

from samspill.core import fragments, services
from samspill.core.models import Organisation
from tests.core.factories import OrganisationFactory
from tests.events.factories import EventFactory
from tests.projects.factories import make_programme, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _signed_in(home_page, client, user):
    """Signed in: the anonymous page cache (core.pagecache) would answer before any of this."""
    client.force_login(user)


def html(client, url, **params) -> str:
    """The page, its CSRF tokens (new for each response) left out."""
    response = client.get(url, params)
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


@pytest.mark.parametrize("url", ["/organisasjoner/", "/nettverk/"])
def test_organisation_cards_are_kept_until_the_organisation_changes(client, queries, url):
    organisation = OrganisationFactory(name="Lydhuset", summary="Øvingsrom og studio.")
    OrganisationFactory.create_batch(5)
    first = html(client, url)
    cold = queries.count(lambda: (fragments.clear(), client.get(url)))
    warm = queries.count(lambda: client.get(url))
    assert warm < cold
    assert html(client, url) == first

    organisation.name = "Lydhuset Vest"
    services.organisation_save(actor=None, organisation=organisation)
    assert "Lydhuset Vest" in html(client, url)
    # Any other path too: a bulk update.
    Organisation.objects.filter(pk=organisation.pk).update(summary="Nå med konsertsal.")
    assert "Nå med konsertsal." in html(client, url)


def test_a_kept_page_is_the_same_page_whatever_is_kept(client):
    OrganisationFactory.create_batch(30)
    pages = [html(client, "/nettverk/", page=n) for n in (1, 2)]
    fragments.clear()
    html(client, "/nettverk/", page=2)  # page 2 kept, page 1 not
    assert [html(client, "/nettverk/", page=n) for n in (1, 2)] == pages


def test_project_cards_are_kept_until_the_project_or_its_lead_changes(client, queries):
    programme = make_programme()
    project = make_project(programme, title="Sangskrivercamp")
    make_project(programme, title="Lydbølge")
    first = html(client, "/prosjekter/")
    assert html(client, "/prosjekter/") == first
    project.lead_organisation.name = "Ny leder AS"
    services.organisation_save(actor=None, organisation=project.lead_organisation)
    assert "Ny leder AS" in html(client, "/prosjekter/")
    type(project).objects.filter(pk=project.pk).update(title="Sangskriverleir")
    page = html(client, "/prosjekter/")
    assert "Sangskriverleir</a>" in page and "Sangskrivercamp</a>" not in page


def test_home_statistics_are_counted_once_and_follow_writes(client, queries):
    OrganisationFactory.create_batch(3)
    html(client, "/")
    with queries() as captured:
        page = html(client, "/")
    counted = [
        q
        for q in captured.captured_queries
        if "COUNT(" in q["sql"].upper() and "core_notification" not in q["sql"]
    ]  # (the header's unread count is the signed-in person's own, one query)
    assert not counted
    assert organisations_figure(page) == 3
    OrganisationFactory()
    assert organisations_figure(html(client, "/")) == 4


def organisations_figure(page: str) -> int:
    return int(re.search(r"<strong>(\d+)</strong> organisasjon", page).group(1))


def test_the_home_events_section_drops_an_event_that_has_ended(client, monkeypatch):
    now = timezone.now()
    EventFactory(
        title="Snart slutt",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(minutes=30),
    )
    EventFactory(title="Neste uke")
    page = html(client, "/")
    assert "Snart slutt" in page and "Neste uke" in page
    later = now + datetime.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    page = html(client, "/")  # nothing written: time alone
    assert "Snart slutt" not in page and "Neste uke" in page
