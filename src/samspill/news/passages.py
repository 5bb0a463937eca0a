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
    found: dict[str, dict] = {}  # by anchor: the index keeps one passage per anchor
    for passage in article_sections(page).passages():
        if passage.anchor in found:
            found[passage.anchor]["text"] += "\n\n" + passage.text
            continue
        found[passage.anchor] = {
            **base,
            "anchor": passage.anchor,
            "heading": passage.heading,
            "url": f"{url}#{passage.anchor}" if passage.anchor else url,
            "text": passage.text,
        }
    # The lead opens the passage before the first heading (or is that passage on its own).
    opening = found.get("")
    if opening is None:
        found = {"": {**base, "anchor": "", "heading": "", "url": url, "text": page.lead}, **found}
    elif page.lead:
        opening["text"] = f"{page.lead}\n\n{opening['text']}"
    return [passage for passage in found.values() if passage["text"].strip()]


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
