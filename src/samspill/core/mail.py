"""Outgoing email: every message is stored, then sent by a background task after the commit.

The task gets the id of the stored `OutgoingEmail`, never the message: the task table keeps no
address, body or link, and deleting an account erases what still waits (`erase_for_addresses`).
A header that would break the message (a line break in a subject) is refused here, in the request
that made it, instead of failing unseen in the worker.

`send_templated` is how an app sends its emails, all alike: `<name>_subject.txt`, `<name>.txt`
(the content, plain text) and optionally `<name>.html` (extends "core/email/base.html"), rendered
in the recipient's language (`language_of`) inside the hub's base templates (its name, logo and
address; for a kind one may unsubscribe from, the unsubscribe link and the `List-Unsubscribe`
headers of RFC 8058), queued with `enqueue_message`. Each message names its `kind` (a registered
NotificationKind); the worker writes an `EmailLog` row per recipient when it sends it.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, Q
from django.template import TemplateDoesNotExist
from django.template.defaultfilters import linebreaks, urlize
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from samspill.core import registry
from samspill.core.models import (
    Delivery,
    EmailLog,
    EmailOptOut,
    EmailStatus,
    NotificationSetting,
    OutgoingEmail,
)
from samspill.core.selectors import hub_name
from samspill.core.tasks import send_outgoing_email, send_outgoing_emails

EMAIL_LOGO = "samspill/img/email-logo.png"

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


def enqueue_message(message: EmailMessage, *, kind: str | None = None) -> None:
    """Store the message and send it from the worker once the transaction commits. `kind` (a
    NotificationKind's name) goes to its EmailLog rows.

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
        kind=kind or "",
    )
    transaction.on_commit(lambda: send_outgoing_email.enqueue(message_id=stored.pk))


def enqueue_messages(messages: list[EmailMessage], *, kind: str | None = None) -> list[int]:
    """Store many messages in one bulk insert and send them from the worker after the commit, in
    tasks of `SEND_BATCH` messages (the digests: a query per batch, not per person). Returns the
    stored ids. The headers are the caller's to check (they come from templates, not from input)."""
    if _suppressed.get() or not messages:
        return []
    rows = []
    for message in messages:
        html = None
        if isinstance(message, EmailMultiAlternatives):
            html = next((c for c, mime in message.alternatives if mime == "text/html"), None)
        rows.append(
            OutgoingEmail(
                subject=str(message.subject),
                body=message.body,
                html=html or "",
                from_email=message.from_email or "",
                to=_lines(message.to),
                reply_to=_lines(message.reply_to),
                headers=dict(message.extra_headers),
                attachments=[],
                kind=kind or "",
            )
        )
    stored = OutgoingEmail.objects.bulk_create(rows)
    ids = [row.pk for row in stored]  # SQLite ≥ 3.35 and PostgreSQL return them
    for start in range(0, len(ids), SEND_BATCH):
        chunk = ids[start : start + SEND_BATCH]
        transaction.on_commit(lambda chunk=chunk: send_outgoing_emails.enqueue(message_ids=chunk))
    return ids


SEND_BATCH = 100


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


def absolute(url: str) -> str:
    """`url` as an address that works from a mail client: a path gets SITE_URL in front."""
    if not url or "://" in url or url.startswith("mailto:"):
        return url
    return settings.SITE_URL + (url if url.startswith("/") else "/" + url)


def logo_url() -> str:
    """The hub's logo for emails, a PNG (mail clients show no SVG), absolute."""
    return absolute(static(EMAIL_LOGO))


def site_context() -> dict:
    """What every email template may use: the site's name, address and logo."""
    return {
        "site_name": hub_name(),
        "site_url": settings.SITE_URL,
        "site_host": urlsplit(settings.SITE_URL).netloc,
        "logo_url": logo_url(),
    }


# --- Kinds -----------------------------------------------------------------------------------------


def notification_kind(name: str | None):
    """The registered NotificationKind of that name, or None."""
    return registry.notification_kind(name) if name else None


def kind_label(name: str) -> str:
    kind = notification_kind(name)
    return str(kind.label()) if kind is not None else name


def is_transactional(name: str | None) -> bool:
    """An email without a kind, or of a transactional kind (one the person asked for): always
    sent, never with an unsubscribe link. A kind nobody registered counts as not transactional:
    it can be unsubscribed from."""
    if not name:
        return True
    kind = notification_kind(name)
    return bool(kind is not None and kind.transactional)


def opted_out(address: str, kind: str, user=None) -> bool:
    """True when `address` unsubscribed from `kind`, or its person (`user`, else the account with
    that address) set the kind to "never". One query."""
    address = address.strip().lower()
    opt_outs = EmailOptOut.objects.filter(address=address, kind=kind).values_list("pk")
    nevers = NotificationSetting.objects.filter(kind=kind, delivery=Delivery.NEVER)
    if user is not None and getattr(user, "pk", None):
        nevers = nevers.filter(user_id=user.pk)
    else:
        nevers = nevers.filter(user__email=address)
    return bool(list(opt_outs.union(nevers.values_list("pk"))[:1]))


