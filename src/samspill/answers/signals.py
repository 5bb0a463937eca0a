"""The index follows publish, edit and unpublish: each enqueues a task after the commit.

Wagtail page sources follow `page_published`, `page_unpublished` and deletion. Plain-model
sources name what they follow in `SearchSource.watch`: a save of a watched model (or its deletion,
caught before the rows it points to go) maps to the ids of the source's objects to re-index, and
`index_object` re-indexes each after the commit, or removes it when `load` no longer returns it.

With the database task backend the worker picks it up within a second or two; tests run it at once.
"""

from django.db import transaction

from samspill.answers.tasks import index_object, remove_object
from samspill.core import registry

# Saves that write only these fields change nothing any passage shows (a sign-in): they are not
# followed, so that signing in does not enqueue an index task.
BOOKKEEPING_FIELDS = frozenset({"last_login"})


def _page_sources_for(instance):
    return [s for s in registry.search_sources() if isinstance(instance, s.model)]


def on_published(sender, instance, **kwargs):
    for source in _page_sources_for(instance):
        pk = instance.pk
        if registry.defer_indexing(source.name, pk):
            continue
        transaction.on_commit(
            lambda name=source.name, pk=pk: index_object.enqueue(source=name, object_id=pk)
        )


def on_removed(sender, instance, **kwargs):
    if sender._meta.concrete_model in registry.search_watchers():
        return  # a watched model: `on_deleting` saw it
    for source in _page_sources_for(instance):
        pk = instance.pk
        if registry.defer_indexing(source.name, pk):
            continue
        transaction.on_commit(
            lambda name=source.name, pk=pk: remove_object.enqueue(source=name, object_id=pk)
        )


def _reindex(sender, instance) -> None:
    watchers = registry.search_watchers().get(sender._meta.concrete_model)
    if not watchers:
        return
    for source_name, ids_of in watchers:
        for pk in dict.fromkeys(ids_of(instance)):
            if pk is None or registry.defer_indexing(source_name, pk):
                continue
            transaction.on_commit(
                lambda name=source_name, pk=pk: index_object.enqueue(source=name, object_id=pk)
            )


def on_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save of any model: a dict lookup decides whether a source watches it."""
    if raw or (update_fields and frozenset(update_fields) <= BOOKKEEPING_FIELDS):
        return
    _reindex(sender, instance)


def on_deleting(sender, instance, **kwargs):
    """pre_delete, inside the deletion's transaction: the rows that point to the instance (an
    event's organisers) still exist, so its dependents are found; they are re-indexed after the
    commit, when the instance is gone."""
    _reindex(sender, instance)
