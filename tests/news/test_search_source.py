"""News in the hub's search: published news items, lead and sections, under the kind "news"."""

import pytest

from tests.answers.source_checks import assert_findable, committed, passages
from tests.news import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return factories.index_page(home_page)


def test_a_published_news_item_is_found_and_a_draft_is_not(index, organisation):
    with committed():
        page = factories.news_page(index, organisation, "Mentorprogram for låtskrivere")
        draft = factories.news_page(index, organisation, "Hemmelig nyhet", live=False)
    answer_id = page.answer_id
    assert_findable("Mentorprogram for låtskrivere", answer_id, "news")
    found = passages(answer_id)
    assert found[0].url == page.url and page.lead in found[0].text
    assert any(p.heading == "Hvem kan søke" and p.url.endswith("#hvem-kan-soke") for p in found)
    assert passages(draft.answer_id) == []


def test_unpublishing_removes_it(index, organisation):
    with committed():
        page = factories.news_page(index, organisation, "Snart borte")
    assert passages(page.answer_id)
    with committed():
        page.unpublish()
    assert passages(page.answer_id) == []


def test_text_before_the_first_heading_joins_the_lead(index, organisation):
    from samspill.news.models import NewsPage
    from tests.knowledge.factories import body_json, heading, text

    with committed():
        page = factories.news_page(index, organisation, "Uten overskrift først")
        NewsPage.objects.filter(pk=page.pk).update(
            body=body_json(text("<p>Innledning.</p>"), heading("Mer"), text("<p>Resten.</p>"))
        )
        page.refresh_from_db()
        factories.publish(page)
    found = passages(page.answer_id)
    assert [p.anchor for p in found] == ["", "mer"]
    assert "Innledning." in found[0].text and page.lead in found[0].text
