"""Who may do what in the network: plain functions of (user, object).

Roles themselves (members, admins, hub admins) are core's (`core.permissions`); these combine them
with the network's own rules (a profile waiting for approval, the hub editors' permission)."""

from samspill.core.permissions import (
    belongs_to,
    is_hub_admin,
    managed_organisation_ids,
    roles_by_organisation,
)
from samspill.network.selectors import is_listed

HUB_EDITOR_PERMISSION = "network.change_organisationprofile"


def is_hub_editor(user) -> bool:
    return is_hub_admin(user) or bool(
        user.is_authenticated and user.is_active and user.has_perm(HUB_EDITOR_PERMISSION)
    )


def can_view_profile(user, organisation) -> bool:
    """Listed organisations are public; others only to their members (who see their unlisted
    profile, also while it waits for approval) and the hub's editors."""
    return is_listed(organisation) or belongs_to(user, organisation) or is_hub_editor(user)


def can_see_matches(user, organisation) -> bool:
    """On the profile page: the organisation's members (any role) and the hub's editors."""
    return organisation.pk in roles_by_organisation(user) or is_hub_editor(user)


def can_see_matches_in_api(user, organisation) -> bool:
    """Through the API: the organisation's members (any role) and hub admins."""
    return is_hub_admin(user) or organisation.pk in roles_by_organisation(user)


def can_see_join_requests(user) -> bool:
    """The admin's "Requests to join": hub admins, and admins of at least one organisation."""
    ids = managed_organisation_ids(user)
    return ids is None or bool(ids)
