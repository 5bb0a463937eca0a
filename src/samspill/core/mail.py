"""Outgoing email: every message is sent by a background task, after the transaction commits."""

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction


def enqueue_message(message: EmailMessage) -> None:
    from samspill.core.tasks import send_email

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
    transaction.on_commit(lambda: send_email.enqueue(**kwargs))
