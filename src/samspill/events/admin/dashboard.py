"""The dashboard's "Upcoming events": the next events of the organisations the user runs, with
their registrations against the capacity and a link to the participants (`core.admin.dashboard`)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy, ngettext

from samspill.core.admin.dashboard import Cell, DashboardPanel, Row
from samspill.events import selectors
from samspill.events.admin.screens import URL_NAMESPACE
from samspill.events.models import EventStatus
from samspill.events.permissions import can_create_event


class UpcomingEventsPanel(DashboardPanel):
    name = "events-upcoming"
    base_order = 120
    heading = gettext_lazy("Upcoming events")
    columns = (gettext_lazy("Event"), gettext_lazy("Starts"), gettext_lazy("Registered"))
    empty_text = gettext_lazy("No upcoming events of your organisations.")

    def is_shown(self) -> bool:
        return can_create_event(self.user)

    def _events(self):
        return selectors.event_list_upcoming_managed(user=self.user)

    def rows(self) -> list[Row]:
        return [self._row(event) for event in self._events()[: self.limit]]

    def _row(self, event) -> Row:
        notes = []
        if event.status == EventStatus.CANCELLED:
            notes.append(gettext("Cancelled"))
        elif event.status != EventStatus.SCHEDULED:
            notes.append(event.get_status_display())
        if not event.is_published:
            notes.append(gettext("Not published"))
        if event.capacity:
            registered = gettext("%(confirmed)s of %(capacity)s") % {
                "confirmed": event.confirmed_count,
                "capacity": event.capacity,
            }
        else:
            registered = gettext("%(confirmed)s (no limit)") % {"confirmed": event.confirmed_count}
        waiting = (
            ngettext("%(n)s waiting", "%(n)s waiting", event.waitlist_count)
            % {"n": event.waitlist_count}
            if event.waitlist_count
            else ""
        )
        return Row(
            cells=[
                Cell(
                    event.title,
                    reverse(f"{URL_NAMESPACE}:edit", args=[event.pk]),
                    note=", ".join(notes),
                ),
                Cell(date_format(event.local_start, "SHORT_DATETIME_FORMAT")),
                Cell(registered, note=waiting),
            ],
            actions=[
                Cell(
                    gettext("Participants"),
                    reverse(f"{URL_NAMESPACE}:participants", args=[event.pk]),
                )
            ],
        )

    def total(self) -> int:
        return self._events().count()

    def more_url(self) -> str:
        return reverse(f"{URL_NAMESPACE}:index")

    def more_text(self, total: int) -> str:
        return ngettext("All %(n)s upcoming event", "All %(n)s upcoming events", total) % {
            "n": total
        }
