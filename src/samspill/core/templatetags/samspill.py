from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code):
    """This page's address in another language (for hreflang links)."""
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), language_code)


@register.filter
def initials(name):
    words = [w for w in str(name).replace("-", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


@register.simple_tag(takes_context=True)
def hub_pages(context):
    """The hub's about, privacy and accessibility pages in the active language, in one query.

    Falls back to the page itself where no live translation exists.
    """
    request = context.get("request")
    cached = getattr(request, "_samspill_hub_pages", None)
    if cached is not None:
        return cached
    from wagtail.models import Locale, Page

    from samspill.core.models import HubSettings

    hub = HubSettings.for_request(request) if request is not None else None
    pages = {}
    if hub is not None:
        wanted = {
            name: getattr(hub, name)
            for name in ("about_page", "privacy_page", "accessibility_page")
            if getattr(hub, f"{name}_id")
        }
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            locale = None
        translated = {}
        if locale is not None and wanted:
            translated = {
                page.translation_key: page
                for page in Page.objects.live().filter(
                    locale=locale, translation_key__in=[p.translation_key for p in wanted.values()]
                )
            }
        for name, page in wanted.items():
            pages[name] = translated.get(page.translation_key, page)
    if request is not None:
        request._samspill_hub_pages = pages
    return pages
