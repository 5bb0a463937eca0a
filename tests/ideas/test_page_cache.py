"""Ideas' public pages in the anonymous page cache (core.pagecache): the list and an idea's page
are kept for visitors, support, comments and status changes through the services (or the admin)
show on the next request, and members always get their own buttons."""

import pytest
from django.utils import translation

from samspill.ideas import services, views
from tests.core.factories import UserFactory
from tests.core.pagecache_checks import fresh, get, stored, text
from tests.ideas.factories import make_idea
from tests.projects.factories import make_programme
from tests.projects.test_admin import login

pytestmark = pytest.mark.django_db

# In English, to read the counts in the source strings.
LIST = "/en/ideer/"


@pytest.fixture(autouse=True)
def _site(home_page, page_cache):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


@pytest.fixture
def programme():
    return make_programme()


def page(idea) -> str:
    return f"/en/ideer/{idea.pk}/"


def test_the_list_follows_an_idea_proposed_and_supported_through_the_services(programme):
    idea = make_idea(programme, title="Fremtidens musikskoler")
    assert "0 supporters" in text(stored(LIST))
    services.idea_support(user=UserFactory(), idea=idea)
    assert "1 supporter" in text(fresh(LIST))
    make_idea(programme, title="Øvingsrom i hver bydel")
    assert "Øvingsrom i hver bydel" in text(fresh(LIST))


def test_a_filtered_list_is_a_page_of_its_own(programme):
    make_idea(programme, title="Fremtidens musikskoler")
    url = LIST + "?sort=new&status=proposed"
    assert "Fremtidens musikskoler" in text(stored(url))
    assert get(LIST + "?status=proposed&sort=new")[1] == "hit"
    assert get(LIST + "?status=accepted&sort=new")[1] == "miss"


def test_an_ideas_page_follows_support_and_comments_through_the_services(programme):
    idea = make_idea(programme)
    url = page(idea)
    assert "0 supporters" in text(stored(url))
    supporter = UserFactory(name="Kari Nordmann", is_listed=True)
    services.idea_support(user=supporter, idea=idea)
    html = text(fresh(url))
    assert "1 supporter" in html
    assert "Kari Nordmann" in html
    services.comment_add(user=supporter, idea=idea, body="Dette trenger vi i Bergen.")
    assert "Dette trenger vi i Bergen." in text(fresh(url))


def test_an_ideas_page_follows_a_status_set_in_the_admin(client, hub_admin, programme):
    idea = make_idea(programme)
    url = page(idea)
    login(client, hub_admin)
    stored(url)
    response = client.post(
        f"/admin/ideas/edit/{idea.pk}/", {"status": "declined", "reason": "Ikke nå."}
    )
    assert response.status_code == 302
    html = text(fresh(url))
    assert "Ikke nå." in html
    assert "This idea is declined, so it cannot be supported." in html


def test_a_hidden_idea_is_gone_for_visitors_on_the_next_request(programme, hub_admin):
    idea = make_idea(programme)
    url = page(idea)
    stored(url)
    services.idea_hide(actor=hub_admin, idea=idea)
    response, outcome = get(url)
    assert (response.status_code, outcome) == (404, "bypass")


def test_members_get_their_own_buttons_and_visitors_the_log_in_link(client, programme):
    idea = make_idea(programme)
    member = UserFactory()
    services.idea_support(user=member, idea=idea)
    client.force_login(member)
    visitors = text(stored(page(idea)))
    assert "Log in to support this idea" in visitors
    response, outcome = get(page(idea), client)
    assert outcome == "bypass"
    assert "Withdraw my support" in text(response)
    response, outcome = get(LIST, client)
    assert outcome == "bypass"
    assert "You support it" in text(response)
    assert "You support it" not in text(stored(LIST))


def test_the_policies():
    """Never shared: a member's list marks what they support; their page has their buttons."""
    assert not views.idea_list.page_cache.members_share
    assert not views.idea_detail.page_cache.members_share
