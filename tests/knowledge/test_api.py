"""The knowledge bank in the open API: topics, articles, FAQ entries and guides."""

import pytest

from tests.core import factories as core_factories
from tests.core.factories import OrganisationFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page, organisation):
    core_factories.audiences()
    index = factories.index_page(home_page)
    topic = factories.topic_page(index)
    article = factories.article_page(
        topic, organisation, external_id="ext-42", audiences=["employee"]
    )
    plain = factories.article_page(topic, OrganisationFactory(slug="annen"), title="Uten import-id")
    faq = factories.faq_page(topic, organisation)
    guide = factories.guide_page(index, organisation)
    return {"topic": topic, "article": article, "plain": plain, "faq": faq, "guide": guide}


def test_topics(client, tree):
    body = client.get("/api/v1/topics").json()
    assert [t["slug"] for t in body] == ["skatt-og-status"]
    assert client.get("/api/v1/topics/skatt-og-status").json()["title"] == "Skatt og status"
    assert client.get("/api/v1/topics/finnes-ikke").status_code == 404


def test_articles_list_with_filters(client, tree):
    body = client.get("/api/v1/articles").json()
    ids = {a["id"] for a in body["items"]}
    assert ids == {"ext-42", f"article-{tree['plain'].translation_key}"}
    first = next(a for a in body["items"] if a["id"] == "ext-42")
    assert first["topic"] == "skatt-og-status" and first["organisation"]["slug"] == "lydhuset"
    assert first["audiences"] == ["employee"] and first["last_reviewed"]
    assert [a["id"] for a in client.get("/api/v1/articles?audience=employee").json()["items"]] == [
        "ext-42"
    ]
    assert [a["id"] for a in client.get("/api/v1/articles?organisation=annen").json()["items"]] == [
        f"article-{tree['plain'].translation_key}"
    ]
    assert client.get("/api/v1/articles?topic=finnes-ikke").json()["items"] == []


def test_article_detail_by_import_id_and_stable_id(client, tree):
    body = client.get("/api/v1/articles/ext-42").json()
    assert [s["anchor"] for s in body["sections"]][:2] == ["", "sykepenger-nar-du-er-begge-deler"]
    plain_id = f"article-{tree['plain'].translation_key}"
    assert client.get(f"/api/v1/articles/{plain_id}").json()["title"] == "Uten import-id"
    assert client.get("/api/v1/articles/ukjent").status_code == 404


def test_faq_and_guides(client, tree):
    faq = client.get("/api/v1/faq").json()["items"][0]
    assert faq["question"] == tree["faq"].title and "50 000" in faq["answer"]
    assert client.get(f"/api/v1/faq/{faq['id']}").json()["id"] == faq["id"]
    guides = client.get("/api/v1/guides").json()
    assert [g["title"] for g in guides] == [tree["guide"].title]
    steps = client.get(f"/api/v1/guides/{tree['guide'].slug}").json()["steps"]
    assert steps[0] == {
        "key": "start",
        "kind": "question",
        "question": "Hvordan jobber du?",
        "options": [
            {"label": "Bare ansatt", "next": "ansatt"},
            {"label": "Både og", "next": "hvor-mye"},
        ],
        "title": None,
        "checklist": None,
        "pages": None,
    }
    assert steps[-1]["checklist"] == ["Registrer ENK", "Sett av til skatt"]


def test_article_list_queries_do_not_grow(client, tree, queries):
    client.get("/api/v1/articles")
    few = queries.count(lambda: client.get("/api/v1/articles"))
    for n in range(5):
        factories.article_page(
            tree["topic"], OrganisationFactory(), title=f"Flere {n}", audiences=["employee"]
        )
    assert queries.count(lambda: client.get("/api/v1/articles")) == few


@pytest.fixture
def translated_topic(tree):
    from wagtail.models import Locale

    english = tree["topic"].copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english.title = "Tax and status"
    return factories.publish(english)


def test_a_topic_in_several_languages_is_found_in_each_and_falls_back_to_the_default(
    client, translated_topic
):
    assert client.get("/api/v1/topics/skatt-og-status").json()["language"] == "nb"
    english = client.get("/api/v1/topics/skatt-og-status", {"language": "en"}).json()
    assert english["title"] == "Tax and status"
    danish = client.get("/api/v1/topics/skatt-og-status", {"language": "da"})
    assert danish.status_code == 200
    assert danish.json()["language"] == "nb"
    assert len(client.get("/api/v1/topics").json()) == 2
    assert len(client.get("/api/v1/topics", {"language": "en"}).json()) == 1


def test_an_unknown_topic_language_is_refused(client, translated_topic):
    response = client.get("/api/v1/topics/skatt-og-status", {"language": "xx"})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "language"
