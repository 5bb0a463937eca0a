"""The contact relay: a message to an organisation's administrators (or to a listed person) sent
from the hub's address, with Reply-To set to the sender.

The sender never sees the recipients' addresses; the recipients see the sender's address only when
they reply. Each recipient gets a message of their own, in their preferred language, after the
commit (`samspill.core.mail.enqueue_message`).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from samspill.core.mail import enqueue_message, language_of
from samspill.core.selectors import hub_name


def _body(*, sender, about: str, message: str, page_url: str) -> str:
    values = {
        "sender": sender.name or sender.email,
        "site": hub_name(),
        "about": about,
    }
    intro = _("%(sender)s sent a message through %(site)s to %(about)s:") % values
    outro = (
        _(
            "Answer by replying to this email: your answer goes to %(sender)s, and only then do they "
            "see your email address."
        )
        % values
    )
    return f"{intro}\n\n{message}\n\n-- \n{outro}\n{page_url}\n"


def relay(
    *, sender, recipients, subject: str, message: str, page_url: str, about: str | None = None
) -> int:
    """Queue one email per recipient; returns how many. `about` names the organisation that was
    contacted; without it the message was for the recipient in person."""
    sent = 0
    for recipient in recipients:
        if not recipient.email:
            continue
        with translation.override(language_of(recipient)):
            site = hub_name()
            body = _body(sender=sender, about=about or _("you"), message=message, page_url=page_url)
            email = EmailMessage(
                subject=f"[{site}] {subject}",
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[recipient.email],
                reply_to=[sender.email],
            )
        enqueue_message(email)
        sent += 1
    return sent
