"""The language a piece of content is written in, for `lang` on the element that holds it (WCAG
3.1.2, language of parts).

The convention every template follows: the page's `<html lang>` is the language of the interface
(the address's prefix); every element that holds content written by people – a title, a lead, a
body, a snippet, a card's heading and summary – whose language differs from it carries its own
`lang`, written by `{% content_lang obj %}` (core.templatetags.samspill): ` lang="da"` for a
Danish event on a bokmål page, ` lang="nb"` for a Norwegian project on an English page, nothing
where the languages agree or the content's language is unknown or mixed. The interface's own words
inside such an element (labels, badges, dates) stay outside it, or are wrapped back in the page's
language. The browser checks can therefore test it generically: the nearest `[lang]` ancestor of a
piece of content names the content's language.

How each kind of content knows its language (`language_of`):
- an object with `content_language` (a knowledge page's field; events, surveys, organisations,
  projects and ideas define it as a property, without a query);
- any other Wagtail page: its locale;
- otherwise unknown ("").
"""

from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Page

from samspill.core.locales import language_code

# Tags BCP 47 knows; "mul" (several languages) and anything else is left unmarked.
_MARKABLE = {"nb", "nn", "no", "da", "sv", "en", "se", "fi", "de"}


def page_language() -> str:
    """The language of the interface being rendered (the address's prefix)."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


def language_of(obj) -> str:
    """The language `obj` is written in ("nb", "da", …), or "" when unknown or mixed."""
    if obj is None or obj == "":
        return ""
    if isinstance(obj, str):
        code = obj
    else:
        code = getattr(obj, "content_language", None)
        if not code and isinstance(obj, Page) and obj.locale_id:
            code = language_code(obj.locale_id)
    code = (code or "").split("-")[0].lower()
    return code if code in _MARKABLE else ""


def differs(obj) -> str:
    """`obj`'s language where it differs from the page's, else ""."""
    code = language_of(obj)
    return code if code and code != page_language() else ""


def lang_attribute(obj) -> str:
    """` lang="da"` where `obj`'s language differs from the page's, else "" (safe HTML)."""
    code = differs(obj)
    return format_html(' lang="{}"', code) if code else ""


def in_active_language(items) -> list:
    """Each of `items` (Wagtail pages or translatable snippets, e.g. an event's topics) in the
    language of the interface: its translation in the active locale where one exists (live, for
    pages), else the item itself, which `content_lang` then marks with its own language. One query
    per kind of item, whatever their number."""
    from samspill.core.locales import active_locale_id

    items = list(items)
    locale_id = active_locale_id()
    wanted: dict[type, set] = {}
    for item in items:
        if locale_id is not None and getattr(item, "locale_id", locale_id) != locale_id:
            wanted.setdefault(type(item), set()).add(item.translation_key)
    found: dict[tuple[type, object], object] = {}
    for model, keys in wanted.items():
        translations = model._default_manager.filter(translation_key__in=keys, locale_id=locale_id)
        if issubclass(model, Page):
            translations = translations.live()
        for translation_ in translations:
            found[(model, translation_.translation_key)] = translation_
    return [found.get((type(item), getattr(item, "translation_key", None)), item) for item in items]
