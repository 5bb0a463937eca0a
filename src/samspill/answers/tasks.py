"""Background work of the answer finder: keeping the index in step with published content."""

from django_tasks import task

from samspill.answers import services


@task()
def index_object(*, source: str, object_id: int) -> int:
    return services.index_object(source, object_id)


@task()
def remove_object(*, source: str, object_id: int) -> None:
    services.remove_object(source, object_id)
