"""Who may do what with surveys: plain functions of (user, object).

A survey is run by one organisation (`owner`); its admins and editors build the survey, see all
results (hidden free text included), hide free-text answers, export and invite. Hub admins run
every survey. Everyone else sees public results only, and only when the survey says so.
"""

from samspill.core.permissions import (
    editable_by,
    editable_organisation_ids,
    edits_for,
    is_hub_admin,
)


def can_create_survey(user) -> bool:
    return is_hub_admin(user) or bool(editable_organisation_ids(user))


def can_manage_survey(user, survey) -> bool:
    return edits_for(user, survey.owner_id)


def managed_surveys(user, queryset):
    """The surveys of `queryset` the user may run."""
    return editable_by(user, queryset, "owner")


def can_view_survey(user, survey) -> bool:
    return survey.is_published or can_manage_survey(user, survey)


def can_view_results(user, survey) -> bool:
    """Public results for everyone when the survey says so; all results for those who run it."""
    return (survey.is_published and survey.results_public) or can_manage_survey(user, survey)
