from django.contrib.sitemaps import Sitemap

from samspill.ideas.models import Idea


class IdeaSitemap(Sitemap):
    """Visible ideas (hidden ones never appear)."""

    changefreq = "daily"
    limit = 5000

    def items(self):
        return Idea.objects.visible().only("pk", "updated_at").order_by("pk")

    def lastmod(self, idea):
        return idea.updated_at
