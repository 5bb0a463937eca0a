"""Every Wagtail page answers under every language prefix, and its language links lead somewhere.

A page without a translation is shown from the bokmål tree (marked with its own `lang`); a page
with one is linked to its translation. hreflang alternates and the language switcher only ever
lead to pages that answer 200 in the language they name.
"""

import re

import pytest
from wagtail.models import Locale

from samspill.core.models import StandardPage
from tests.core.language_links import switcher_links
from tests.knowledge import factories

pytestmark = pytest.mark.django_db

LANGUAGES = ("nb", "nn", "da", "en")


def _translate(page, language, **changes):
    """A published translation of `page` (and of its parents where they have none yet)."""
    locale = Locale.objects.get(language_code=language)
    copy = page.copy_for_translation(locale, copy_parents=True)
    for field, value in changes.items():
        setattr(copy, field, value)
    copy.save()
    return factories.publish(copy)


@pytest.fixture
def hub(home_page, organisation):
    """One page of every type; the article and the guide have translations, the rest have not."""
    index = factories.index_page(home_page)
    topic = factories.topic_page(index)
    article = factories.article_page(topic, organisation)
    faq = factories.faq_page(topic, organisation)
    guide = factories.guide_page(index, organisation)
    about = StandardPage.objects.get(locale=home_page.locale, slug="om")
    # A Danish translation whose slugs differ from the bokmål ones (translators may rename).
    article_da = _translate(article, "da", title="Både selvstændig og ansat", slug="begge-dele")
    guide_en = _translate(guide, "en", title="Self-employed, employed or both?")
    # Content written in Danish only: it has no bokmål page.
    topic_da = topic.get_translation(Locale.objects.get(language_code="da"))
    only_da = factories.article_page(topic_da, organisation, title="Kun på dansk", slug="kun-dansk")
    return {
        "home": home_page,
        "about": about,
        "index": index,
        "topic": topic,
        "article": article,
        "article_da": article_da,
        "faq": faq,
        "guide": guide,
        "guide_en": guide_en,
        "only_da": only_da,
    }


def _alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html))


def _shown_in(page, language):
    """The page a visitor of `page` should see in `language`: its translation, else bokmål's."""
    for code in (language, "nb", page.locale.language_code):
        translation = (
            page.get_translations(inclusive=True).live().filter(locale__language_code=code)
        )
        if translation.exists():
            return translation.get().specific
    raise AssertionError(f"{page} has no page to show")


PAGE_NAMES = ["home", "about", "index", "topic", "article", "article_da", "faq", "guide", "only_da"]


@pytest.mark.parametrize("name", PAGE_NAMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_answers_under_every_language_prefix(client, hub, name, language):
    page = hub[name]
    own = page.locale.language_code
    prefix = "" if language == "nb" else f"/{language}"
    unprefixed = page.url if own == "nb" else page.url.removeprefix(f"/{own}")
    response = client.get(prefix + unprefixed, follow=True)
    assert response.status_code == 200
    expected = _shown_in(page, language)
    assert response.context["page"].pk == expected.pk
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    content_language = expected.locale.language_code
    if content_language != language:
        # The content is marked with its own language inside the page of the active language.
        main = html.split("<main", 1)[1]
        assert f'<h1 lang="{content_language}">' in main or f'lang="{content_language}"' in main


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_hreflang_alternates_answer_200_with_the_right_page(client, hub, name):
    page = hub[name]
    html = client.get(page.url).content.decode()
    alternates = _alternates(html)
    assert sorted(alternates) == sorted(LANGUAGES)
    for language, url in alternates.items():
        response = client.get(url)  # no redirect: the alternate is the address itself
        assert response.status_code == 200, (language, url)
        assert f'<html lang="{language}">' in response.content.decode()
        assert response.context["page"].pk == _shown_in(page, language).pk, (language, url)


def test_hreflang_points_at_the_translation_not_at_a_fallback(client, hub):
    html = client.get(hub["article"].url).content.decode()
    alternates = _alternates(html)
    assert alternates["da"].endswith(hub["article_da"].url)
    assert alternates["nb"].endswith(hub["article"].url)
    assert alternates["en"].endswith("/en" + hub["article"].url)


def test_hreflang_alternates_keep_the_guides_answers(client, hub):
    html = client.get(hub["guide"].url + "?svar=1").content.decode()
    assert _alternates(html)["en"].endswith(hub["guide_en"].url + "?svar=1")


@pytest.mark.parametrize("name", PAGE_NAMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_leads_to_the_page_in_that_language(client, hub, name, language):
    page = hub[name]
    html = client.get(page.url).content.decode()
    link = switcher_links(html)[language]
    assert _alternates(html)[language] == f"http://testserver{link}"  # the same addresses
    response = client.get(link)  # no redirect: the link is the address itself
    assert response.status_code == 200
    assert response.context["page"].pk == _shown_in(page, language).pk
    assert f'<html lang="{language}">' in response.content.decode()


def test_a_draft_is_not_served_through_another_language(client, hub, organisation):
    draft = factories.article_page(hub["topic"], organisation, title="Utkast", live=False)
    path = f"/kunnskap/{hub['topic'].slug}/{draft.slug}/"
    assert client.get("/en" + path).status_code == 404
    assert client.get(path).status_code == 404


def test_an_unknown_address_is_still_404_in_every_language(client, hub):
    for prefix in ("", "/nn", "/da", "/en"):
        assert client.get(f"{prefix}/kunnskap/finnes-ikke/").status_code == 404
