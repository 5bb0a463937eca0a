"""User HTML is cleaned with nh3 before it is stored: only the tags the editors' toolbar makes.

Wagtail's own rich-text format (links to pages and documents by id, embeds) survives the cleaning.
"""

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
