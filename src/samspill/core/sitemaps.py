from django.contrib.sitemaps import Sitemap

from samspill.core.models import Organisation


class OrganisationSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Organisation.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, organisation):
        return organisation.updated_at