def log_email(*, kind: str | None, address: str, status: str, subject: str = "", user=None):
    EmailLog.objects.create(
        kind=kind or "",
        address=address.strip().lower(),
        status=status,
        subject=str(subject)[:300],
        user=user if getattr(user, "pk", None) else None,
    )


# --- Rendering -------------------------------------------------------------------------------------


def text_to_html(text: str) -> str:
    """Plain text as HTML: escaped, links made links, blank lines as paragraphs."""
    return linebreaks(urlize(text.strip(), autoescape=True), autoescape=False)


def _optional_template(name: str):
    try:
        return get_template(name)
    except TemplateDoesNotExist:
        return None


def render_templated(template: str, context: dict, *, language: str) -> tuple[str, str]:
    """(subject, text) of the email `template` as a recipient reads it (an admin's preview)."""
    subject, text, _html = render_email(template, context, language=language)
    return subject, text


def render_email(
    template: str, context: dict, *, language: str, unsubscribe_url: str = "", kind: str = ""
) -> tuple[str, str, str]:
    """(subject, text, html) of `<template>_subject.txt`, `<template>.txt` and, if there is one,
    `<template>.html` in `language`, each inside the hub's base (core/email/base.*): the subject
    on one line. Without a `.html`, the text becomes the HTML (escaped, links, paragraphs)."""
    with translation.override(language):
        context = {
            **site_context(),
            **context,
            "language": language,
            "unsubscribe_url": unsubscribe_url,
            "kind_label": kind_label(kind) if unsubscribe_url else "",
        }
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        context["subject"] = subject
        content = render_to_string(f"{template}.txt", context).strip("\n")
        text = render_to_string("core/email/base.txt", {**context, "content": content})
        html_template = _optional_template(f"{template}.html")
        if html_template is not None:
            html = html_template.render(context)
        else:
            html = render_to_string(
                "core/email/base.html", {**context, "content": mark_safe(text_to_html(content))}
            )
    return subject, text, html


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
) -> int:
    """Render the email `template` (a path without `.txt`, e.g. "events/email/registered") in the
    language of `recipient` (a user) or the given `language`, and queue it to `to`. Returns how
    many messages were queued.

    `kind` names a registered NotificationKind. An email of a kind that is not transactional goes
    to each address on its own, with `List-Unsubscribe` (one click, RFC 8058) and an unsubscribe
    link in its footer; it is skipped (and logged "skipped") for an address that unsubscribed from
    the kind or whose person set it to "never".

    `attachments` are (filename, text, mimetype). Nothing is sent to an empty `to`."""
    language = language_of(language if language is not None else recipient)

    def render(unsubscribe: str) -> tuple[str, str, str]:
        return render_email(
            template, context, language=language, unsubscribe_url=unsubscribe, kind=kind or ""
        )

    return _send(
        render,
        to=to,
        language=language,
        recipient=recipient,
        attachments=attachments,
        reply_to=reply_to,
        kind=kind,
    )


def send_rendered(
    *,
    subject: str,
    text: str,
    to: list[str] | str,
    language: str | None = None,
    recipient=None,
    reply_to: list[str] | None = None,
    kind: str | None = None,
) -> int:
    """An email whose text was rendered elsewhere (Wagtail's workflow notices), sent like
    `send_templated`: inside the hub's base, with its kind, skipping and unsubscribe link."""
    language = language_of(language if language is not None else recipient)

    def render(unsubscribe: str) -> tuple[str, str, str]:
        with translation.override(language):
            context = {
                **site_context(),
                "language": language,
                "subject": " ".join(str(subject).split()),
                "unsubscribe_url": unsubscribe,
                "kind_label": kind_label(kind) if unsubscribe else "",
            }
            content = text.strip("\n")
            body = render_to_string("core/email/base.txt", {**context, "content": content})
            html = render_to_string(
                "core/email/base.html", {**context, "content": mark_safe(text_to_html(content))}
            )
        return context["subject"], body, html

    return _send(
        render, to=to, language=language, recipient=recipient, reply_to=reply_to, kind=kind
    )


