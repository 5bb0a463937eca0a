from django.contrib.sitemaps import Sitemap

from samspill.projects.models import Idea, Programme, Project


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


class IdeaSitemap(Sitemap):
    """Visible ideas (hidden ones never appear)."""

    changefreq = "daily"
    limit = 5000

    def items(self):
        return Idea.objects.visible().only("pk", "updated_at").order_by("pk")

    def lastmod(self, idea):
        return idea.updated_at
