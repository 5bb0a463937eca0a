"""News in the open API: /api/v1/news (filters, pagination, bounded queries) and /api/v1/news/{id}."""

import pytest

from tests.core.factories import OrganisationFactory, make_image
from tests.knowledge import factories as knowledge
from tests.news import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return factories.index_page(home_page)


@pytest.fixture
def topic(home_page):
    return knowledge.topic_page(knowledge.index_page(home_page), "Turné")


def test_list_shape_filters_and_only_published(client, index, organisation, topic):
    news = factories.news_page(index, organisation, topics=[topic])
    factories.news_page(index, organisation, "Utkast", live=False)
    factories.news_page(index, OrganisationFactory(slug="annen"), "Resultat", category_key="result")
    body = client.get("/api/v1/news").json()
    assert body["count"] == 2
    item = next(i for i in body["items"] if i["id"] == news.pk)
    assert item["category"] == "call"
    assert item["organisation"]["slug"] == organisation.slug
    assert item["topics"][0]["slug"] == topic.slug
    assert item["url"].endswith(news.url)
    assert item["language"] == "nb"
    assert [
        i["title"] for i in client.get("/api/v1/news", {"category": "result"}).json()["items"]
    ] == ["Resultat"]
    assert client.get("/api/v1/news", {"organisation": "annen"}).json()["count"] == 1
    assert client.get("/api/v1/news", {"topic": topic.slug}).json()["count"] == 1
    assert client.get("/api/v1/news", {"category": "nope"}).status_code == 422
    assert client.get("/api/v1/news", {"limit": 1}).json()["items"][0]["title"] == "Resultat"


def test_list_queries_are_bounded(client, index, organisation, topic, media, queries):
    factories.news_page(index, organisation, "En", topics=[topic], image=make_image())
    client.get("/api/v1/news")
    few = queries.count(lambda: client.get("/api/v1/news"))
    for n in range(6):
        factories.news_page(
            index, OrganisationFactory(), f"Flere {n}", topics=[topic], image=make_image()
        )
    client.get("/api/v1/news")
    assert queries.count(lambda: client.get("/api/v1/news")) == few


def test_detail_and_unpublished_is_404(client, index, organisation, queries):
    news = factories.news_page(index, organisation)
    draft = factories.news_page(index, organisation, "Utkast", live=False)
    response = client.get(f"/api/v1/news/{news.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == news.title
    assert body["sections"][0]["heading"] == "Hvem kan søke"
    assert client.get(f"/api/v1/news/{draft.pk}").status_code == 404
    assert client.get("/api/v1/news/999999").json()["error"]["code"] == "not_found"
    with queries(at_most=12):
        client.get(f"/api/v1/news/{news.pk}")


def test_an_id_beyond_any_integer_is_a_422_not_a_crash(client):
    response = client.get("/api/v1/news/4577416054649363370082304")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
