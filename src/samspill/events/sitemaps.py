from django.contrib.sitemaps import Sitemap

from samspill.events.models import Event


class EventSitemap(Sitemap):
    """Published events; unpublished drafts and participants' pages never appear."""

    changefreq = "daily"
    limit = 5000

    def items(self):
        return Event.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, event):
        return event.updated_at
