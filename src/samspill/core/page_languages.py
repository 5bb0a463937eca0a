"""Which address shows a Wagtail page in each of the hub's languages.

Every page answers under every language prefix: where it has no translation, `HomePage.route`
serves the closest language's page (`fallback_order`: nynorsk falls back to bokmål and bokmål to
nynorsk, then the default language, then any other), and the templates mark that content with its
own `lang` while the interface around it keeps the prefix's language. A page's alternates are its
live translations' addresses and, for a language without one, the address under that language's
prefix that serves the fallback.
"""

from django.conf import settings
from django.utils import translation
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.translation import get_language_from_path
from wagtail.models import Page

from samspill.core.locales import language_code
from samspill.core.reversal import reverse_static, translated_path

# The written languages closest to each one, tried before the hub's default language.
CLOSEST = {"nn": ("nb",), "nb": ("nn",)}


def fallback_order(language: str) -> list[str]:
    """The hub's languages in the order a page is looked for when `language` is asked for: that
    language, its closest ones, the default language, then the others in settings' order."""
    hub = [code for code, _ in settings.LANGUAGES]
    order = [language, *CLOSEST.get(language, ()), settings.LANGUAGE_CODE, *hub]
    return [code for code in dict.fromkeys(order) if code in hub]


def relative_path(url_path: str) -> str:
    """A page's path below its language's home page ("" for the home: homes sit under the root)."""
    return url_path.split("/", 2)[2] if url_path.count("/") > 2 else ""


def _unprefixed(path: str) -> str:
    language = get_language_from_path(path)
    return path[len(language) + 2 :] if language else path.lstrip("/")


def remainder(request, page) -> str:
    """What follows the page's own path in the address (a routable page's sub-route, the query)."""
    current = _unprefixed(request.path_info)
    own = relative_path(page.url_path)
    rest = current[len(own) :] if current.startswith(own) else ""
    query = request.META.get("QUERY_STRING", "")
    return rest + (f"?{query}" if query else "")


def address(url_path: str, language: str) -> str:
    """The address of the page at `url_path` under `language`'s prefix (memoised per process: a
    pure function of the path, `core.reversal`)."""
    with translation.override(language):
        return reverse_static("wagtail_serve", relative_path(url_path))


def alternates(request, page) -> list[tuple[str, str]]:
    """(language, address) for every hub language: one query."""
    paths = {
        language_code(locale_id): url_path
        for locale_id, url_path in Page.objects.filter(
            translation_key=page.translation_key, live=True
        ).values_list("locale_id", "url_path")
    }
    rest = remainder(request, page)
    return [(code, address(_closest(paths, code, page.url_path), code) + rest) for code in _hub()]


def view_alternates(request) -> list[tuple[str, str]]:
    """(language, address) for every hub language of a view that is not a Wagtail page: the same
    path under each language's prefix, with the query string."""
    path = escape_uri_path(request.path)
    query = request.META.get("QUERY_STRING", "")
    query = f"?{iri_to_uri(query)}" if query else ""
    return [(code, translated_path(path, code) + query) for code in _hub()]


def _hub() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def _closest(paths: dict[str, str], language: str, default: str) -> str:
    return next((paths[code] for code in fallback_order(language) if code in paths), default)


def address_in_active_language(page, locale_id: int) -> str | None:
    """Where a page served outside its own language should be seen instead (None: right here).

    Its live translation in the active language; else the translation in the closest language
    (`fallback_order`) under the active prefix, unless the page itself is at least as close
    (one query)."""
    active = language_code(locale_id)
    order = fallback_order(active)
    rows = dict(
        page.get_translations()
        .live()
        .filter(locale__language_code__in=order)
        .values_list("locale__language_code", "url_path")
    )
    own = language_code(page.locale_id)
    for code in order:
        if code == own:
            return None
        if code in rows:
            return address(rows[code], active)
    return None


def fallback_homes(home):
    """The other languages' home pages, the closest to the active language first (one query; a
    home in a language the hub no longer offers comes last)."""
    order = fallback_order((translation.get_language() or settings.LANGUAGE_CODE).lower())
    homes = list(home.get_translations().live().select_related("locale"))
    rank = {code: n for n, code in enumerate(order)}
    return sorted(homes, key=lambda h: rank.get(h.locale.language_code, len(rank)))


def reader_address(page, url: str | None) -> str | None:
    """`url`, a page's own address, or the address under the active language's prefix when the
    page is written in a language close to it (a bokmål page read in nynorsk): there
    `HomePage.route` serves it, or the translation hook sends the reader on to a nynorsk
    translation, so the interface does not switch language under the reader. No query."""
    active = (translation.get_language() or "").lower()
    if url is not None and language_code(page.locale_id) in CLOSEST.get(active, ()):
        return address(page.url_path, active)
    return url


class ClosestLanguageAddressMixin:
    """Links to a page keep the reader in a close language (`reader_address`). Put it before
    `Page` in a page model's bases; for a plain `Page` instance (a foreign key to Page), use
    the `page_address` template tag."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if not parts or parts[2] is None:
            return parts
        return (parts[0], parts[1], reader_address(self, parts[2]))
