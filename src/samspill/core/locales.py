"""Wagtail locales by language code and id, read once per process.

Locales change almost never, but every page needs its own: this keeps that off the query count.
The cache empties whenever a Locale is saved or deleted in this process (signals in apps.py); the
hub's languages are fixed by settings, so other processes seeing a change late is harmless.
"""

from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

_ids_by_code: dict[str, int] = {}
_codes_by_id: dict[int, str] = {}


def clear_cache(**kwargs) -> None:
    _ids_by_code.clear()
    _codes_by_id.clear()


def _load() -> None:
    for pk, code in Locale.objects.values_list("pk", "language_code"):
        _ids_by_code[code] = pk
        _codes_by_id[pk] = code


def active_locale_id() -> int | None:
    """The id of the Locale for the active language (None if the hub has no such locale)."""
    code = get_supported_content_language_variant(get_language())
    if code not in _ids_by_code:
        _load()  # a locale that does not exist yet is looked for again next time
    return _ids_by_code.get(code)


def language_code(locale_id: int) -> str:
    if locale_id not in _codes_by_id:
        _load()
    return _codes_by_id.get(locale_id, "")
