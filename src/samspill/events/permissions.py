"""Who may do what with events: plain functions of (user, object).

An event's organisers are organisations; their admins and editors run the event (edit it, see the
participants, check people in, message them, curate agenda input). Hub admins run every event. A
series belongs to one organisation, whose admins and editors look after it.
"""

from samspill.core.models import EDITING_ROLES
from samspill.core.permissions import (
    editable_by,
    editable_organisation_ids,
    edits_for,
    is_hub_admin,
    roles_by_organisation,
)


def can_create_event(user) -> bool:
    return is_hub_admin(user) or bool(editable_organisation_ids(user))


def can_manage_event(user, event) -> bool:
    if is_hub_admin(user):
        return True
    roles = roles_by_organisation(user)
    if not roles:
        return False
    organiser_ids = getattr(event, "_organiser_ids", None)
    if organiser_ids is None:
        organiser_ids = list(event.organisers.values_list("pk", flat=True))
    return any(roles.get(pk) in EDITING_ROLES for pk in organiser_ids)


def managed_events(user, queryset):
    """The events of `queryset` the user may run."""
    scoped = editable_by(user, queryset, "organisers")
    return scoped if scoped is queryset else scoped.distinct()


def can_view_event(user, event) -> bool:
    return event.is_published or can_manage_event(user, event)


def can_create_series(user) -> bool:
    return is_hub_admin(user) or bool(editable_organisation_ids(user))


def can_manage_series(user, series) -> bool:
    return edits_for(user, series.organisation_id)


def managed_series(user, queryset):
    """The series of `queryset` the user may look after."""
    return editable_by(user, queryset, "organisation_id")
