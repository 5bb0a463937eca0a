"""Background work of ideas (arguments are primary keys). Emails go through core's send task."""

from django_tasks import task

from samspill.ideas import emails


@task()
def notify_idea_followers(change_id: int) -> int:
    """Queued after an idea's status changed: one email to each follower, in their language."""
    return emails.status_change_send(change_id=change_id)
