"""The header's question box on the demo hub: the issue's three questions that used to find nothing
or the wrong thing, and hidden things that stay hidden. Building the whole demo takes a while, so
one test checks them all."""

import pytest
from zeal import zeal_ignore

from samspill.answers import hub
from samspill.demo import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(home_page, django_capture_on_commit_callbacks):
    with zeal_ignore(), django_capture_on_commit_callbacks(execute=True):
        builders.build()


def test_names_find_what_they_name_on_the_demo_hub(demo, client):
    from samspill.core.models import User

    havnescenen = hub.search_hub("Havnescenen", language="nb")
    assert (havnescenen.best.kind, havnescenen.best.title) == ("organisation", "Havnescenen")
    assert havnescenen.groups[0].kind == "organisation"

    popkorn = hub.search_hub("Popkorn Nordic", language="nb")
    assert (popkorn.best.kind, popkorn.best.title) == ("project", "Popkorn Nordic")

    webinar = hub.search_hub("webinar utgivelse", language="nb")
    events = next(group for group in webinar.groups if group.kind == "event")
    assert any("webinar" in answer.title.lower() for answer in events.results)

    # The page and the API say the same.
    html = client.get("/sok/", {"q": "Popkorn Nordic"}).content.decode()
    assert html.index('id="best-heading"') < html.index("Popkorn Nordic</a>")
    body = client.get("/api/v1/search", {"q": "Havnescenen"}).json()
    assert body["best"]["kind"] == "organisation" and body["best"]["name_match"] is True

    # A person who is not listed is found neither by name nor by words.
    hidden = [user for user in User.objects.filter(is_listed=False) if user.name][:3]
    assert hidden, "the demo has people who are not listed"
    for user in hidden:
        result = hub.search_hub(user.name, language="nb")
        assert user.name not in [a.title for g in result.groups for a in g.results]
