"""Wagtail permission policies of events: core's organisation-scoped policy, with the predicates of
`events.permissions`. An event belongs to its organisers, a series to its organisation; their
admins and editors run them, hub admins run everything."""

from samspill.core.admin.policies import OrganisationScopedPolicy
from samspill.events import permissions
from samspill.events.models import Event, EventSeries

event_policy = OrganisationScopedPolicy(
    Event, fields=("organisers",), allowed_on=permissions.can_manage_event
)
series_policy = OrganisationScopedPolicy(
    EventSeries, fields=("organisation",), allowed_on=permissions.can_manage_series
)
