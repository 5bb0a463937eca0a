"""Who sees and changes what in the projects admin: core's organisation-scoped policy over
`projects.permissions` (hub admins everything; a secretariat its programme, its projects and its
input; an organisation's editors the projects it leads)."""

from samspill.core.admin.policies import OrganisationScopedPolicy
from samspill.projects import permissions
from samspill.projects.models import EventInput, Programme, Project


def _runs_its_programme(user, instance) -> bool:
    return permissions.may_moderate_programme(user, instance.programme_id)


# Hub admins create, change and delete programmes; a secretariat's editors change theirs.
programme_policy = OrganisationScopedPolicy(
    Programme,
    fields=("secretariat",),
    actions={"change", "view"},
    allowed=permissions.runs_a_programme,
    allowed_on=permissions.may_moderate,
)
# Editors create projects and edit those their organisation leads or whose programme's
# secretariat they belong to.
project_policy = OrganisationScopedPolicy(
    Project,
    fields=("lead_organisation", "programme__secretariat"),
    allowed=permissions.may_create_project,
    allowed_on=permissions.may_edit_project,
)
# The input of a programme is looked after by those who run the programme.
event_input_policy = OrganisationScopedPolicy(
    EventInput,
    fields=("programme__secretariat",),
    allowed=permissions.runs_a_programme,
    allowed_on=_runs_its_programme,
)
