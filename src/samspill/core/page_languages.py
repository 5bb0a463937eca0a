"""Which address shows a Wagtail page in each of the hub's languages.

Every page answers under every language prefix: where it has no translation, `HomePage.route`
serves the default language's page (then any other), marked with its own `lang`. A page's
alternates are its live translations' addresses and, for a language without one, the address
under that language's prefix that serves the fallback.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_from_path
from wagtail.models import Page

from samspill.core.locales import language_code


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
    with translation.override(language):
        return reverse("wagtail_serve", args=(relative_path(url_path),))


def alternates(request, page) -> list[tuple[str, str]]:
    """(language, address) for every hub language: one query."""
    paths = {
        language_code(locale_id): url_path
        for locale_id, url_path in Page.objects.filter(
            translation_key=page.translation_key, live=True
        ).values_list("locale_id", "url_path")
    }
    fallback = paths.get(settings.LANGUAGE_CODE, page.url_path)
    rest = remainder(request, page)
    return [
        (code, address(paths.get(code, fallback), code) + rest) for code, _ in settings.LANGUAGES
    ]


def address_in_active_language(page, locale_id: int) -> str | None:
    """Where a page served outside its own language should be seen instead (None: right here).

    Its live translation in the active language; else, for a page that is not in the default
    language, the default language's page under the active prefix (one query)."""
    default = settings.LANGUAGE_CODE
    rows = dict(
        page.get_translations()
        .live()
        .filter(locale__language_code__in={language_code(locale_id), default})
        .values_list("locale__language_code", "url_path")
    )
    active = language_code(locale_id)
    if active in rows:
        return address(rows[active], active)
    if page.locale_id != locale_id and default in rows and language_code(page.locale_id) != default:
        return address(rows[default], active)
    return None


def fallback_homes(home):
    """The other languages' home pages, the default language's first (one query)."""
    order = [settings.LANGUAGE_CODE] + [code for code, _ in settings.LANGUAGES]
    homes = list(home.get_translations().live().select_related("locale"))
    return sorted(homes, key=lambda h: order.index(h.locale.language_code))
