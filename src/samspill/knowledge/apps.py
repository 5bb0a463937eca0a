from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


class KnowledgeConfig(AppConfig):
    name = "samspill.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge bank")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from samspill.core import registry
        from samspill.knowledge import passages, signals, tasks

        passages.register()
        signals.connect()
        tasks.connect()
        registry.register_nav_item(
            registry.NavItem(
                name="knowledge",
                label=lambda: _("Knowledge bank"),
                href=_index_url,
                order=10,
            )
        )
        registry.register_home_section(
            registry.HomeSection(
                name="knowledge",
                template="knowledge/_home_section.html",
                context=_home_section,
                order=10,
            )
        )
        registry.register_statistic(
            registry.Statistic(
                name="knowledge",
                label=lambda n: npgettext(
                    "count of", "article or answer", "articles and answers", n
                ),
                value=_content_count,
                order=5,
            )
        )


def _index_url() -> str | None:
    from samspill.knowledge import selectors

    return selectors.knowledge_index_url()


def _content_count() -> int:
    from samspill.knowledge.models import ArticlePage, FaqPage

    return ArticlePage.objects.live().count() + FaqPage.objects.live().count()


def _home_section(request):
    from samspill.knowledge import selectors

    index = selectors.knowledge_index_for_request(request)
    if index is None:
        return None
    return {"knowledge_index": index, "topics": list(selectors.topics_for_index(index)[:8])}
