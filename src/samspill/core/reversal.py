"""URL reversals that every page repeats, memoised per process.

`reverse()` of a fixed name and `translate_url()` of a path depend only on the URL configuration,
the script prefix and the active language, never on the database: the header's links, the
navigation and the language links are computed once per (name or path, language) and process.
What depends on content (a page's translations, the knowledge index's address) is not kept here.
The memos are bounded (paths come from visitors) and emptied when the URL configuration changes.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
from django.utils import translation


def reverse_static(name: str, *args) -> str:
    """`reverse(name, args=args)` in the active language; the args must not come from content
    that can change what the name resolves to (a slug is fine: the address is a pure function)."""
    return _reverse(get_urlconf(), get_script_prefix(), translation.get_language(), name, args)


def translated_path(path: str, language: str) -> str:
    """`translate_url(path, language)` for a path without query string."""
    return _translate(
        get_urlconf(), get_script_prefix(), translation.get_language(), path, language
    )


@lru_cache(maxsize=1024)
def _reverse(urlconf, script_prefix, active, name, args) -> str:
    return reverse(name, urlconf=urlconf, args=args)


@lru_cache(maxsize=4096)
def _translate(urlconf, script_prefix, active, path, language) -> str:
    return translate_url(path, language)


def clear() -> None:
    _reverse.cache_clear()
    _translate.cache_clear()


@receiver(setting_changed)
def _url_settings_changed(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        clear()
