"""The day-before reminder to confirmed participants: due within 24 hours, sent once each.

`services.schedule_reminders` queues `tasks.send_event_reminders` for each event; the periodic
job events.send_reminders (the worker, every 15 minutes; `samspill send-reminders` by hand) sends
whatever is due either way.
"""

from django.db import transaction
from django.utils import timezone

from samspill.core.services import audit_log
from samspill.events import emails
from samspill.events.models import Event, EventStatus, Registration, RegistrationStatus


def reminders_send(*, event_id: int | None = None, now=None) -> int:
    """Send the day-before reminder to confirmed participants of events starting within 24 hours
    (one event, or all). Each registration is reminded once, even if two workers race."""
    now = now or timezone.now()
    events = Event.objects.published().filter(
        status=EventStatus.SCHEDULED,
        starts_at__gt=now,
        starts_at__lte=now + timezone.timedelta(hours=24),
    )
    if event_id is not None:
        events = events.filter(pk=event_id)
    sent = 0
    for registration in Registration.objects.filter(
        event__in=events, status=RegistrationStatus.CONFIRMED, reminded_at__isnull=True
    ).select_related("event"):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if claimed:
                audit_log(actor=None, action="events.registration.reminded", target=registration)
                emails.send_reminder(registration)
                sent += claimed
    return sent
