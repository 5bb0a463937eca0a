"""Who may do what in projects: plain functions of (user, object).

Hub admins may do everything. The programme's secretariat (its admins and editors) runs the
programme: its themes, every project under it, its input and its ideas (`samspill.ideas`). The
editors of a project's lead organisation edit that project.
"""

from django.db.models import Q

from samspill.core import permissions as core_permissions
from samspill.core import versions
from samspill.core.models import EDITING_ROLES
from samspill.core.permissions import (
    editable_by,
    editable_organisation_ids,
    edits_for,
    is_hub_admin,
    roles_by_organisation,
)
from samspill.projects.models import Programme, Project


def _secretariat_id(user, programme_id) -> int | None:
    """The secretariat of a programme, from one read of every programme's, kept per user object
    (so per request) and in this process until a programme changes (`versions.process_memo`):
    lists that check each row (the admin's site history) stay at one query at most."""
    cached = getattr(user, "_samspill_secretariats", None)
    if cached is None or programme_id not in cached:
        cached = user._samspill_secretariats = versions.process_memo(
            "projects:secretariats",
            lambda: dict(Programme.objects.values_list("pk", "secretariat_id")),
            depends=("projects",),
        )
    return cached.get(programme_id)


def may_moderate(user, programme) -> bool:
    """Runs the programme: themes, ideas' statuses, moderation."""
    return edits_for(user, programme.secretariat_id)


def may_moderate_programme(user, programme_id) -> bool:
    """`may_moderate` for a row that holds only the programme's id (an idea, an input)."""
    if is_hub_admin(user):
        return True
    return edits_for(user, _secretariat_id(user, programme_id))


def may_edit_project(user, project) -> bool:
    if is_hub_admin(user):
        return True
    return edits_for(user, project.lead_organisation_id) or may_moderate_programme(
        user, project.programme_id
    )


def may_create_project(user) -> bool:
    return is_hub_admin(user) or any(
        role in EDITING_ROLES for role in roles_by_organisation(user).values()
    )


def moderated_programmes(user, queryset=None):
    """The programmes the user runs (`may_moderate`): all for hub admins."""
    queryset = Programme.objects.all() if queryset is None else queryset
    return editable_by(user, queryset, "secretariat_id")


def runs_a_programme(user) -> bool:
    """Whether the user runs any programme; read once per user object (so once per request),
    since listings ask for every row."""
    if is_hub_admin(user):
        return True
    if not (user and user.is_authenticated):
        return False
    cached = getattr(user, "_samspill_runs_programme", None)
    if cached is None or cached[0] != core_permissions._roles_version:
        cached = (core_permissions._roles_version, moderated_programmes(user).exists())
        user._samspill_runs_programme = cached
    return cached[1]


def editable_projects(user, queryset=None):
    """The projects the user edits (`permissions.may_edit_project`)."""
    queryset = Project.objects.all() if queryset is None else queryset
    ids = editable_organisation_ids(user)
    if ids is None:
        return queryset
    if not ids:
        return queryset.none()
    return queryset.filter(Q(lead_organisation_id__in=ids) | Q(programme__secretariat_id__in=ids))
