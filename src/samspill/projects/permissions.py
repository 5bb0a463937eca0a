"""Who may do what in projects: plain functions of (user, object).

Hub admins may do everything. The programme's secretariat (its admins and editors) runs the
programme: its themes, every project under it, and the ideas (status, hiding, comment moderation).
The editors of a project's lead organisation edit that project. Any signed-in person proposes,
supports and comments; the author of an idea may change it until an editor takes it up.
"""

from samspill.core.models import EDITING_ROLES
from samspill.core.permissions import is_hub_admin, roles_by_organisation


def _edits(user, organisation_id) -> bool:
    return organisation_id is not None and roles_by_organisation(user).get(organisation_id) in (
        EDITING_ROLES
    )


def may_moderate(user, programme) -> bool:
    """Runs the programme: themes, ideas' statuses, moderation."""
    if is_hub_admin(user):
        return True
    return _edits(user, programme.secretariat_id)


def may_edit_project(user, project) -> bool:
    if is_hub_admin(user):
        return True
    return _edits(user, project.lead_organisation_id) or _edits(
        user, project.programme.secretariat_id
    )


def may_create_project(user) -> bool:
    return is_hub_admin(user) or any(
        role in EDITING_ROLES for role in roles_by_organisation(user).values()
    )


def may_edit_idea(user, idea) -> bool:
    if not (user and user.is_authenticated):
        return False
    if may_moderate(user, idea.programme):
        return True
    return idea.author_id == user.pk and idea.status == "proposed"


def may_speak_for(user, organisation) -> bool:
    """Members of any role may propose on their organisation's behalf."""
    return organisation.pk in roles_by_organisation(user)
