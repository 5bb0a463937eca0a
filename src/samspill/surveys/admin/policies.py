"""Wagtail permission policy of surveys: core's organisation-scoped policy with the predicates of
`surveys.permissions`. Hub admins run every survey; admins and editors of an organisation create
surveys for it and run those it owns; everyone else nothing."""

from samspill.core.admin.policies import OrganisationScopedPolicy
from samspill.surveys import permissions
from samspill.surveys.models import Survey

survey_policy = OrganisationScopedPolicy(
    Survey,
    fields=("owner",),
    allowed=permissions.can_create_survey,
    allowed_on=permissions.can_manage_survey,
)
