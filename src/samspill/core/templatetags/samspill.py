from typing import NamedTuple

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from wagtail.models import Page

from samspill.core import content_language as content_language_module
from samspill.core import page_languages, permissions, registry, selectors
from samspill.core.locales import language_code
from samspill.core.reversal import reverse_static

register = template.Library()


class Alternate(NamedTuple):
    """This page in one hub language: `url` (absolute) for hreflang, `path` for the switcher."""

    code: str
    url: str
    path: str
    name: str
    current: bool


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """This page in each hub language (`Alternate`), for the hreflang links and the switcher.

    A Wagtail page links to its translations, or to the address that serves it where it has none
    (`core.page_languages`); any other view to the same path under the other language's prefix.
    Computed once per request (kept on the request): the head and the header both use it.
    """
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    key = (page.pk if isinstance(page, Page) else None, translation.get_language())
    cached = getattr(request, "_samspill_language_alternates", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    if isinstance(page, Page) and page.pk:
        pairs = page_languages.alternates(request, page)
    else:
        pairs = page_languages.view_alternates(request)
    active = (translation.get_language() or settings.LANGUAGE_CODE).lower()
    alternates = [
        Alternate(
            code=code,
            url=request.build_absolute_uri(path),
            path=path,
            name=capfirst(get_language_info(code)["name_local"]),
            current=code == active,
        )
        for code, path in pairs
    ]
    request._samspill_language_alternates = (key, alternates)
    return alternates


@register.simple_tag(takes_context=True)
def content_footer(context, page):
    """The templates the apps registered for the end of a piece of content
    (`registry.register_content_footer`), each rendered with `page` in its context."""
    parts = []
    for name in registry.content_footers():
        template = context.template.engine.get_template(name)
        with context.push(page=page):
            parts.append(template.render(context))
    return mark_safe("".join(parts))


@register.simple_tag
def address(name, *args):
    """`{% url name args %}` memoised per process and language (`core.reversal`): for the fixed
    links every page repeats (the header's)."""
    return reverse_static(name, *args)


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


@register.simple_tag(takes_context=True)
def personal(context, template_name):
    """Include a template that differs per signed-in person (it may read only the request and what
    the context processors give), marked so that the page cache can render it again for a member
    who is given a visitor's page (core.pagecache)."""
    from django.template.loader import render_to_string

    from samspill.core.pagecache import personal_region

    html = render_to_string(template_name, request=context.get("request"))
    return mark_safe(personal_region(template_name, html))


@register.simple_tag
def error_summary_items(form, problem="") -> list[tuple[str, str]]:
    """What the error summary lists, as (anchor, message), the anchor "" where there is no field
    to move to: `problem` (a message for the whole page), the form's own errors, then each field's
    errors in the fields' order. A form's own `error_summary` (a list, or a method returning one)
    gives the field errors where it has one (`ServiceErrorsMixin`, the surveys' sections);
    otherwise each visible field's control is the anchor (a group's first option)."""
    items: list[tuple[str, str]] = []
    if problem:
        items.append(("", str(problem)))
    if not form:
        return items
    non_field = getattr(form, "non_field_errors", None)
    if callable(non_field):
        items.extend(("", str(error)) for error in non_field())
    own = getattr(form, "error_summary", None)
    if callable(own):
        own = own()
    if own is not None:
        items.extend((anchor, str(message)) for anchor, message in own)
        return items
    if not getattr(form, "is_bound", False) or not hasattr(form, "visible_fields"):
        return items
    for field in form.hidden_fields():
        items.extend(("", f"{field.label}: {error}") for error in field.errors)
    for field in form.visible_fields():
        anchor = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
        items.extend((anchor, str(error)) for error in field.errors)
    return items


@register.simple_tag
def content_lang(obj):
    """`<h3{% content_lang event %}>`: ` lang="da"` where the object's language differs from the
    page's, nothing where they agree (the convention: core.content_language). `obj` may also be a
    language code."""
    return content_language_module.lang_attribute(obj)


@register.simple_tag
def hub_language() -> str:
    """The hub's own language (settings.LANGUAGE_CODE): what its settings' texts, such as the
    tagline, are written in."""
    return settings.LANGUAGE_CODE


@register.filter
def lang_of(obj) -> str:
    """`obj|lang_of`: the object's language where it differs from the page's, else ""."""
    return content_language_module.differs(obj)


@register.simple_tag
def in_active_language(items) -> list:
    """`{% in_active_language event.topics.all as topics %}`: each page or snippet in the
    interface's language where it has a translation, else itself (mark it with `content_lang`);
    one query for all (core.content_language.in_active_language)."""
    return content_language_module.in_active_language(items)


@register.simple_tag
def in_content_lang(obj, text):
    """`{% in_content_lang event event.title as title %}`: `text`, escaped, inside a
    `<span lang="…">` where `obj`'s language differs from the page's (else the text alone), for
    content inside a translated sentence: `{% blocktranslate with title=title %}`. The sentence
    stays in the page's language, the title in its own (WCAG 3.1.2)."""
    code = content_language_module.differs(obj)
    if not code:
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', code, text)


@register.filter
def count(value) -> str:
    """`{{ n|count }}`: a count grouped in thousands as the active language writes it (bokmål and
    nynorsk with a non-breaking space, Danish with a full stop, English with a comma: "7 757").
    Only for figures shown to people, never in an address or an attribute a program reads."""
    if value is None or value == "":
        return ""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return str(value)
    return number_format(number, force_grouping=True)
