"""Editor screens for surveys in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

LOG_ACTIONS = [
    ("surveys.survey.created", _("Survey created")),
    ("surveys.survey.updated", _("Survey updated")),
    ("surveys.survey.deleted", _("Survey deleted")),
    ("surveys.answer.hidden", _("Free-text answer hidden")),
    ("surveys.answer.shown", _("Free-text answer shown again")),
    ("surveys.invitations.created", _("Survey invitations created")),
    ("surveys.results.exported", _("Survey responses exported")),
]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for code, label in LOG_ACTIONS:
        actions.register_action(code, label, label)
