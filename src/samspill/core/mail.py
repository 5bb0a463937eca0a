"""Outgoing email: every message is stored, then sent by a background task after the commit.

The task gets the id of the stored `OutgoingEmail`, never the message: the task table keeps no
address, body or link, and deleting an account erases what still waits (`erase_for_addresses`).
A header that would break the message (a line break in a subject) is refused here, in the request
that made it, instead of failing unseen in the worker.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q

from samspill.core.models import OutgoingEmail
from samspill.core.tasks import send_outgoing_email

_suppressed: ContextVar[bool] = ContextVar("samspill_emails_suppressed", default=False)


@contextmanager
def emails_suppressed():
    """Send nothing from inside the block (the demo builders: fictional people get no mail)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def suppressed() -> bool:
    """True inside `emails_suppressed()`: for work that queues its own mail task."""
    return _suppressed.get()


def _lines(addresses) -> str:
    return "\n".join(str(address) for address in addresses or ())


def enqueue_message(message: EmailMessage) -> None:
    """Store the message and send it from the worker once the transaction commits.

    Raises `BadHeaderError` at once for a header with a line break."""
    if _suppressed.get():
        return
    message.message()  # builds the headers: BadHeaderError now, not in the worker
    html = None
    if isinstance(message, EmailMultiAlternatives):
        html = next((c for c, mime in message.alternatives if mime == "text/html"), None)
    if message.content_subtype == "html":
        html, body = message.body, ""
    else:
        body = message.body
    attachments = [  # text attachments only (calendar files)
        [name, content if isinstance(content, str) else content.decode(), mimetype]
        for name, content, mimetype in message.attachments
    ]
    stored = OutgoingEmail.objects.create(
        subject=str(message.subject),
        body=body,
        html=html or "",
        from_email=message.from_email or "",
        to=_lines(message.to),
        reply_to=_lines(message.reply_to),
        headers=dict(message.extra_headers),
        attachments=attachments,
    )
    transaction.on_commit(lambda: send_outgoing_email.enqueue(message_id=stored.pk))


def erase_for_addresses(addresses: list[str]) -> int:
    """Delete the waiting emails to, from or about these addresses (an account being deleted)."""
    addresses = [address for address in addresses if address]
    if not addresses:
        return 0
    condition = Q()
    for address in addresses:
        condition |= (
            Q(to__icontains=address)
            | Q(reply_to__icontains=address)
            | Q(body__icontains=address)
            | Q(html__icontains=address)
        )
    deleted, _rows = OutgoingEmail.objects.filter(condition).delete()
    return deleted
