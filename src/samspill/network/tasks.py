"""Background work of the network (arguments are primary keys). Emails go through core's task."""

from django_tasks import task


@task()
def send_match_digests() -> int:
    """The weekly match emails that are due (each subscription at most once a week)."""
    from samspill.network import digest

    return digest.send_due()
