"""News in a real browser: axe-core on the news list (filtered too), the archive, news items in
bokmål and Danish and the list under /en/; the filters work without JavaScript and with htmx.

`news_hub` builds the core demo, the knowledge bank (the topics news are about), the events and
projects (Musikmetropolen, whose Danish news are there) and the news demo.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_snapshot
from tests.e2e.test_accessibility import assert_accessible
from tests.e2e.test_knowledge import Findings

LIST = "/nyheter/"


@pytest.fixture
def news_hub(hub):
    from samspill.demo import events as events_demo
    from samspill.demo import knowledge as knowledge_demo
    from samspill.demo import news as demo
    from samspill.demo import projects as projects_demo

    def build():
        knowledge_demo.build()
        events_demo.build()
        projects_demo.build()
        demo.build()

    demo_snapshot("core+knowledge+events+projects+news", build)
    return hub


def test_news_pages_have_no_axe_violations(news_hub, page):
    from samspill.news.models import NewsPage

    findings = Findings()

    def accessible(path: str, what: str) -> None:
        with findings.check(f"{what} ({path})"):
            assert_accessible(page, path)

    pictured = NewsPage.objects.live().filter(image__isnull=False, content_language="nb").first()
    danish = NewsPage.objects.live().filter(content_language="da").first()
    year = pictured.first_published_at.year
    month = pictured.first_published_at.month
    accessible(LIST, "the news list")
    accessible(LIST + "?category=call", "the news list, filtered")
    accessible(LIST + "?category=call&organisation=ingen", "the news list, nothing found")
    accessible(f"{LIST}arkiv/{year}/", "the archive of a year")
    accessible(f"{LIST}arkiv/{year}/{month}/", "the archive of a month")
    accessible(pictured.url, "a news item with a picture")
    accessible(danish.url, "a Danish news item")
    accessible("/en/nyheter/", "the news list in English")
    accessible("/", "the home page with its news")
    findings.assert_none()


def _count(page) -> int:
    text = page.locator("#news-results [data-result-count]").inner_text()
    return int(re.search(r"\d+", text).group(0))


def test_news_filter_works_without_javascript(new_page, news_hub):
    page = new_page(java_script_enabled=False)
    page.goto(LIST)
    total = _count(page)
    page.locator("select[name=category]").select_option("result")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"category=result"))
    filtered = _count(page)
    assert 0 < filtered < total
    expect(page.locator("#news-results .card")).to_have_count(filtered)


def test_news_filter_with_javascript_swaps_only_the_results(page, news_hub):
    page.goto(LIST)
    page.wait_for_function("() => window.htmx !== undefined")
    total = _count(page)
    page.locator("select[name=category]").select_option("call")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"category=call"))
    expect(page.locator("#news-results [data-result-count]")).not_to_contain_text(f"{total} ")
    assert 0 < _count(page) < total
    expect(page.locator("h1")).to_have_count(1)
