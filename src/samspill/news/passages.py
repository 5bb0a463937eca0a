"""What news gives the answer finder: each published news item, its lead and body by section."""

from django.utils.translation import ngettext

from samspill.core import registry
from samspill.knowledge.sections import article_sections
from samspill.news import selectors
from samspill.news.models import NewsPage


def passages(page: NewsPage) -> list[dict]:
    language = registry.search_language(page.content_language)
    filters = [f"lang:{page.content_language}"]
    filters += [f"topic:{slug}" for slug in page.topics.values_list("slug", flat=True)]
    filters += [f"audience:{slug}" for slug in page.audiences.values_list("slug", flat=True)]
    base = {
        "title": page.title,
        "language": language,
        "answer_id": page.answer_id,
        "filters": filters,
    }
    url = page.get_url() or ""
    sections = article_sections(page).passages()
    # The lead and the text before the first heading are one passage (one per anchor).
    text = page.lead
    if sections and sections[0].anchor == "":
        text = f"{page.lead} {sections.pop(0).text}"
    found = [{**base, "anchor": "", "heading": "", "url": url, "text": text}]
    for passage in sections:
        found.append(
            {
                **base,
                "anchor": passage.anchor,
                "heading": passage.heading,
                "url": f"{url}#{passage.anchor}",
                "text": passage.text,
            }
        )
    return found


def register() -> None:
    registry.register_search_source(
        registry.SearchSource(
            name="news.news",
            model=NewsPage,
            load=selectors.searchable_news,
            passages=passages,
            all_ids=selectors.searchable_news_ids,
            kind="news",
            kind_label=lambda n: ngettext("News item", "News", n),
        )
    )
