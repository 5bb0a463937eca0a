from django.conf import settings

from samspill.core import registry


def hub(request):
    return {
        "hub_nav_items": registry.nav_links(),
        "hub_header_includes": registry.header_includes(),
        "hub_site_name": settings.WAGTAIL_SITE_NAME,
    }
