from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from samspill.core import registry


class KnowledgeConfig(AppConfig):
    name = "samspill.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge bank")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: these modules import the models, which are loaded only now.
        from samspill.knowledge import (
            linkcheck,
            notices,
            passages,
            selectors,
            signals,
            skeleton,
            tasks,
            views,
        )

        registry.register_periodic_job(
            registry.PeriodicJob(
                name="knowledge.check_links",
                label=lambda: _("Link check of the knowledge bank"),
                run=lambda: linkcheck.check_due_links().as_dict(),
                interval=24 * 60,
                at="03:00",
            )
        )
        passages.register()
        registry.register_skeleton_part(
            registry.SkeletonPart(name="knowledge", build=skeleton.build, order=10)
        )
        signals.connect()
        tasks.connect()
        notices.register()
        registry.register_nav_item(
            registry.NavItem(
                name="knowledge",
                label=lambda: _("Knowledge bank"),
                href=selectors.knowledge_index_url,
                order=10,
            )
        )
        registry.register_home_section(
            registry.HomeSection(
                name="knowledge",
                template="knowledge/_home_section.html",
                context=views.home_section,
                order=10,
                depends=("wagtail", "knowledge"),
            )
        )
        registry.register_statistic(
            registry.Statistic(
                name="knowledge",
                label=lambda n: npgettext(
                    "count of", "article or answer", "articles and answers", n
                ),
                value=selectors.content_count,
                order=5,
                depends=("wagtail", "knowledge"),
            )
        )
