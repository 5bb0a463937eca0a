"""An article split into sections and question-and-answer blocks, each with a stable anchor.

The article template and the answer finder's passages use the same split, so a result links to
exactly the part of the page it quotes.
"""

import html
import re
from dataclasses import dataclass, field

import nh3
from django.utils.text import slugify

TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})
_SPACE = re.compile(r"\s+")


def anchor_for(text: str, taken: set[str]) -> str:
    base = slugify(text.translate(TRANSLITERATION))[:60].strip("-") or "del"
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    taken.add(anchor)
    return anchor


def plain_text(rich_html) -> str:
    """Text of stored rich text (or a RichText value), without markup, on one line."""
    source = getattr(rich_html, "source", rich_html) or ""
    text = html.unescape(
        nh3.clean(str(source).replace("</p>", "</p> ").replace("<li>", " <li>"), tags=set())
    )
    return _SPACE.sub(" ", text).strip()


def block_text(block) -> str:
    """The readable text of one StreamField block, as the answer finder indexes it."""
    kind, value = block.block_type, block.value
    if kind == "heading":
        return str(value)
    if kind == "text":
        return plain_text(value)
    if kind == "qa":
        return f"{value['question']} {plain_text(value['answer'])}"
    if kind == "callout":
        return " ".join(filter(None, [value.get("title") or "", plain_text(value["text"])]))
    if kind == "checklist":
        return " ".join([value.get("title") or "", *value["items"]]).strip()
    if kind == "links":
        parts = [value.get("title") or ""]
        for link in value["links"]:
            parts += [link["title"], link.get("description") or ""]
        return " ".join(p for p in parts if p)
    if kind == "video":
        return " ".join(filter(None, [value["title"], value.get("caption") or ""]))
    return ""


@dataclass
class Section:
    anchor: str
    heading: str
    blocks: list = field(default_factory=list)


@dataclass
class Passage:
    """One answerable piece of a page: a section (without its Q&A blocks) or one Q&A block."""

    anchor: str
    heading: str
    text: str


@dataclass
class ArticleSections:
    sections: list[Section]
    qa_anchors: dict[str, str]  # block id -> anchor

    def passages(self) -> list[Passage]:
        found = []
        for section in self.sections:
            text = " ".join(
                block_text(b) for b in section.blocks if b.block_type not in {"qa", "heading"}
            )
            if text.strip():
                found.append(
                    Passage(section.anchor, section.heading, _SPACE.sub(" ", text).strip())
                )
            for block in section.blocks:
                if block.block_type == "qa":
                    found.append(
                        Passage(
                            self.qa_anchors[block.id],
                            block.value["question"],
                            plain_text(block.value["answer"]),
                        )
                    )
        return found


def article_sections(page) -> ArticleSections:
    taken: set[str] = {"main", "innhold"}
    sections = [Section(anchor="", heading="")]
    qa_anchors = {}
    for block in page.body:
        if block.block_type == "heading":
            sections.append(
                Section(anchor=anchor_for(str(block.value), taken), heading=str(block.value))
            )
            continue
        if block.block_type == "qa":
            qa_anchors[block.id] = anchor_for(block.value["question"], taken)
        sections[-1].blocks.append(block)
    if not sections[0].blocks:
        sections.pop(0)
    return ArticleSections(sections=sections, qa_anchors=qa_anchors)
