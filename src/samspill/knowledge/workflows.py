"""Who is the author of the work under review, for the review step of the knowledge bank's workflow
(`models.OrganisationReviewTask`): the owning organisation approves.

Editors of an organisation write and submit; the organisation's admins (or a hub admin) review and
publish. Nobody reviews their own work: whoever submitted the page, or wrote the revision under
review or any later one, is offered no action and refused one (hub admins too; a second person
approves). Wagtail's workflow engine keeps the states, the comments and the revision history.
"""

from wagtail.models import Revision, WorkflowState


def owner_id(obj) -> int | None:
    """The owning organisation's id of a page, without a query when the page is specific."""
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
