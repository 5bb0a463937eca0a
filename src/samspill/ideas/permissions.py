"""Who may do what with ideas: plain functions of (user, object).

Those who run the idea's programme (`projects.permissions.may_moderate`) moderate it: its status,
hiding it, its comments. Any signed-in person proposes, supports and comments; the author of an idea
may change it until an editor takes it up.
"""

from samspill.core.permissions import roles_by_organisation
from samspill.projects.permissions import may_moderate, may_moderate_programme


def may_moderate_idea(user, idea) -> bool:
    """Runs the idea's programme: moves the idea on, hides it, moderates its comments."""
    return may_moderate(user, idea.programme)


def may_edit_idea(user, idea) -> bool:
    if not (user and user.is_authenticated):
        return False
    if may_moderate_programme(user, idea.programme_id):
        return True
    return idea.author_id == user.pk and idea.status == "proposed"


def may_speak_for(user, organisation) -> bool:
    """Members of any role may propose on their organisation's behalf."""
    return organisation.pk in roles_by_organisation(user)
