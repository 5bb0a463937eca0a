from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from samspill.core import registry


class NewsConfig(AppConfig):
    """News pages of the hub's organisations: lists, feeds, sections on other pages."""

    name = "samspill.news"
    label = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: these modules import the models, which are loaded only now.
        from wagtail.signals import page_published

        from samspill.knowledge.models import register_owned_pages
        from samspill.news import notifications, passages, sections, selectors, services, skeleton
        from samspill.news.models import NewsIndexPage, NewsPage
        from samspill.news.views import register_page_views

        register_page_views()
        register_owned_pages(content=(NewsPage,), structure=(NewsIndexPage,))
        page_published.connect(
            services.on_page_published, sender=NewsPage, dispatch_uid="news-published"
        )
        passages.register()
        sections.register()
        notifications.register()
        registry.register_skeleton_part(
            registry.SkeletonPart(name="news", build=skeleton.build, order=20)
        )
        registry.register_nav_item(
            registry.NavItem(
                name="news", label=lambda: _("News"), href=selectors.news_index_url, order=15
            )
        )
