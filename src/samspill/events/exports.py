"""The participant list of an event as CSV or XLSX, for its organisers (written by
`core.spreadsheets`, which keeps text from being read as a formula).

`registration_table` builds the header and the rows once for both formats: one row per registration
(cancelled ones too, with their status), the fixed columns and then one column per registration
question (headed by the question's label). Times are in the event's own time zone. The rows are a
generator over a server-side cursor, so a long list is never held in memory.
"""

import datetime
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.events import selectors
from samspill.events.models import Event, Registration, RegistrationStatus


def answer_display(question, answers: dict) -> str:
    """The answer to one question as shown to organisers, as its kind names it ("Yes"/"No" for
    yes-or-no questions)."""
    value = (answers or {}).get(str(question.pk), "")
    if value is None:
        return ""
    return question.engine.display(question, str(value))


def _local(moment, zone) -> datetime.datetime | None:
    if moment is None:
        return None
    return timezone.localtime(moment, zone).replace(tzinfo=None)


def registration_table(event: Event) -> tuple[list[str], Iterator[list]]:
    """(header, rows). Values are strings, or naive datetimes in the event's time zone.

    Labels are translated now (in the language of the request), not when the rows are read.
    """
    questions = list(event.questions.all())
    header = [
        _("Name"),
        _("Email"),
        _("Status"),
        _("Registered"),
        _("Confirmed"),
        _("Checked in"),
        _("Consent given"),
        *[q.label for q in questions],
    ]
    statuses = {value: str(label) for value, label in RegistrationStatus.choices}
    zone = event.zone
    registrations = selectors.participants_ordered(event)

    def rows() -> Iterator[list]:
        registration: Registration
        for registration in registrations.iterator(chunk_size=500):
            yield [
                registration.name,
                registration.email,
                statuses.get(registration.status, registration.status),
                _local(registration.created_at, zone),
                _local(registration.confirmed_at, zone),
                _local(registration.checked_in_at, zone),
                _local(registration.consented_at, zone),
                *[answer_display(q, registration.answers) for q in questions],
            ]

    return header, rows()


def export_filename(event: Event, extension: str) -> str:
    slug = event.slug or f"event-{event.pk}"
    return f"{slug}-{event.local_start:%Y-%m-%d}.{extension}"
