"""User HTML is cleaned with nh3 before it is stored: only the tags the editors' toolbar makes.

Wagtail's own rich-text format (links to pages and documents by id, embeds) survives the cleaning.
"""

import html as html_module
import re

import nh3

RICH_TEXT_TAGS = {
    "p", "br", "hr", "b", "strong", "i", "em", "a", "ol", "ul", "li", "h2", "h3", "h4",
    "blockquote", "embed",
}  # fmt: skip
RICH_TEXT_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise_rich_text(html: str) -> str:
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


_SPACE = re.compile(r"\s+")
_BLOCK_END = re.compile(r"(</(?:p|li|ul|ol|h2|h3|h4|blockquote)>|<br\s*/?>|<hr\s*/?>)", re.I)


def plain_text(rich_html) -> str:
    """The text of stored rich text (or plain text), without markup, on one line: what the
    search sources index."""
    source = str(getattr(rich_html, "source", rich_html) or "")
    text = nh3.clean(_BLOCK_END.sub(r"\1 ", source), tags=set())
    return _SPACE.sub(" ", html_module.unescape(text)).strip()
