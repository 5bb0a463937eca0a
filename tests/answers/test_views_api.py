"""The question page, "Did this help?", and GET /api/v1/answers."""

import pytest

from samspill.answers.models import Feedback, UnansweredQuestion
from tests.core.factories import OrganisationFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home_page, organisation):
    topic = factories.topic_page(factories.index_page(home_page))
    factories.faq_page(topic, organisation)
    return factories.article_page(topic, organisation, external_id="enk-og-ansatt")


def test_question_page_links_to_the_passage_and_marks_the_words(client, article):
    response = client.get("/sporsmal/", {"q": "Må jeg registrere ENK?"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{article.url}#ma-jeg-registrere-enk"' in html
    assert "Ja, i Enhetsregisteret" in html  # the passage itself, not the whole article
    marked = client.get("/sporsmal/", {"q": "sykepengene arbeidstakere"}).content.decode()
    assert "<mark>Sykepengene</mark>" in marked and "<mark>arbeidstakere</mark>" in marked
    assert "Did this help?" in html or "Hjalp dette?" in html


def test_an_empty_question_gets_a_clear_error(client, article):
    response = client.get("/sporsmal/", {"q": "   "})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.parametrize("field", ["audience", "topic"])
def test_an_unknown_filter_says_why_instead_of_an_empty_page(client, article, field):
    # A stale link (a topic since removed) must not look like "no results": the select's error
    # is shown, and the select points at it.
    response = client.get("/sporsmal/", {"q": "sykepenger", field: "no-such-thing"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'aria-describedby="id_{field}_error"' in html
    assert f'id="id_{field}_error"' in html
    htmx = client.get(
        "/sporsmal/",
        {"q": "sykepenger", field: "no-such-thing"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="answers",
    ).content.decode()
    assert 'role="alert"' in htmx


def test_htmx_gets_only_the_results(client, article):
    response = client.get(
        "/sporsmal/", {"q": "sykepenger"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="answers"
    )
    html = response.content.decode()
    assert "<html" not in html and "answer-list" in html


def test_unanswered_questions_are_counted_without_personal_data(client, article):
    for _ in range(2):
        client.get(
            "/sporsmal/",
            {"q": "Hvordan søker jeg om pizzastøtte? Ring 912 34 567 eller kari@example.org"},
        )
    row = UnansweredQuestion.objects.get()
    assert row.count == 2
    example = row.examples[0]
    assert "kari@example.org" not in example and "912 34 567" not in example
    assert "pizzastøtte" in example


def test_an_answered_question_is_not_logged(client, article):
    client.get(
        "/sporsmal/", {"q": "Hvordan beregnes sykepengene når jeg er både ansatt og selvstendig?"}
    )
    assert not UnansweredQuestion.objects.exists()


def test_feedback_is_recorded(client, article):
    response = client.post(
        "/sporsmal/tilbakemelding/",
        {"answer_id": "enk-og-ansatt", "q": "ENK?", "helpful": "yes", "next": "/sporsmal/?q=ENK"},
    )
    assert response.status_code == 302 and response["Location"] == "/sporsmal/?q=ENK"
    feedback = Feedback.objects.get()
    assert feedback.helpful and feedback.title == article.title


def test_feedback_by_htmx_and_unknown_article(client, article):
    response = client.post(
        "/sporsmal/tilbakemelding/",
        {"answer_id": "nope", "q": "x", "helpful": "no"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and 'role="status"' in response.content.decode()
    assert not Feedback.objects.exists()


def test_question_page_queries_are_bounded(client, home_page, queries):
    topic = factories.topic_page(factories.index_page(home_page))
    factories.article_page(topic, OrganisationFactory(), title="Skatt en", external_id="a1")
    client.get("/sporsmal/", {"q": "skatt sykepenger"})
    few = queries.count(lambda: client.get("/sporsmal/", {"q": "skatt sykepenger"}))
    for n in range(6):
        factories.article_page(
            topic, OrganisationFactory(), title=f"Skatt {n}", external_id=f"b{n}"
        )
    client.get("/sporsmal/", {"q": "skatt sykepenger"})
    many = queries.count(lambda: client.get("/sporsmal/", {"q": "skatt sykepenger"}))
    assert many == few


@pytest.mark.parametrize("query", ["", "?q=", "?q=%20%20"])
def test_api_refuses_a_missing_question(client, article, query):
    response = client.get(f"/api/v1/answers{query}")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["details"][0]["field"] == "q"
    assert "q" in error["message"]


def test_api_answers_with_passages_best_first_one_per_article(client, article):
    body = client.get(
        "/api/v1/answers", {"q": "Må jeg registrere ENK?", "lang": "nb", "limit": 3}
    ).json()
    assert body["query"] == "Må jeg registrere ENK?" and isinstance(body["answered"], bool)
    first = body["results"][0]
    assert first["article_id"] == "enk-og-ansatt"
    assert first["url"].endswith(f"{article.url}#ma-jeg-registrere-enk")
    assert first["heading"] == "Må jeg registrere ENK?"
    assert "Enhetsregisteret" in first["passage"] and "<mark>" not in first["passage"]
    ids = [r["article_id"] for r in body["results"]]
    assert len(ids) == len(set(ids))
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_api_rejects_an_unknown_language(client, article):
    assert client.get("/api/v1/answers", {"q": "ENK", "lang": "xx"}).status_code == 422


def test_answers_endpoint_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/answers",
        "/api/v1/topics",
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/faq",
        "/api/v1/guides/{slug}",
    ]:
        assert path in paths


def test_results_below_the_answer_bar_are_offered_without_claiming_none_is_clear(
    client, article, monkeypatch
):
    """The bar for "answered" (search.is_answer) is a calibrated guess: below it the first result
    is often right. The page says these may answer the question, never that nothing clear was
    found above a result that answers it (issue 18)."""
    from samspill.answers import search

    question = "Hvordan beregnes sykepengene når jeg er både ansatt og selvstendig?"
    answered = client.get("/sporsmal/", {"q": question}).content.decode()
    assert "Beste svar" in answered and "klart svar" not in answered
    monkeypatch.setattr(search, "is_answer", lambda answer: False)
    html = client.get("/sporsmal/", {"q": question}).content.decode()
    assert article.url in html
    assert "klart svar" not in html
    assert "Disse kan svare på spørsmålet ditt" in html
    assert "Hvis ingen av disse svarer" in html
