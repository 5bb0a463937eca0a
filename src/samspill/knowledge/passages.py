"""What the knowledge bank gives the answer finder: its published pages, passage by passage."""

from functools import partial

from django.utils.translation import ngettext

from samspill.core import registry
from samspill.knowledge import selectors
from samspill.knowledge.models import ArticlePage, FaqPage, GuidePage
from samspill.knowledge.sections import plain_text


def _filters(page) -> list[str]:
    keys = [f"lang:{page.content_language}"]
    parent = selectors.parent_topic_slug(page)
    if parent:
        keys.append(f"topic:{parent}")
    if isinstance(page, ArticlePage):
        keys += [f"topic:{slug}" for slug in page.related_topics.values_list("slug", flat=True)]
    keys += [f"audience:{slug}" for slug in page.audiences.values_list("slug", flat=True)]
    return keys


def _base(page) -> dict:
    return {
        "title": page.title,
        "language": page.content_language,
        "answer_id": page.answer_id,
        "filters": _filters(page),
    }


def article_passages(page: ArticlePage) -> list[dict]:
    base = _base(page)
    url = page.get_url() or ""
    found = []
    passages = page.sections.passages()
    if passages and passages[0].anchor == "":
        first = passages.pop(0)
        found.append(
            {
                **base,
                "anchor": "",
                "heading": "",
                "url": url,
                "text": f"{page.summary} {first.text}",
            }
        )
    else:
        found.append({**base, "anchor": "", "heading": "", "url": url, "text": page.summary})
    for passage in passages:
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


def faq_passages(page: FaqPage) -> list[dict]:
    return [
        {
            **_base(page),
            "anchor": "",
            "heading": "",
            "url": page.get_url() or "",
            "text": plain_text(page.answer),
        }
    ]


def guide_passages(page: GuidePage) -> list[dict]:
    questions = " ".join(
        step.value["question"] if step.block_type == "question" else step.value["title"]
        for step in page.steps
    )
    return [
        {
            **_base(page),
            "anchor": "",
            "heading": "",
            "url": page.get_url() or "",
            "text": f"{page.intro} {questions}",
        }
    ]


def register() -> None:
    for name, model, passages, kind, label in (
        (
            "knowledge.article",
            ArticlePage,
            article_passages,
            "article",
            lambda n: ngettext("Article", "Articles", n),
        ),
        ("knowledge.faq", FaqPage, faq_passages, "faq", lambda n: ngettext("FAQ", "FAQ", n)),
        (
            "knowledge.guide",
            GuidePage,
            guide_passages,
            "guide",
            lambda n: ngettext("Guide", "Guides", n),
        ),
    ):
        registry.register_search_source(
            registry.SearchSource(
                name=name,
                model=model,
                load=partial(selectors.searchable_page, model),
                passages=passages,
                all_ids=partial(selectors.searchable_page_ids, model),
                kind=kind,
                kind_label=label,
            )
        )
