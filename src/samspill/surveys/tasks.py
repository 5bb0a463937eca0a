"""Background work of surveys (arguments are primary keys): the invitation and reminder emails,
one batch of claimed invitations per task (`services.invitations_send` and
`services.invitations_remind` claim them and queue the batches after the commit)."""

from django_tasks import task

from samspill.surveys import emails


@task()
def send_invitation_batch(*, invitation_ids: list[int], reminder: bool = False) -> int:
    """Email a batch of invitations (or reminders); the number of emails queued."""
    return emails.invitations_email(invitation_ids, reminder=reminder)
