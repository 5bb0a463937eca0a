"""News's public pages: the list with its filters and pages, the archive, the feeds per filter,
a news item's page with its schema.org data, and the sitemap."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from samspill.core.models import Audience
from tests.core.factories import OrganisationFactory, make_image
from tests.knowledge import factories as knowledge
from tests.news import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return factories.index_page(home_page)


@pytest.fixture
def topic(home_page):
    return knowledge.topic_page(knowledge.index_page(home_page), "Turné og konserter")


@pytest.fixture
def news(index, organisation, topic):
    return factories.news_page(
        index, organisation, topics=[topic], published_at=factories.at(2026, 3)
    )


def test_list_shows_published_news_newest_first(client, index, news, organisation):
    factories.news_page(index, organisation, "Nyere nyhet", published_at=factories.at(2026, 9))
    factories.news_page(index, organisation, "Utkast", live=False)
    html = client.get(index.url).content.decode()
    assert html.index("Nyere nyhet") < html.index(news.title)
    assert "Utkast" not in html
    assert 'type="application/rss+xml"' in html


def test_filters_narrow_the_list_and_bad_values_are_ignored(
    client, index, news, organisation, topic
):
    other = OrganisationFactory(name="Musikmetropolen", slug="musikmetropolen")
    factories.news_page(index, other, "Resultater fra kartleggingen", category_key="result")
    html = client.get(index.url, {"category": "result"}).content.decode()
    assert "Resultater fra kartleggingen" in html and news.title not in html
    html = client.get(index.url, {"topic": topic.slug}).content.decode()
    assert news.title in html and "Resultater fra kartleggingen" not in html
    html = client.get(index.url, {"organisation": "musikmetropolen"}).content.decode()
    assert "Resultater fra kartleggingen" in html and news.title not in html
    html = client.get(index.url, {"year": "2026"}).content.decode()
    assert news.title in html
    response = client.get(index.url, {"category": "nope", "year": "x", "municipality": "zz"})
    assert response.status_code == 200


def test_filter_by_audience_and_municipality(client, index, organisation):
    from samspill.core.models import Municipality

    audience = Audience.objects.create(slug="artister", name_nb="Artister")
    oslo = Municipality.objects.filter(country="NO").first()
    if oslo is None:
        pytest.skip("no municipalities loaded")
    factories.news_page(
        index, organisation, "For artister", audiences=[audience], municipalities=[oslo]
    )
    factories.news_page(index, organisation, "For alle")
    html = client.get(index.url, {"audience": "artister"}).content.decode()
    assert "For artister" in html and "For alle" not in html
    key = f"{oslo.country.lower()}-{oslo.code}"
    html = client.get(index.url, {"municipality": key}).content.decode()
    assert "For artister" in html and "For alle" not in html


def test_htmx_gets_only_the_results(client, index, news):
    response = client.get(index.url, headers={"HX-Request": "true", "HX-Target": "news-results"})
    html = response.content.decode()
    assert news.title in html and "<html" not in html
    assert "HX-Target" in response["Vary"]


def test_list_queries_do_not_grow(client, index, organisation, topic, media, queries):
    factories.news_page(index, organisation, "En", topics=[topic], image=make_image())
    client.get(index.url)
    few = queries.count(lambda: client.get(index.url))
    for n in range(8):
        factories.news_page(
            index, OrganisationFactory(), f"Nyhet {n}", topics=[topic], image=make_image()
        )
    client.get(index.url)
    many = queries.count(lambda: client.get(index.url))
    assert many == few
    assert "Nyhet 7" in client.get(index.url).content.decode()


def test_list_is_paginated(client, index, organisation):
    for n in range(21):
        factories.news_page(index, organisation, f"Nyhet {n}")
    html = client.get(index.url).content.decode()
    assert 'rel="next"' in html
    assert client.get(index.url, {"page": "2"}).status_code == 200
    assert client.get(index.url, {"page": "999"}).status_code == 200


def test_archive_by_year_and_month(client, index, news, organisation):
    factories.news_page(index, organisation, "Mai-nyhet", published_at=factories.at(2026, 5))
    factories.news_page(index, organisation, "Fjorårets", published_at=factories.at(2025, 5))
    html = client.get(f"{index.url}arkiv/2026/").content.decode()
    assert news.title in html and "Mai-nyhet" in html and "Fjorårets" not in html
    assert f"{index.url}arkiv/2026/3/" in html
    html = client.get(f"{index.url}arkiv/2026/3/").content.decode()
    assert news.title in html and "Mai-nyhet" not in html
    assert client.get(f"{index.url}arkiv/2024/").status_code == 404
    assert client.get(f"{index.url}arkiv/2026/13/").status_code == 404
    assert client.get(f"{index.url}arkiv/0/").status_code == 404


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_follow_the_filters(client, index, news, organisation, kind):
    factories.news_page(index, organisation, "Et resultat", category_key="result")
    response = client.get(f"{index.url}feed/{kind}/")
    assert response.status_code == 200
    text = ET.tostring(ET.fromstring(response.content), encoding="unicode")
    assert news.title in text and "Et resultat" in text
    response = client.get(f"{index.url}feed/{kind}/", {"category": "result"})
    text = ET.tostring(ET.fromstring(response.content), encoding="unicode")
    assert news.title not in text and "Et resultat" in text
    html = client.get(index.url, {"category": "result"}).content.decode()
    assert f"feed/{kind}/?category=result" in html


def test_news_page_shows_its_subjects_links_and_json_ld(client, index, organisation, topic, media):
    article = knowledge.article_page(topic, organisation, title="Slik søker du")
    page = factories.news_page(
        index,
        organisation,
        topics=[topic],
        articles=[article],
        image=make_image(description="Bandet på scenen"),
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'alt="Bandet på scenen"' in html
    assert "Slik søker du" in html and topic.title in html
    assert 'id="hvem-kan-soke"' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.title
    assert data["publisher"]["name"] == organisation.name
    assert data["image"]


def test_news_page_hides_unpublished_links(client, index, organisation, topic):
    draft = knowledge.article_page(topic, organisation, title="Hemmelig utkast", live=False)
    page = factories.news_page(index, organisation, articles=[draft])
    assert "Hemmelig utkast" not in client.get(page.url).content.decode()


def test_sitemap_lists_news(client, news):
    assert news.full_url in client.get("/sitemap.xml").content.decode()


def test_home_topic_and_organisation_pages_show_news(client, home_page, news, topic, organisation):
    assert news.title in client.get("/").content.decode()
    assert news.title in client.get(topic.url).content.decode()
    assert news.title in client.get(organisation.get_absolute_url()).content.decode()


def test_nav_links_to_news(client, news, index):
    html = client.get("/").content.decode()
    assert f'href="{index.url}"' in html and ">Nyheter<" in html


def test_a_category_can_be_followed_from_the_list_and_the_news_page(client, index, news, user):
    html = client.get(index.url, {"category": "call"}).content.decode()
    assert "Logg inn for å følge" in html
    client.force_login(user)
    html = client.get(index.url, {"category": "call"}).content.decode()
    assert 'name="target" value="news.category"' in html
    assert 'name="target" value="news.category"' in client.get(news.url).content.decode()
    assert 'value="news.category"' not in client.get(index.url).content.decode()
    category = news.category
    response = client.post(
        "/folg/",
        {"target": "news.category", "pk": category.pk, "action": "follow", "next": index.url},
    )
    assert response.status_code in (200, 302)
    from samspill.core import notifications

    assert notifications.is_following(user, category)


def test_project_and_programme_pages_show_their_news(client, index, organisation):
    from tests.projects.factories import make_programme, make_project

    programme = make_programme()
    project = make_project(programme, title="Talentcamp")
    theme = programme.themes.first()
    about_project = factories.news_page(index, organisation, "Nytt om campen", projects=[project])
    about_theme = factories.news_page(index, organisation, "Nytt om temaet", themes=[theme])
    factories.news_page(index, organisation, "Noe helt annet")
    html = client.get(project.get_absolute_url()).content.decode()
    assert about_project.title in html and "Noe helt annet" not in html
    html = client.get(programme.get_absolute_url()).content.decode()
    assert about_project.title in html and about_theme.title in html
    assert "Noe helt annet" not in html
