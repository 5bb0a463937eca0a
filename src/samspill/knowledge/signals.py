"""Keeping derived things in step: editors' Wagtail groups."""

from django.db.models.signals import post_delete, post_save

from samspill.core.models import Membership
from samspill.core.signals import organisation_rights_changed
from samspill.knowledge import services


def _sync_editor(sender, instance, **kwargs):
    services.sync_editor_group(instance.user_id)


def _sync_editors_of(sender, organisation, **kwargs):
    for user_id in set(organisation.memberships.values_list("user_id", flat=True)):
        services.sync_editor_group(user_id)


def connect() -> None:
    post_save.connect(_sync_editor, sender=Membership, dispatch_uid="knowledge-editor-sync")
    post_delete.connect(_sync_editor, sender=Membership, dispatch_uid="knowledge-editor-sync-del")
    organisation_rights_changed.connect(_sync_editors_of, dispatch_uid="knowledge-editor-sync-org")
