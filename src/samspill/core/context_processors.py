from django.utils.functional import SimpleLazyObject

from samspill.core import registry, selectors


def hub(request):
    return {
        "hub_nav_items": registry.nav_links(),
        "hub_header_includes": registry.header_includes(),
        "hub_site_name": SimpleLazyObject(lambda: selectors.hub_name(request)),
    }
