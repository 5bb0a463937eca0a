from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished

from samspill.core import registry


class AnswersConfig(AppConfig):
    name = "samspill.answers"
    label = "answers"
    verbose_name = _("Answer finder")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: these modules import models, which are not ready while
        # Django imports the app configs.
        from samspill.answers import services, signals, skeleton

        registry.register_rate_limit(registry.RateLimit(scope="answers.feedback", rate="30/h"))

        page_published.connect(signals.on_published, dispatch_uid="answers-published")
        page_unpublished.connect(signals.on_removed, dispatch_uid="answers-unpublished")
        post_delete.connect(signals.on_removed, dispatch_uid="answers-deleted")
        # Plain-model sources (`SearchSource.watch`): connected once, for every model; a dict
        # lookup by model class decides, so an unrelated save costs next to nothing.
        post_save.connect(signals.on_saved, dispatch_uid="answers-watch-saved")
        pre_delete.connect(signals.on_deleting, dispatch_uid="answers-watch-deleting")

        registry.register_nav_item(
            registry.NavItem(
                name="answers", label=lambda: _("Ask a question"), url_name="answers:ask", order=20
            )
        )
        registry.register_bulk_indexer("answers", services.index_many)
        registry.register_periodic_job(
            registry.PeriodicJob(
                name="answers.rebuild_if_stale",
                label=lambda: _("Rebuilding the answer index after a change of text analysis"),
                run=services.rebuild_if_stale,
                interval=10,
            )
        )
        registry.register_skeleton_part(
            registry.SkeletonPart(name="answers", build=skeleton.build, order=90)
        )
        registry.register_header_include("answers", "answers/_question_box.html", order=10)
        registry.register_content_footer(
            "answers.feedback", "answers/partials/_content_feedback.html", order=10
        )
        registry.register_periodic_job(
            registry.PeriodicJob(
                name="answers.prune_embeddings",
                label=lambda: _("Prune unused embeddings of the answer finder"),
                run=services.prune_embeddings,
                interval=24 * 60,
                at="04:30",
            )
        )
