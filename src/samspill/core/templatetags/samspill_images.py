"""`{% picture_of image "place" %}`: an image's responsive `<img>` for one place (`core.images`)."""

from django import template
from django.utils.safestring import mark_safe

from samspill.core import images

register = template.Library()


@register.simple_tag
def picture_of(image, place, alt="", lazy=True, css_class=""):
    """`alt` is empty unless given: the caller decides whether the image says something the
    words beside it do not (`core.images`)."""
    return mark_safe(images.render(image, place, alt=alt, lazy=lazy, css_class=css_class))


@register.filter
def image_alt(image) -> str:
    return images.alt_text(image)


@register.filter
def logo_alt(organisation) -> str:
    return images.logo_alt(organisation)
