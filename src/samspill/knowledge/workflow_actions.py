"""The action that ends an approved workflow (`WAGTAIL_FINISH_WORKFLOW_ACTION`).

Wagtail imports this while its own models load (`WorkflowState.on_finish`), so what needs models
(Wagtail's and ours) is imported inside the function.
"""

from django.core.exceptions import PermissionDenied


def workflow_publish(workflow_state, user=None):
    """Publish what a finished workflow approved: `WAGTAIL_FINISH_WORKFLOW_ACTION`.

    Wagtail's default action publishes as the last approver and so needs their publish
    permission, which organisation admins do not have: in the knowledge bank, approving the
    owning organisation's review task *is* the permission to publish. Workflows without that
    task keep Wagtail's permission check.
    """
    from wagtail.workflows import publish_workflow_state

    from samspill.knowledge.models import OrganisationReviewTask
    from samspill.knowledge.workflows import is_author

    approved_by_owner = OrganisationReviewTask.objects.filter(
        workflow_tasks__workflow_id=workflow_state.workflow_id
    ).exists()
    if not approved_by_owner:
        return publish_workflow_state(workflow_state, user=user)
    # The task refuses its author already; this holds also for a caller that approves a task
    # state directly, without the task's `on_action`.
    if is_author(workflow_state.content_object, user, workflow_state=workflow_state):
        raise PermissionDenied
    revision = workflow_state.content_object.get_latest_revision()
    return revision.publish(user=user, skip_permission_checks=True)
