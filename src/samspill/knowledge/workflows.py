"""The review step of the knowledge bank's workflow: the owning organisation approves.

Editors of an organisation write and submit; the organisation's admins (or a hub admin) review and
publish. Nobody reviews their own work: whoever submitted the page, or wrote the revision under
review or any later one, is offered no action and refused one (hub admins too; a second person
approves). Wagtail's workflow engine keeps the states, the comments and the revision history.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision, Task, TaskState, WorkflowState

from samspill.core.models import Role
from samspill.core.permissions import is_hub_admin, roles_by_organisation


def _owner_id(obj) -> int | None:
    if "organisation_id" in obj.__dict__:  # already specific: no query
        return obj.organisation_id
    specific = getattr(obj, "specific_deferred", obj)
    return getattr(specific, "organisation_id", None)


def is_author(obj, user, *, workflow_state=None, task_state=None) -> bool:
    """Whether the user submitted the object for review, wrote the revision under review, or
    wrote its latest revision. States not given are the object's current ones."""
    if not (user and user.is_authenticated):
        return False
    if workflow_state is None and task_state is None:
        # The page editor asks this several times per request (access, lock, actions), each time
        # through another instance of the page: read the states once per request's user object.
        cache = user.__dict__.setdefault("_samspill_is_author", {})
        key = (obj._meta.label, obj.pk, getattr(obj, "latest_revision_id", None))
        if key not in cache:
            cache[key] = _is_author(obj, user, None, None)
        return cache[key]
    return _is_author(obj, user, workflow_state, task_state)


def _is_author(obj, user, workflow_state, task_state) -> bool:
    # Ids only, and one query for the revisions: the page editor calls this through several
    # instances of the page, and loading each one's relations would be an N+1.
    if workflow_state is None and task_state is None:
        workflow_state = obj.current_workflow_state
        if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
            task_state = workflow_state.current_task_state
    elif workflow_state is None:
        workflow_state = WorkflowState.objects.filter(pk=task_state.workflow_state_id).first()
    if workflow_state is not None and workflow_state.requested_by_id == user.pk:
        return True
    revisions = {getattr(obj, "latest_revision_id", None)}
    if task_state is not None:
        revisions.add(task_state.revision_id)
    revisions.discard(None)
    if not revisions and hasattr(obj, "get_latest_revision"):
        latest = obj.get_latest_revision()
        return latest is not None and latest.user_id == user.pk
    return Revision.objects.filter(pk__in=revisions, user_id=user.pk).exists()


class OrganisationReviewTask(Task):
    """Approved by an admin of the page's owning organisation, or by a hub admin, who is not its
    author."""

    def _has_reviewer_role(self, obj, user) -> bool:
        if is_hub_admin(user):
            return True
        owner = _owner_id(obj)
        return owner is not None and roles_by_organisation(user).get(owner) == Role.ADMIN

    def _can_review(self, obj, user, task_state=None) -> bool:
        return self._has_reviewer_role(obj, user) and not is_author(
            obj, user, task_state=task_state
        )

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

    def on_action(self, task_state, user, action_name, **kwargs):
        # Every way to an action ends here (the workflow action view, the page editor's menu):
        # checked again, whatever the caller showed.
        obj = task_state.workflow_state.content_object.specific
        if not self._can_review(obj, user, task_state):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).exclude(
            Q(workflow_state__requested_by=user) | Q(revision__user=user)
        )
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
