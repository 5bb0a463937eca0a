"""Outgoing email: every message is sent by a background task, after the transaction commits."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction

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


def enqueue_message(message: EmailMessage) -> None:
    from samspill.core.tasks import send_email

    if _suppressed.get():
        return
    html = None
    if isinstance(message, EmailMultiAlternatives):
        html = next((c for c, mime in message.alternatives if mime == "text/html"), None)
    if message.content_subtype == "html":
        html, body = message.body, ""
    else:
        body = message.body
    kwargs = {
        "subject": str(message.subject),
        "body": body,
        "html": html,
        "to": list(message.to),
        "from_email": message.from_email,
        "reply_to": list(message.reply_to) or None,
        "headers": dict(message.extra_headers) or None,
    }
    attachments = [
        [name, content if isinstance(content, str) else content.decode(), mimetype]
        for name, content, mimetype in message.attachments
    ]
    if attachments:  # text attachments only (calendar files): task arguments are JSON
        kwargs["attachments"] = attachments
    transaction.on_commit(lambda: send_email.enqueue(**kwargs))
