"""Logos and pictures (Wagtail images): the renditions each place shows, how lists fetch them with
their rows, the `<img>` they render and what the API says of them.

One rule for alt text (WCAG 1.1.1): an image says in words what it shows once, where it matters.
A logo beside its organisation's name, and a list's thumbnail beside the title it links, repeat
words already there: decorative, `alt=""`. A project's or event's picture on its own page carries
the editor's description (the image's "description" field in the admin); without one it is
treated as decoration. File names are never alt text.

Renditions are made the first time a page asks for them (not when the demo is built) and kept in
the database and the renditions cache; lists prefetch the ones they show (`with_renditions`), so
their query count does not grow with their length.
"""

from django.db.models import Prefetch, QuerySet
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from samspill.core.nplusone import ignore_n_plus_one

# Where an image is shown: its renditions (smallest first: the first one is `src`, its size the
# width and height that keep the layout from shifting) and the CSS width it is shown at (`sizes`).
PLACES = {
    # A card in a list: 16:9, at most a grid column (17–24rem) wide, full width on a phone.
    "card": (("fill-400x225", "fill-800x450"), "(min-width: 40em) 24rem, 100vw"),
    # The picture at the top of a project or event: 16:9, at most the text column wide.
    "hero": (("fill-640x360", "fill-800x450", "fill-1280x720"), "(min-width: 50em) 48rem, 100vw"),
    # An organisation's logo in its page header and in the API: whole, never cropped.
    "logo": (("max-120x120", "max-240x240"), "7.5rem"),
    # A logo on an organisation's card.
    "logo-card": (("max-64x64", "max-128x128"), "4rem"),
}
# The one rendition the API gives for each kind of image (lists prefetch it too).
API_SPEC = {"logo": "max-240x240", "picture": "fill-800x450"}

# What an upload must be (the admin's image form, `core.admin.image_forms`; settings.py lists the
# formats and the largest file and pixel count): big enough to show sharp on a card.
MIN_WIDTH = 100
MIN_HEIGHT = 40


def specs(*places: str) -> list[str]:
    """The renditions `places` show, and the API's."""
    return [*{spec: None for place in places for spec in PLACES[place][0]}, *API_SPEC.values()]


def with_renditions(queryset: QuerySet, field: str, *places: str) -> QuerySet:
    """`queryset` with the image in `field` and the renditions `places` show (two queries
    whatever the length of the list; an image without them gets them made when shown)."""
    Rendition = get_image_model().get_rendition_model()
    return queryset.select_related(field).prefetch_related(
        Prefetch(
            f"{field}__renditions",
            queryset=Rendition.objects.filter(filter_spec__in=specs(*places)),
            to_attr="prefetched_renditions",
        )
    )


# Making the renditions a list lacks is a write per image, once (then they are prefetched): not
# the N+1 read the detector looks for. Only for images whose list prefetched their renditions, so
# a list that forgot `with_renditions` is still reported.
_MADE_ONCE = [{"model": "wagtailimages.Image", "field": "renditions"}]


def _renditions(image, filters) -> dict:
    if image._get_prefetched_renditions() is None:
        return image.get_renditions(*filters)
    with ignore_n_plus_one(_MADE_ONCE):
        return image.get_renditions(*filters)


def alt_text(image) -> str:
    """The editor's description of an informative picture; empty (decoration) without one."""
    return (getattr(image, "description", "") or "").strip()


def render(image, place: str, *, alt: str = "", lazy: bool = True, css_class: str = "") -> str:
    """The `<img>` of `image` for `place`: srcset, sizes, width and height, `alt` as given
    (empty: decorative), `loading="lazy"` unless it is at the top of the page."""
    if image is None:
        return ""
    filters, sizes = PLACES[place]
    # A small original gives several renditions of the same width: one of each is enough.
    by_width = {r.width: r for r in _renditions(image, filters).values()}
    renditions = [by_width[width] for width in sorted(by_width)]
    first = renditions[0]
    attrs = {"src": first.url, "width": first.width, "height": first.height, "alt": alt}
    if len(renditions) > 1:
        attrs["srcset"] = ", ".join(f"{r.url} {r.width}w" for r in renditions)
        attrs["sizes"] = sizes
    if lazy:
        attrs["loading"] = "lazy"
    attrs["decoding"] = "async"
    if css_class:
        attrs["class"] = css_class
    return format_html("<img{}>", flatatt(attrs))


def logo_alt(organisation) -> str:
    """The alt text of a logo shown away from the organisation's name."""
    return _("%(name)s logo") % {"name": organisation.name}


def api_image(image, kind: str, *, alt: str, request=None) -> dict | None:
    """The API's description of an image: one rendition's address, its size and its alt text."""
    if image is None:
        return None
    spec = API_SPEC[kind]
    rendition = _renditions(image, [spec])[spec]
    url = rendition.url
    if request is not None and url.startswith("/"):
        url = request.build_absolute_uri(url)
    return {"url": url, "width": rendition.width, "height": rendition.height, "alt": alt}