def _send(
    render,
    *,
    to: list[str] | str,
    language: str,
    recipient=None,
    attachments: tuple = (),
    reply_to: list[str] | None = None,
    kind: str | None = None,
) -> int:
    to = [to] if isinstance(to, str) else [address for address in to if address]
    if not to or _suppressed.get():
        return 0
    user = recipient if getattr(recipient, "pk", None) and hasattr(recipient, "email") else None
    if is_transactional(kind):
        batches = [(to, "")]
    else:
        from samspill.core.unsubscribe import unsubscribe_url

        batches = []
        for address in to:
            person = user if user is not None and user.email.lower() == address.lower() else None
            if opted_out(address, kind, person):
                log_email(kind=kind, address=address, status=EmailStatus.SKIPPED, user=person)
                continue
            batches.append(([address], unsubscribe_url(address, kind, language=language)))
    queued = 0
    for addresses, unsubscribe in batches:
        subject, text, html = render(unsubscribe)
        headers = {}
        if unsubscribe:
            headers["List-Unsubscribe"] = f"<{unsubscribe}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=addresses,
            reply_to=reply_to,
            headers=headers,
        )
        message.attach_alternative(html, "text/html")
        for name, content, mimetype in attachments:
            message.attach(name, content, mimetype)
        enqueue_message(message, kind=kind)
        queued += 1
    return queued


def wrap_in_base(message: EmailMessage, *, language: str | None = None) -> EmailMessage:
    """A message rendered elsewhere (allauth's) with the hub's base: its text gets the base's
    footer, and an HTML part from the text when it has none."""
    language = language_of(language)
    if message.content_subtype == "html" or (
        isinstance(message, EmailMultiAlternatives)
        and any(mime == "text/html" for _content, mime in message.alternatives)
    ):
        return message
    with translation.override(language):
        context = {**site_context(), "language": language, "subject": str(message.subject)}
        content = message.body.strip("\n")
        text = render_to_string("core/email/base.txt", {**context, "content": content})
        html = render_to_string(
            "core/email/base.html", {**context, "content": mark_safe(text_to_html(content))}
        )
    wrapped = EmailMultiAlternatives(
        subject=message.subject,
        body=text,
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=message.reply_to,
        headers=message.extra_headers,
    )
    wrapped.attach_alternative(html, "text/html")
    for attachment in message.attachments:
        wrapped.attach(*attachment)
    return wrapped


# --- The log ---------------------------------------------------------------------------------------

EMAIL_LOG_DAYS = 30


def email_log_prune() -> dict:
    """Delete EmailLog rows older than EMAIL_LOG_DAYS (a periodic job)."""
    cutoff = timezone.now() - timedelta(days=EMAIL_LOG_DAYS)
    deleted, _rows = EmailLog.objects.filter(at__lt=cutoff).delete()
    return {"deleted": deleted}


def email_report(*, days: int = EMAIL_LOG_DAYS) -> list[dict]:
    """Per kind, how many emails were sent, failed, bounced, unsubscribed and skipped in the last
    `days` days: one aggregate query. Rows by kind label."""
    since = timezone.now() - timedelta(days=days)
    counts: dict[str, dict[str, int]] = {}
    rows = (
        EmailLog.objects.filter(at__gte=since)
        .values("kind", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts.setdefault(row["kind"], {})[row["status"]] = row["n"]
    report = [
        {
            "kind": kind,
            "label": kind_label(kind) if kind else "",
            **{status: by_status.get(status, 0) for status in EMAIL_STATUSES},
        }
        for kind, by_status in counts.items()
    ]
    return sorted(report, key=lambda row: (row["label"].lower(), row["kind"]))


EMAIL_STATUSES = tuple(EmailStatus.values)


def email_bounced(address: str) -> bool:
    """Record that the mail provider could not deliver to `address`: its latest "sent" row of the
    last EMAIL_LOG_DAYS becomes "bounced", so the report counts it under its kind. False when no
    email to that address was logged as sent (nothing is recorded for an unknown address)."""
    address = (address or "").strip()
    if not address:
        return False
    since = timezone.now() - timedelta(days=EMAIL_LOG_DAYS)
    latest = (
        EmailLog.objects.filter(address__iexact=address, status=EmailStatus.SENT, at__gte=since)
        .order_by("-at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if latest is None:
        return False
    return bool(EmailLog.objects.filter(pk=latest).update(status=EmailStatus.BOUNCED))


# --- Wagtail's emails (workflow and comment notices) -----------------------------------------------


def wagtail_send_mail(subject, message, recipient_list, from_email=None, **kwargs) -> int:
    """Stands in for `wagtail.admin.mail.send_mail` (core's AppConfig.ready): Wagtail's notices of
    the review workflow and of comments are queued like every other email, inside the hub's base,
    in the recipient's language, as kind "core.workflow" (one may unsubscribe). Wagtail's own HTML
    and connection are not used."""
    from django.contrib.auth import get_user_model

    sent = 0
    for address in recipient_list or ():
        person = get_user_model().objects.filter(email__iexact=address).first()
        sent += send_rendered(
            subject=subject,
            text=message,
            to=[address],
            recipient=person,
            language=None if person is not None else translation.get_language(),
            reply_to=kwargs.get("reply_to"),
            kind="core.workflow",
        )
    return sent
