"""Template helpers of the network's pages."""

from django import template

from samspill.network.models import Direction
from samspill.network.selectors import reason_sentence

register = template.Library()


def _profile(organisation):
    return getattr(organisation, "network_profile", None)


@register.filter
def founded_year(organisation):
    profile = _profile(organisation)
    return profile.founded_year if profile else None


@register.filter
def needs_offers(organisation) -> dict:
    """{"needs": [...], "offers": [...]} from the prefetched `needs_offers`."""
    items = list(organisation.needs_offers.all())
    return {
        "needs": [n for n in items if n.direction == Direction.NEED],
        "offers": [n for n in items if n.direction == Direction.OFFER],
    }


@register.simple_tag
def match_reason(why: str, category) -> str:
    """ "Offers booking, which you need" or "Needs studios, which you offer"."""
    return reason_sentence(why, category)


@register.filter
def described(field):
    """The field's widget, pointing to its help text and its errors (ids `<id>-help`,
    `<id>-error`), and marked invalid when it has errors."""
    ids = []
    attrs = {}
    if field.help_text:
        ids.append(f"{field.auto_id}-help")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return field.as_widget(attrs=attrs)
