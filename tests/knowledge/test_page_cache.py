"""The home page and the knowledge bank's pages (Wagtail pages: cached through `wagtail_serve`,
depending on every namespace, shared with members) in the anonymous page cache: kept for
visitors, and a revision published, by a service or in the Wagtail admin, shows on the next
request."""

import pytest
from django.test import Client
from wagtail.test.utils.form_data import querydict_from_html

from samspill.core import pagecache
from tests.core.factories import UserFactory
from tests.core.pagecache_checks import member_copy_matches_their_own
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page, organisation):
    index = factories.index_page(home_page)
    topic = factories.topic_page(index)
    article = factories.article_page(topic, organisation)
    faq = factories.faq_page(topic, organisation)
    return {"home": home_page, "index": index, "topic": topic, "article": article, "faq": faq}


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode(), response.headers.get(pagecache.HEADER)


# (the page read, the page whose new title shows on it)
CHANGES = [
    ("home", "topic"),  # the home page's knowledge section lists the topics
    ("index", "topic"),
    ("topic", "article"),
    ("article", "article"),
    ("faq", "faq"),
]


@pytest.mark.parametrize(("read", "changed"), CHANGES)
def test_a_published_revision_shows_on_the_next_request(page_cache, tree, read, changed):
    url = tree[read].url
    _html, outcome = _get(Client(), url)
    assert outcome == "miss"
    html, outcome = _get(Client(), url)
    assert outcome == "hit"
    page = tree[changed]
    assert page.title in html

    page.title = "Et helt nytt navn"
    factories.publish(page)
    html, outcome = _get(Client(), url)
    assert outcome == "miss"
    assert "Et helt nytt navn" in html
    assert _get(Client(), url)[1] == "hit"


def test_a_topic_published_in_the_wagtail_admin_shows_on_the_next_request(
    page_cache, tree, hub_admin
):
    topic = tree["topic"]
    _get(Client(), topic.url)
    assert _get(Client(), topic.url)[1] == "hit"

    editor = Client()
    editor.force_login(hub_admin)
    edit_url = f"/admin/pages/{topic.pk}/edit/"
    form = querydict_from_html(editor.get(edit_url).content.decode(), form_id="page-edit-form")
    data = {key: form.getlist(key) for key in form}
    data["intro"] = ["Skatt, moms og status for musikere."]
    data["action-publish"] = ["action-publish"]
    response = editor.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    html, outcome = _get(Client(), topic.url)
    assert outcome == "miss"
    assert "Skatt, moms og status for musikere." in html


@pytest.mark.parametrize("read", ["index", "topic", "article", "faq"])
def test_a_member_gets_the_visitors_copy_as_their_own_would_be(page_cache, tree, read):
    """The knowledge bank's pages say members may share the visitors' copy: it is what the
    member's own rendering shows, but for the header's account part."""
    url = tree[read].url
    member = Client()
    member.force_login(UserFactory())
    member_copy_matches_their_own(page_cache, member, url)
