"""Background work of events (arguments are primary keys). Emails go through core's send task."""

from django_tasks import task

from samspill.events import reminders


@task()
def send_event_reminders(event_id: int) -> int:
    """Queued by `services.schedule_reminders` to run a day before the event starts."""
    return reminders.reminders_send(event_id=event_id)
