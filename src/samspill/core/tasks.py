"""Background work of core. Runs in `samspill worker`; tests use the immediate backend."""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Subquery
from django_tasks import task

from samspill.core.models import EmailLog, EmailStatus, OutgoingEmail

logger = logging.getLogger(__name__)


def build_message(stored: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=stored.subject,
        body=stored.body,
        from_email=stored.from_email or None,
        to=stored.to.splitlines(),
        reply_to=stored.reply_to.splitlines() or None,
        headers=stored.headers or None,
    )
    if stored.html:
        message.attach_alternative(stored.html, "text/html")
    for name, content, mimetype in stored.attachments or ():
        message.attach(name, content, mimetype)
    return message


@task()
def send_outgoing_email(*, message_id: int) -> bool:
    """Send a stored email (`core.mail`) and delete it; its id is all the task table ever holds.
    False when it is gone (erased with its account)."""
    return send_stored(message_id)


@task()
def send_outgoing_emails(*, message_ids: list[int]) -> int:
    """Send several stored emails (a batch of digests), each as `send_outgoing_email` does. One
    that fails is logged, recorded "failed" and kept (until the retention prunes it); the others
    are still sent. Returns how many were sent."""
    sent = 0
    for message_id in message_ids:
        try:
            sent += send_stored(message_id)
        except Exception:  # logged in send_stored; the rest of the batch goes on
            continue
    return sent


def send_stored(message_id: int) -> bool:
    stored = OutgoingEmail.objects.filter(pk=message_id).first()
    if stored is None:
        return False
    try:
        build_message(stored).send()
    except Exception:
        # Loud: the task fails with the error, and the row stays until the retention prunes it.
        logger.exception("Outgoing email #%s could not be sent", message_id)
        log_sent(stored, status=EmailStatus.FAILED)
        raise
    log_sent(stored, status=EmailStatus.SENT)
    OutgoingEmail.objects.filter(pk=message_id).delete()
    return True


def log_sent(stored: OutgoingEmail, *, status: str) -> None:
    """One EmailLog row per recipient of the stored email ("sent" or "failed"), with the account
    of each address that is one's (found inside the one INSERT)."""
    accounts = get_user_model().objects.values("pk")
    EmailLog.objects.bulk_create(
        EmailLog(
            kind=stored.kind,
            address=address,
            user_id=Subquery(accounts.filter(email=address)[:1]),
            status=status,
            subject=stored.subject[:300],
        )
        for address in (a.strip().lower() for a in stored.to.splitlines())
        if address
    )


@task()
def send_notifications(*, notification_ids: list[int]) -> int:
    """Email the notifications due at once (`core.notifications.notify`, after the commit)."""
    from samspill.core.notifications import email_notifications

    return email_notifications(notification_ids)


@task()
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str | None = None,
    from_email: str | None = None,
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[list[str]] | None = None,
) -> None:
    """The old form, with the whole message as arguments: kept only so that emails queued before
    the upgrade are still sent. Nothing enqueues it any more."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email,
        to=to,
        reply_to=reply_to,
        headers=headers,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments or ():
        message.attach(name, content, mimetype)
    message.send()


@task()
def send_newsletter(*, newsletter_id: int) -> int:
    """The first batches of a newsletter sent now (`core.newsletters`); the periodic job
    "core.newsletters.send" sends the rest."""
    from samspill.core.newsletters import send_one

    return send_one(newsletter_id)
