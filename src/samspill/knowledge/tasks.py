"""Background work of the knowledge bank: the register of external links and its weekly check.

`connect()` (called from `KnowledgeConfig.ready()`) enqueues `sync_page_links` after each commit
that publishes or unpublishes an article, FAQ entry or guide. The weekly check is
the periodic job knowledge.check_links, which the worker runs nightly (`samspill check-links`
runs it by hand or from cron).
"""

from django.db import transaction
from django_tasks import task
from wagtail.signals import page_published, page_unpublished

from samspill.knowledge import linkcheck


@task()
def sync_page_links(*, page_id: int) -> int:
    """Record the external links of one page (none if it is unpublished or gone)."""
    return linkcheck.links_sync_for_page_id(page_id)


def _page_changed(sender, instance, **kwargs):
    page_id = instance.pk
    transaction.on_commit(lambda: sync_page_links.enqueue(page_id=page_id))


def connect() -> None:
    """Keep the link register in step with publishing (idempotent)."""
    for model in linkcheck.LINK_PAGE_TYPES:
        page_published.connect(
            _page_changed, sender=model, dispatch_uid=f"knowledge-links-published-{model.__name__}"
        )
        page_unpublished.connect(
            _page_changed,
            sender=model,
            dispatch_uid=f"knowledge-links-unpublished-{model.__name__}",
        )
