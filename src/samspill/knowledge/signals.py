"""Keeping derived things in step: the cached index address, and editors' Wagtail groups."""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from samspill.core.models import Membership
from samspill.core.signals import organisation_rights_changed
from samspill.knowledge import services
from samspill.knowledge.models import KnowledgeIndexPage
from samspill.knowledge.selectors import INDEX_URL_CACHE


def _forget_index_url(sender, **kwargs):
    cache.delete_many([INDEX_URL_CACHE.format(language=code) for code, _ in settings.LANGUAGES])


def _sync_editor(sender, instance, **kwargs):
    services.sync_editor_group(instance.user_id)


def _sync_editors_of(sender, organisation, **kwargs):
    for user_id in set(organisation.memberships.values_list("user_id", flat=True)):
        services.sync_editor_group(user_id)


def connect() -> None:
    for signal in (page_published, page_unpublished, post_save, post_delete):
        signal.connect(
            _forget_index_url,
            sender=KnowledgeIndexPage,
            dispatch_uid=f"knowledge-index-url-{id(signal)}",
        )
    post_save.connect(_sync_editor, sender=Membership, dispatch_uid="knowledge-editor-sync")
    post_delete.connect(_sync_editor, sender=Membership, dispatch_uid="knowledge-editor-sync-del")
    organisation_rights_changed.connect(_sync_editors_of, dispatch_uid="knowledge-editor-sync-org")
