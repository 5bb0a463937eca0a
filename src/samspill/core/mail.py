"""Outgoing email: every message is stored, then sent by a background task after the commit.

The task gets the id of the stored `OutgoingEmail`, never the message: the task table keeps no
address, body or link, and deleting an account erases what still waits (`erase_for_addresses`).
A header that would break the message (a line break in a subject) is refused here, in the request
that made it, instead of failing unseen in the worker.

`send_templated` is how an app sends its emails: two templates, `<name>_subject.txt` and
`<name>.txt`, rendered in the recipient's language (`language_of`), queued with `enqueue_message`.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from samspill.core.models import OutgoingEmail
from samspill.core.selectors import hub_name
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


# --- Templated emails, in the recipient's language ------------------------------------------------


def language_of(recipient=None) -> str:
    """The language to write to someone in: a user's preferred language, or a language code (a
    registration's), when the site speaks it ("nb-NO" counts as "nb"); else the site's default."""
    code = recipient if isinstance(recipient, str) or recipient is None else None
    if code is None:
        code = getattr(recipient, "preferred_language", "")
    code = (code or "")[:2].lower()
    return (
        code
        if code in {language for language, _name in settings.LANGUAGES}
        else (settings.LANGUAGE_CODE)
    )


def site_context() -> dict:
    """What every email template may use: the site's name and address."""
    return {"site_name": hub_name(), "site_url": settings.SITE_URL}


def render_templated(template: str, context: dict, *, language: str) -> tuple[str, str]:
    """(subject, body) of `<template>_subject.txt` and `<template>.txt` in `language`; the
    subject on one line."""
    with translation.override(language):
        context = {**site_context(), **context}
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return " ".join(subject.split()), body


def send_templated(
    template: str,
    *,
    to: list[str] | str,
    context: dict,
    language: str | None = None,
    recipient=None,
    attachments: tuple = (),
    reply_to: list[str] | None = None,
    kind: str | None = None,
) -> None:
    """Render the email `template` (a path without `.txt`, e.g. "events/email/registered") in the
    language of `recipient` (a user) or the given `language`, and queue it to `to`.

    `attachments` are (filename, text, mimetype). Nothing is sent to an empty `to`."""
    to = [to] if isinstance(to, str) else [address for address in to if address]
    if not to:
        return
    language = language_of(language if language is not None else recipient)
    subject, body = render_templated(template, context, language=language)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
    )
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    enqueue_message(message)
