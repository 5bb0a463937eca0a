"""`{% card template depends name=object %}`: a card kept rendered until what it shows changes
(core.fragments)."""

from django import template

from samspill.core import fragments

register = template.Library()


@register.simple_tag
def card(template_name, depends, **objects):
    """`{% card "projects/_project_card.html" "projects core" project=project %}`: the card's
    template rendered with that one object only, kept per object and language until a write to
    one of the namespaces in `depends`."""
    return fragments.card(template_name, depends, **objects)
