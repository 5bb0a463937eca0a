"""The index follows publish, edit and unpublish: each enqueues a task after the commit.

With the database task backend the worker picks it up within a second or two; tests run it at once.
"""

from django.db import transaction

from samspill.answers.tasks import index_object, remove_object
from samspill.core import registry


def _sources_for(instance):
    return [s for s in registry.search_sources() if isinstance(instance, s.model)]


def on_published(sender, instance, **kwargs):
    for source in _sources_for(instance):
        pk = instance.pk
        if registry.defer_indexing(source.name, pk):
            continue
        transaction.on_commit(
            lambda name=source.name, pk=pk: index_object.enqueue(source=name, object_id=pk)
        )


def on_removed(sender, instance, **kwargs):
    for source in _sources_for(instance):
        pk = instance.pk
        if registry.defer_indexing(source.name, pk):
            continue
        transaction.on_commit(
            lambda name=source.name, pk=pk: remove_object.enqueue(source=name, object_id=pk)
        )
