"""A fresh hub (migrate, then `samspill setup`, no demo) serves every public page: the walk
follows every link an anonymous visitor sees in each language, and each list page says that
there is nothing yet and what to do."""

import io

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.utils import translation
from wagtail.models import Page

from samspill.knowledge.models import KnowledgeIndexPage
from tests.walk.crawler import LANGUAGE_PREFIX, Rules, Walk

pytestmark = pytest.mark.django_db

ADMIN = "admin@example.org"

# Each list page, and what it says while the hub is empty (in English).
EMPTY_STATES = {
    "/kunnskap/": "No topics yet: the editors of the hub's organisations add topics",
    "/arrangementer/": "No events yet: organisers add their events in the admin",
    "/arrangementer/?when=past": "No past events yet.",
    "/sporreundersokelser/": "No surveys yet: editors create them in the admin",
    "/prosjekter/": "No projects yet.",
    "/ideer/": "No ideas yet.",
    "/nettverk/?vis=personer": "Nobody is listed yet",
}


@pytest.fixture
def fresh_hub():
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command(
            "setup",
            name="Musikkhuben",
            url="https://hub.example.org",
            admin_email=ADMIN,
            admin_password="et-langt-passord-9",
            interactive=False,
            stdout=io.StringIO(),
        )


def _page_types() -> dict[str, str]:
    types = {}
    for page in Page.objects.select_related("content_type").exclude(depth=1):
        types[str(page.pk)] = page.content_type.model
        url = page.get_url()
        if url:
            types[LANGUAGE_PREFIX.sub("/", url)] = page.content_type.model
    return types


def test_every_public_page_of_a_fresh_hub_answers(client, fresh_hub, settings):
    start = ["/"] + [f"/{code}/" for code, _name in settings.LANGUAGES if code != "nb"]
    walk = Walk(
        client,
        name="fresh hub",
        rules=Rules(secrets={"Welcome to your new Wagtail site": "Wagtail's placeholder"}),
        page_types=_page_types(),
        max_urls=250,
    ).run(start)
    print(walk.summary())
    assert walk.findings == [], "\n".join(map(str, walk.findings))
    assert walk.not_found == []
    paths = {url.split("?")[0] for url, _status in walk.visited}
    for path in ("/kunnskap/", "/arrangementer/", "/nettverk/", "/prosjekter/", "/ideer/"):
        assert path in paths
    assert walk.statuses[200] >= 20
    # The walk visits a few pages of each type; every page of the skeleton answers, too.
    for page in Page.objects.live().exclude(depth=1).specific():
        with translation.override(page.locale.language_code):
            url = page.url
        response = client.get(url)
        assert response.status_code == 200, url
        assert page.title in response.content.decode(), url


def test_each_list_page_says_there_is_nothing_yet(client, fresh_hub):
    for url, text in EMPTY_STATES.items():
        response = client.get("/en" + url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
    with translation.override("nb"):
        html = client.get("/kunnskap/").content.decode()
    assert "Ingen temaer ennå" in html


def test_the_admin_opens_and_edits_the_skeleton(client, fresh_hub):
    from samspill.core.models import User

    client.force_login(User.objects.get(email=ADMIN))
    assert client.get("/admin/").status_code == 200
    index = KnowledgeIndexPage.objects.get(locale__language_code="nb")
    assert client.get(f"/admin/pages/{index.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{index.pk}/add_subpage/").status_code == 200
