"""Editor screens for surveys in the Wagtail admin: the survey builder.

The "Surveys" menu lists the surveys the user runs: hub admins all of them, an organisation's
admins and editors those their organisations own (`surveys.permissions`). The builder edits a
survey with its ordered questions (an inline panel); an edit that would orphan answers is refused
as a whole (`admin.forms.SurveyAdminForm`), and so is deleting a survey that has responses. A
survey in invitation mode has its invitations screen next to its edit form. The screens are
built in `surveys.admin` (the list and the builder in `views`, their `panels` and `forms`, each
survey's invitations and the links between its screens in `screens`, who sees what in `policies`,
the `viewsets`); this module registers them, the policy and the audit log's actions.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from samspill.surveys.admin.policies import survey_policy
from samspill.surveys.admin.viewsets import SurveyViewSet
from samspill.surveys.models import Survey

LOG_ACTIONS = [
    ("surveys.survey.created", _("Survey created")),
    ("surveys.survey.updated", _("Survey updated")),
    ("surveys.survey.deleted", _("Survey deleted")),
    ("surveys.answer.hidden", _("Free-text answer hidden")),
    ("surveys.answer.shown", _("Free-text answer shown again")),
    ("surveys.invitations.created", _("Survey invitations created")),
    ("surveys.invitations.sent", _("Survey invitations emailed")),
    ("surveys.invitations.reminded", _("Survey reminders emailed")),
    ("surveys.results.exported", _("Survey responses exported")),
]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for code, label in LOG_ACTIONS:
        actions.register_action(code, label, label)


register_permission_policy(Survey, survey_policy)


@hooks.register("register_admin_viewset")
def register_surveys_viewset():
    return SurveyViewSet("surveys")
