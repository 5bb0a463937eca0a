""" "Did this help?" at the end of articles and FAQ entries (core's content footer, filled by the
answer finder): a vote without JavaScript, with htmx, from a page-cached copy, and bad input."""

import re

import pytest
from django.test import Client

from samspill.answers.models import Feedback
from samspill.core import pagecache
from tests.knowledge import factories

pytestmark = pytest.mark.django_db

FEEDBACK = "/sporsmal/tilbakemelding/"


@pytest.fixture
def topic(home_page):
    return factories.topic_page(factories.index_page(home_page))


@pytest.fixture
def article(topic, organisation):
    return factories.article_page(topic, organisation, external_id="enk-og-ansatt")


def _form(html: str) -> str:
    start = html.index('class="content-feedback"')
    return html[start : html.index("</aside>", start)]


def test_articles_and_faq_entries_end_with_did_this_help(client, topic, article, organisation):
    faq = factories.faq_page(topic, organisation)
    for page, answer_id in ((article, "enk-og-ansatt"), (faq, faq.answer_id)):
        html = client.get(page.url).content.decode()
        form = _form(html)
        assert f'name="answer_id" value="{answer_id}"' in form
        assert 'action="/sporsmal/tilbakemelding/"' in form and 'hx-post="' in form
        assert 'name="helpful" value="yes"' in form and 'name="helpful" value="no"' in form
        assert 'name="q"' not in form  # no question: the vote is on the content itself
        assert html.index("</article>") > html.index('class="content-feedback"')


def test_a_vote_without_javascript_goes_back_to_the_page_with_thanks(client, article):
    response = client.post(
        FEEDBACK, {"answer_id": "enk-og-ansatt", "helpful": "no", "next": article.url}
    )
    assert response.status_code == 302 and response["Location"] == article.url
    vote = Feedback.objects.get()
    assert (vote.answer_id, vote.helpful, vote.question, vote.passage) == (
        "enk-og-ansatt",
        False,
        "",
        None,
    )
    assert vote.title == article.title
    html = client.get(article.url).content.decode()
    assert "Svaret ditt hjelper redaktørene" in html


def test_an_htmx_vote_is_replaced_by_the_thanks(client, article):
    response = client.post(
        FEEDBACK, {"answer_id": "enk-og-ansatt", "helpful": "yes"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="status"' in html and "<form" not in html
    assert Feedback.objects.get().helpful


@pytest.mark.parametrize(
    "data",
    [
        {"answer_id": "finnes-ikke", "helpful": "no"},
        {"answer_id": "enk-og-ansatt", "helpful": "kanskje"},
        {"answer_id": "", "helpful": "yes"},
        {"answer_id": "enk-og-ansatt", "helpful": "yes", "passage": "-3"},
        {"answer_id": "x" * 400, "helpful": "yes"},
    ],
)
def test_bad_votes_get_a_clear_message_and_no_row(client, article, data):
    response = client.post(FEEDBACK, {**data, "next": article.url})
    assert response.status_code == 302 and response["Location"] == article.url
    html = client.get(article.url).content.decode()
    assert "finnes ikke i indeksen" in html or "Vi klarte ikke å lagre" in html
    response = client.post(FEEDBACK, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'role="status"' in response.content.decode()
    assert not Feedback.objects.exists()


def test_an_unknown_answer_says_so(client, article):
    response = client.post(
        FEEDBACK, {"answer_id": "finnes-ikke", "helpful": "no"}, HTTP_HX_REQUEST="true"
    )
    assert "finnes ikke i indeksen" in response.content.decode()


def _fields(form: str) -> dict:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def test_a_vote_from_a_page_cached_copy_works_and_the_page_sets_no_cookie(page_cache, article):
    first = Client(enforce_csrf_checks=True)
    response = first.get(article.url)
    assert response.headers[pagecache.HEADER] == "miss"
    # No CSRF token, so no cookie: proxies keep one copy of the article for every visitor.
    assert response["Cache-Control"] == "public, no-cache" and not response.cookies
    for n, headers in enumerate(
        ({"HTTP_SEC_FETCH_SITE": "same-origin"}, {"HTTP_ORIGIN": "http://testserver"}, {})
    ):
        visitor = Client(enforce_csrf_checks=True)
        response = visitor.get(article.url)
        assert response.headers[pagecache.HEADER] == "hit"  # the cached copy
        form = _form(response.content.decode())
        assert "csrfmiddlewaretoken" not in form
        response = visitor.post(FEEDBACK, {**_fields(form), "helpful": "yes"}, **headers)
        assert response.status_code == 302 and response["Location"] == article.url
        assert Feedback.objects.count() == n + 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": "https://testserver"},  # another scheme
    ],
)
def test_a_vote_posted_from_another_site_is_refused(client, article, headers):
    response = client.post(FEEDBACK, {"answer_id": "enk-og-ansatt", "helpful": "no"}, **headers)
    assert response.status_code == 403
    assert not Feedback.objects.exists()
