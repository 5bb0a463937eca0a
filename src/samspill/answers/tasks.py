"""Background work of the answer finder: keeping the index in step with published content, and
encoding the passages' meaning (answers/semantic.py)."""

from django_tasks import task

from samspill.answers import semantic, services


@task()
def index_object(*, source: str, object_id: int) -> int:
    return services.index_object(source, object_id)


@task()
def remove_object(*, source: str, object_id: int) -> None:
    services.remove_object(source, object_id)


@task()
def embed_pending() -> int:
    """Encode the passages that have no vector yet, for a minute at most; then, if some are left,
    a fresh task carries on (so that other tasks get their turn on the worker)."""
    if not semantic.enabled():
        return 0
    encoded, left = services.embed_pending()
    if left:
        embed_pending.enqueue()
    return encoded
