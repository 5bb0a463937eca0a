"""The knowledge bank's public pages: index, topic (with feeds), article, FAQ entry, guide."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from samspill.knowledge.models import GuidePage
from tests.core.factories import OrganisationFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page, organisation):
    index = factories.index_page(home_page)
    topic = factories.topic_page(index)
    article = factories.article_page(topic, organisation)
    faq = factories.faq_page(topic, organisation)
    guide = factories.guide_page(index, organisation)
    return {"index": index, "topic": topic, "article": article, "faq": faq, "guide": guide}


def test_article_shows_sections_with_anchors_and_dates(client, tree):
    response = client.get(tree["article"].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="sykepenger-nar-du-er-begge-deler"' in html
    assert 'id="ma-jeg-registrere-enk"' in html  # the Q&A block has its own anchor
    assert 'href="#merverdiavgift-for-konserter"' in html  # table of contents
    assert "Sist oppdatert" in html and "Sist kontrollert" in html
    assert tree["article"].organisation.name in html


def test_video_loads_nothing_from_the_video_site_before_a_click(client, tree):
    html = client.get(tree["article"].url).content.decode()
    assert "<iframe" not in html
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1"' in html
    # Nothing on the page is fetched from another origin.
    for attribute in re.findall(r'\ssrc="([^"]+)"', html):
        assert attribute.startswith("/"), attribute


def test_overdue_content_says_so(client, tree, organisation):
    old = factories.article_page(
        tree["topic"], organisation, title="Gammel artikkel", reviewed=datetime.date(2020, 1, 1)
    )
    assert old.is_review_overdue
    assert "til kontroll" in client.get(old.url).content.decode()
    assert not tree["article"].is_review_overdue


def test_topic_lists_articles_and_faq_with_bounded_queries(client, tree, organisation, queries):
    url = tree["topic"].url
    client.get(url)  # warm caches
    few = queries.count(lambda: client.get(url))
    for n in range(6):
        factories.article_page(tree["topic"], OrganisationFactory(), title=f"Artikkel {n}")
    client.get(url)  # the writes made the per-process memos read again once
    many = queries.count(lambda: client.get(url))
    assert many == few
    html = client.get(url).content.decode()
    assert "Artikkel 5" in html and tree["faq"].title in html


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_topic_feeds_parse(client, tree, kind):
    response = client.get(f"{tree['topic'].url}feed/{kind}/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    text = ET.tostring(root, encoding="unicode")
    assert tree["article"].title in text and tree["faq"].title in text


def test_index_lists_topics_and_guides(client, tree):
    html = client.get(tree["index"].url).content.decode()
    assert tree["topic"].title in html and tree["guide"].title in html


def test_faq_page(client, tree):
    html = client.get(tree["faq"].url).content.decode()
    assert "50 000 kroner" in html and "Sist kontrollert" in html


def test_guide_walks_step_by_step_with_get_forms(client, tree):
    url = tree["guide"].url
    first = client.get(url).content.decode()
    assert "Hvordan jobber du?" in first and 'method="get"' in first
    second = client.get(url, {"svar": "1"}).content.decode()
    assert "Tjener du mest som selvstendig?" in second
    assert 'name="svar" value="1"' in second  # the answer so far travels along
    result = client.get(f"{url}?svar=1&svar=0").content.decode()
    assert "Du er begge deler" in result and "Registrer ENK" in result and "Altinn" in result
    assert "svar=1" in result  # "back one step" keeps the first answer


@pytest.mark.parametrize("answers", ["9", "x", "0&svar=0"])
def test_guide_rejects_answers_that_lead_nowhere(client, tree, answers):
    assert client.get(f"{tree['guide'].url}?svar={answers}").status_code == 404


def _steps(*steps):
    from samspill.knowledge.blocks import GuideStepsBlock

    return GuideStepsBlock().to_python(list(steps))


def _question(key, *nexts):
    return {
        "type": "question",
        "value": {
            "key": key,
            "question": "?",
            "help": "",
            "options": [{"label": n, "next": n} for n in nexts],
        },
    }


def _result(key):
    return {
        "type": "result",
        "value": {"key": key, "title": key, "text": "", "checklist": [], "pages": [], "links": []},
    }


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ((_question("start", "a", "missing"), _result("a")), "does not exist"),
        ((_question("start", "b", "a"), _question("b", "start", "a"), _result("a")), "loop"),
        ((_question("start", "a", "a"), _result("a"), _result("orphan")), "No option leads"),
        ((_result("a"),), "first step"),
    ],
)
def test_guide_refuses_broken_paths(tree, steps, message):
    guide = GuidePage.objects.get(pk=tree["guide"].pk)
    guide.steps = _steps(*steps)
    with translation.override("en"), pytest.raises(ValidationError, match=message):
        guide.full_clean()


def test_home_page_shows_the_knowledge_bank_and_question_box(client, tree):
    html = client.get("/").content.decode()
    assert tree["index"].title in html and tree["topic"].title in html
    assert 'action="/sporsmal/"' in html


def test_navigation_links_to_the_knowledge_index_in_each_language(client, tree):
    html = client.get("/sporsmal/").content.decode()
    assert f'href="{tree["index"].url}"' in html
