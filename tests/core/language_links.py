"""The language switcher in a page's header: links to this page in each hub language."""

import re

LINK = re.compile(
    r'<a href="([^"]*)" lang="(\w+)" hreflang="(\w+)"( aria-current="page")?>([^<]*)</a>'
)


def switcher(html: str) -> list[dict]:
    """The switcher's links in order: {"href", "lang", "hreflang", "current", "name"}."""
    nav = html.split('<nav class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    return [
        {"href": href, "lang": lang, "hreflang": hreflang, "current": bool(cur), "name": name}
        for href, lang, hreflang, cur, name in LINK.findall(nav)
    ]


def switcher_links(html: str) -> dict[str, str]:
    """{language: address} of the switcher's links."""
    return {link["lang"]: link["href"] for link in switcher(html)}
