"""Who may do what with the answer finder's editor screens: plain functions of the user.

The synonyms are every editor's (`wagtail_hooks`). What readers asked and voted, and changing what
a question is answered with, are the hub's editors': hub admins, and those given the answer
finder's model permissions (in a Wagtail group such as "Hub editors"). An organisation's editor
without them sees none of it.
"""

from samspill.core.permissions import editable_organisation_ids, is_hub_admin


def can_manage_answers(user) -> bool:
    """The synonyms and the word on search by meaning: hub admins, and admins and editors of any
    organisation."""
    return is_hub_admin(user) or bool(editable_organisation_ids(user))


def _has(user, codename: str) -> bool:
    if is_hub_admin(user):
        return True
    return bool(
        user and user.is_authenticated and user.is_active and user.has_perm(f"answers.{codename}")
    )


def can_see_feedback(user) -> bool:
    """The feedback ranking: readers' votes and the questions they asked."""
    return _has(user, "view_feedback")


def can_handle_unanswered(user) -> bool:
    """The unanswered questions: see them, mark them handled, attach an answer."""
    return _has(user, "change_unansweredquestion")


def can_pin_answers(user) -> bool:
    return _has(user, "add_pinnedanswer")


def can_add_synonyms(user) -> bool:
    return _has(user, "add_synonym")


def can_see_pins(user) -> bool:
    return _has(user, "view_pinnedanswer")


def can_delete_pins(user) -> bool:
    return _has(user, "delete_pinnedanswer")
