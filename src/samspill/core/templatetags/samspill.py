from django import template
from django.conf import settings
from django.urls import translate_url
from wagtail.models import Page

from samspill.core import page_languages, permissions, selectors
from samspill.core.locales import language_code

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """(language, absolute address) of this page in each hub language, for hreflang links.

    A Wagtail page links to its translations, or to the address that serves it where it has none
    (`core.page_languages`); any other view to the same path under the other language's prefix.
    """
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        pairs = page_languages.alternates(request, page)
    else:
        path = request.get_full_path()
        pairs = [(code, translate_url(path, code)) for code, _ in settings.LANGUAGES]
    return [(code, request.build_absolute_uri(url)) for code, url in pairs]


@register.simple_tag(takes_context=True)
def page_address(context, page):
    """`{% pageurl %}` for any page instance, also a plain `Page` (the hub settings' pages): a
    bokmål page read under /nn/ keeps the /nn/ prefix (`page_languages.reader_address`)."""
    return page_languages.reader_address(page, page.get_url(context.get("request")))


@register.filter
def initials(name):
    words = [w for w in str(name).replace("-", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


@register.simple_tag(takes_context=True)
def hub_context(context):
    """The hub's settings and its about, privacy and accessibility pages in the active language
    (`core.selectors.hub_for_request`: no query while they have not changed)."""
    request = context.get("request")
    if request is None:
        return {"settings": None}
    return selectors.hub_for_request(request)


@register.filter
def may_open_admin(user) -> bool:
    """`user|may_open_admin`: `perms.wagtailadmin.access_admin` without its permission queries
    (`core.permissions.may_open_admin`)."""
    return permissions.may_open_admin(user)


@register.filter
def content_language(page) -> str:
    """The language a page is written in, for its `lang` attribute."""

    return language_code(page.locale_id)


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key` – a dictionary lookup with a variable key."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
