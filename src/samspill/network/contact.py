"""The contact relay: a message to an organisation's administrators (or to a listed person) sent
from the hub's address, with Reply-To set to the sender.

The sender never sees the recipients' addresses; the recipients see the sender's address only when
they reply. Each recipient gets a message of their own, in their preferred language, after the
commit (`samspill.core.mail.send_templated`, kind "network.contact": one may unsubscribe).
"""

from django.utils import translation
from django.utils.translation import gettext as _

from samspill.core.mail import language_of, send_templated


def relay(
    *, sender, recipients, subject: str, message: str, page_url: str, about: str | None = None
) -> int:
    """Queue one email per recipient; returns how many. `about` names the organisation that was
    contacted; without it the message was for the recipient in person."""
    sent = 0
    for recipient in recipients:
        if not recipient.email:
            continue
        language = language_of(recipient)
        with translation.override(language):
            context = {
                "sender": sender.name or sender.email,
                "about": about or _("you"),
                "subject": subject,
                "message": message,
                "page_url": page_url,
            }
        sent += send_templated(
            "network/email/contact",
            to=[recipient.email],
            context=context,
            language=language,
            recipient=recipient,
            reply_to=[sender.email],
            kind="network.contact",
        )
    return sent
