"""Who may do what with surveys: plain functions of (user, object).

A survey is run by one organisation (`owner`); its admins and editors build the survey, see all
results (hidden free text included), hide free-text answers, export and invite. Hub admins run
every survey. Everyone else sees public results only, and only when the survey says so.
"""

from samspill.core.models import EDITING_ROLES
from samspill.core.permissions import editable_organisation_ids, is_hub_admin, roles_by_organisation


def can_create_survey(user) -> bool:
    return is_hub_admin(user) or bool(editable_organisation_ids(user))


def can_manage_survey(user, survey) -> bool:
    if is_hub_admin(user):
        return True
    return roles_by_organisation(user).get(survey.owner_id) in EDITING_ROLES


def managed_surveys(user, queryset):
    """The surveys of `queryset` the user may run."""
    ids = editable_organisation_ids(user)
    if ids is None:
        return queryset
    return queryset.filter(owner__in=ids)


def can_view_survey(user, survey) -> bool:
    return survey.is_published or can_manage_survey(user, survey)


def can_view_results(user, survey) -> bool:
    """Public results for everyone when the survey says so; all results for those who run it."""
    return (survey.is_published and survey.results_public) or can_manage_survey(user, survey)
