"""The question page in the anonymous page cache (core.pagecache): an answered question is kept,
a change to the knowledge bank or the answer finder shows on the next request, and a question
without a good answer is rendered (and noted for the editors) every time."""

import pytest
from django.test import Client

from samspill.answers import services
from samspill.answers.models import UnansweredQuestion
from samspill.core import pagecache
from tests.core.factories import UserFactory
from tests.core.pagecache_checks import member_copy_matches_their_own
from tests.knowledge import factories

pytestmark = pytest.mark.django_db

ANSWERED = "/sporsmal/?q=Hvordan+beregnes+sykepengene+når+jeg+er+både+ansatt+og+selvstendig%3F"
UNANSWERED = "/sporsmal/?q=Hvordan+søker+jeg+om+pizzastøtte%3F"


@pytest.fixture
def article(home_page, organisation):
    topic = factories.topic_page(factories.index_page(home_page))
    return factories.article_page(topic, organisation)


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode(), response.headers.get(pagecache.HEADER)


def test_an_answer_changed_in_the_knowledge_bank_shows_on_the_next_request(page_cache, article):
    _html, outcome = _get(Client(), ANSWERED)
    assert outcome == "miss"
    html, outcome = _get(Client(), ANSWERED)
    assert outcome == "hit"
    assert "reglene for arbeidstakere" in html

    body = [dict(block) for block in factories.ARTICLE_BODY]
    body[2] = factories.text("<p>Sykepengene beregnes etter reglene for frilansere.</p>")
    article.body = factories.body_json(*body)
    factories.publish(article)  # the answer index is updated when the revision is committed
    html, outcome = _get(Client(), ANSWERED)
    assert outcome == "miss"
    assert "reglene for frilansere" in html


def test_a_synonym_saved_through_the_service_empties_the_page(page_cache, article):
    from samspill.answers.models import Synonym

    _get(Client(), ANSWERED)
    assert _get(Client(), ANSWERED)[1] == "hit"
    services.synonym_save(synonym=Synonym(terms="mva, moms"))
    assert _get(Client(), ANSWERED)[1] == "miss"


def test_a_question_without_a_good_answer_is_noted_each_time(page_cache, article):
    _get(Client(), ANSWERED)
    for _ in range(2):
        _html, outcome = _get(Client(), UNANSWERED)
        assert outcome == "bypass"
    assert UnansweredQuestion.objects.get().count == 2
    # Noting it changes no page: the answered question's page is still kept.
    assert _get(Client(), ANSWERED)[1] == "hit"


def test_a_member_gets_the_visitors_copy_as_their_own_would_be(page_cache, article):
    member = Client()
    member.force_login(UserFactory())
    response = member_copy_matches_their_own(page_cache, member, ANSWERED)
    assert b"reglene for arbeidstakere" in response.content
