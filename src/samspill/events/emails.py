"""The emails of events, each in the language the person registered in, sent after the commit.

Every email to a participant links to their registration's own page (a signed token): there they
see their status, get the calendar file, send agenda input, invite others
and cancel, without an account. Emails to confirmed participants carry the meeting link and the
event's .ics (with the link inside). Only the email to a pending guest carries the separate
confirmation link (see `events.tokens`).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from samspill.core import registry
from samspill.core.mail import language_of, send_templated
from samspill.events.calendar import event_calendar
from samspill.events.models import Registration, RegistrationStatus
from samspill.events.tokens import registration_confirmation_token, registration_token


def manage_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse(
        "events:registration", kwargs={"token": registration_token(registration)}
    )


def confirm_url(registration: Registration) -> str:
    """The confirmation secret's page: in the email to a pending guest, and nowhere else."""
    return settings.SITE_URL + reverse(
        "events:registration-confirm",
        kwargs={"token": registration_confirmation_token(registration)},
    )


def event_url(event) -> str:
    return settings.SITE_URL + event.get_absolute_url()


# The kind of each email (NotificationKinds registered in apps.py): what concerns a registration
# is transactional; reminders and the organisers' messages may be unsubscribed from. A change of
# time, place or status is "events.changed" (events.notices: also on the notifications page).
KINDS = {
    "registered": "events.registration",
    "promoted": "events.registration",
    "cancelled": "events.registration",
    "changed": "events.changed",
    "invitation": "events.invitation",
    "reminder": "events.reminder",
    "message": "events.organiser_message",
}


def _send(
    template: str, *, to: str, context: dict, language: str, ics: bytes | None = None
) -> None:
    attachments = (
        [("invite.ics", ics.decode(), "text/calendar; charset=utf-8; method=PUBLISH")]
        if ics
        else []
    )
    send_templated(
        f"events/email/{template}",
        to=to,
        context=context,
        language=language,
        attachments=attachments,
        kind=KINDS[template],
    )


def _participant_email(template: str, registration: Registration, **extra) -> None:
    event = registration.event
    language = language_of(registration.language)
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    with translation.override(language):
        context = {
            "registration": registration,
            "event": event,
            "manage_url": manage_url(registration),
            "event_url": event_url(event),
            "confirmed": confirmed,
            "confirm_url": (
                confirm_url(registration)
                if registration.status == RegistrationStatus.PENDING
                else ""
            ),
            "meeting_link": event.online_url if confirmed and event.is_online else "",
            **extra,
        }
        ics = (
            event_calendar(event, meeting_link=confirmed)
            if confirmed or extra.get("kind") == "cancelled"
            else None
        )
    _send(
        template,
        to=registration.email,
        context=context,
        language=language,
        ics=ics,
    )


def send_registered(registration: Registration) -> None:
    """Confirmation, waiting-list place, or the request to confirm the email address."""
    _participant_email("registered", registration)


def send_promoted(registration: Registration) -> None:
    _participant_email("promoted", registration)


def send_cancelled(registration: Registration) -> None:
    _participant_email("cancelled", registration)


def send_event_changed(registration: Registration, *, kind: str) -> None:
    _participant_email("changed", registration, kind=kind)


def send_reminder(registration: Registration) -> None:
    _participant_email("reminder", registration)


def send_organiser_message(registration: Registration, message) -> None:
    _participant_email("message", registration, message=message)


def send_invitation(invitation, *, email: str, message: str) -> None:
    registration = invitation.registration
    event = invitation.event
    language = language_of(registration.language)
    with translation.override(language):
        context = {
            "event": event,
            "event_url": event_url(event),
            "inviter": registration.name,
            "message": message,
        }
    _send("invitation", to=email, context=context, language=language)


def register_kinds() -> None:
    """The kinds of the events' emails (AppConfig.ready)."""
    for name, label, transactional in [
        (
            "events.registration",
            lambda: _("Your registrations: confirmation, waiting list, changes, cancellation"),
            True,
        ),
        ("events.invitation", lambda: _("Invitations to an event from a participant"), True),
        (
            "events.reminder",
            lambda: _("Reminders the day before an event you registered for"),
            False,
        ),
        (
            "events.organiser_message",
            lambda: _("Messages from the organisers of your events"),
            False,
        ),
    ]:
        registry.register_notification_kind(
            registry.NotificationKind(
                name=name,
                label=label,
                default="immediate",
                group=lambda: _("Events"),
                transactional=transactional,
            )
        )
