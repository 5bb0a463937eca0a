from django.contrib.sitemaps import Sitemap

from samspill.projects.models import Programme, Project


class ProgrammeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Programme.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, programme):
        return programme.updated_at


class ProjectSitemap(Sitemap):
    """Published projects of published programmes; drafts never appear."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Project.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, project):
        return project.updated_at
