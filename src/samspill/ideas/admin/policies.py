"""Who sees and changes ideas in the admin: those who run the idea's programme (core's
organisation-scoped policy). Ideas are proposed on the site; nobody adds or deletes them in the
admin, not even hub admins (an editor hides an idea instead)."""

from samspill.core.admin.policies import OrganisationScopedPolicy
from samspill.ideas.models import Idea
from samspill.projects.permissions import may_moderate_programme, runs_a_programme


def _runs_its_programme(user, instance) -> bool:
    return may_moderate_programme(user, instance.programme_id)


idea_policy = OrganisationScopedPolicy(
    Idea,
    fields=("programme__secretariat",),
    actions={"change", "view"},
    hub_actions={"change", "view"},
    allowed=runs_a_programme,
    allowed_on=_runs_its_programme,
)
