"""The review step of the knowledge bank's workflow: the owning organisation approves.

Editors of an organisation write and submit; the organisation's admins (or a hub admin) review and
publish. Wagtail's workflow engine keeps the states, the comments and the revision history.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from samspill.core.models import Role
from samspill.core.permissions import is_hub_admin, roles_by_organisation


def _owner_id(obj) -> int | None:
    specific = getattr(obj, "specific_deferred", obj)
    return getattr(specific, "organisation_id", None)


class OrganisationReviewTask(Task):
    """Approved by an admin of the page's owning organisation, or by a hub admin."""

    def _can_review(self, obj, user) -> bool:
        if is_hub_admin(user):
            return True
        owner = _owner_id(obj)
        return owner is not None and roles_by_organisation(user).get(owner) == Role.ADMIN

    def user_can_access_editor(self, obj, user):
        return self._can_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self._can_review(obj, user)

    def user_can_lock(self, obj, user):
        return self._can_review(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if self._can_review(obj, user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve and publish"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if is_hub_admin(user):
            return states
        from samspill.knowledge.selectors import page_ids_owned_by

        admin_of = [org for org, role in roles_by_organisation(user).items() if role == Role.ADMIN]
        if not admin_of:
            return TaskState.objects.none()
        page_ids = [str(pk) for pk in page_ids_owned_by(admin_of)]
        return states.filter(workflow_state__object_id__in=page_ids)

    @classmethod
    def get_description(cls):
        return _("Admins of the page's owning organisation review and publish it")

    class Meta:
        verbose_name = _("review by the owning organisation")
        verbose_name_plural = _("reviews by the owning organisation")
