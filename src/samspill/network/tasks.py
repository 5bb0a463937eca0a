"""Background work of the network (arguments are primary keys). Emails go through core's task."""

from django_tasks import task

from samspill.network import services


@task()
def send_match_digests() -> int:
    """The weekly match emails that are due (each subscription at most once a week)."""
    return services.digests_send_due()
