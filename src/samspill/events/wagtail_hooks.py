"""Editor and organiser screens for events in the Wagtail admin (built in `events.admin`).

The "Events" menu holds the events and the event series. Hub admins see and run every event; an
organisation's admins and editors see the events their organisations organise (and create new
ones for them), as `events.permissions` says. Each event has its organisers' screens next to its
edit form: participants (check-in, cancelling, exports), messages and agenda input
(`events.admin.screens`). Every save goes through `events.services`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from samspill.events.admin.dashboard import UpcomingEventsPanel
from samspill.events.admin.policies import event_policy, series_policy
from samspill.events.admin.viewsets import EventsViewSetGroup
from samspill.events.models import Event, EventSeries

LOG_ACTIONS = [
    ("events.event.created", _("Event created")),
    ("events.event.updated", _("Event updated")),
    ("events.event.deleted", _("Event deleted")),
    ("events.registration.created", _("Registration created")),
    ("events.registration.email_confirmed", _("Registration email confirmed")),
    ("events.registration.promoted", _("Registration moved from the waiting list")),
    ("events.registration.cancelled", _("Registration cancelled")),
    ("events.registration.checked_in", _("Participant checked in")),
    ("events.registration.unchecked", _("Check-in undone")),
    ("events.registration.reminded", _("Reminder sent")),
    ("events.agenda_input.created", _("Agenda input sent")),
    ("events.agenda_input.curated", _("Agenda input curated")),
    ("events.invitation.sent", _("Invitation sent")),
    ("events.message.sent", _("Message sent to participants")),
    ("events.participants.exported", _("Participant list exported")),
    ("events.series.created", _("Event series created")),
    ("events.series.updated", _("Event series updated")),
    ("events.series.deleted", _("Event series deleted")),
]


register_permission_policy(Event, event_policy)
register_permission_policy(EventSeries, series_policy)


@hooks.register("register_log_actions")
def register_events_log_actions(actions):
    for code, label in LOG_ACTIONS:
        actions.register_action(code, label, label)


@hooks.register("register_admin_viewset")
def register_events_viewsets():
    return EventsViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_upcoming_events_panel(request, panels):
    panels.append(UpcomingEventsPanel(request))
