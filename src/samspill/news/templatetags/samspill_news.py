"""`{% news_json_ld page %}`: a news item's schema.org `NewsArticle` data."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from samspill.core import images

register = template.Library()

_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def news_structured_data(page, *, request=None) -> dict:
    url = page.get_full_url(request=request) or ""
    organisation = page.organisation
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.lead,
        "inLanguage": page.content_language,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": page.first_published_at,
        "dateModified": page.last_published_at or page.first_published_at,
        "author": {"@type": "Organization", "name": organisation.name},
        "publisher": {"@type": "Organization", "name": organisation.name},
    }
    if request is not None:
        data["author"]["url"] = request.build_absolute_uri(organisation.get_absolute_url())
    if page.category_id:
        data["articleSection"] = str(page.category.label)
    if page.image is not None:
        picture = images.api_image(page.image, "picture", alt="", request=request)
        if picture:
            data["image"] = [picture["url"]]
    return data


def json_for_script(data) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


@register.simple_tag(takes_context=True)
def news_json_ld(context, page):
    """`<script type="application/ld+json">` (a data block, not run: the CSP allows it)."""
    data = news_structured_data(page, request=context.get("request"))
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(json_for_script(data))
    )
