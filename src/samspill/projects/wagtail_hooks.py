"""Editor screens of projects in the Wagtail admin (`projects.admin`), and the audit log's action
codes.

The "Projects" menu holds programmes (with their themes), projects (with their funding, milestones,
results, videos and documents) and input from events; the ideas app adds its ideas and the queue of
reported comments to it (`admin.viewsets.PROJECTS_MENU_HOOK`).

Who sees what (`projects.permissions`, `admin.policies`): hub admins everything; the admins and
editors of a programme's secretariat run that programme, all its projects and its input; the admins
and editors of an organisation edit the projects it leads. Only hub admins create and delete
programmes. Every save goes through `projects.services`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from samspill.projects.admin.policies import (
    event_input_policy,
    programme_policy,
    project_policy,
)
from samspill.projects.admin.viewsets import ProjectsViewSetGroup
from samspill.projects.models import EventInput, Programme, Project

LOG_ACTIONS = [
    ("projects.programme.created", _("Programme created")),
    ("projects.programme.updated", _("Programme updated")),
    ("projects.programme.deleted", _("Programme deleted")),
    ("projects.input.created", _("Input from an event linked")),
    ("projects.input.updated", _("Input from an event changed")),
    ("projects.input.deleted", _("Input from an event unlinked")),
    ("projects.project.created", _("Project created")),
    ("projects.project.updated", _("Project updated")),
    ("projects.project.deleted", _("Project deleted")),
]


@hooks.register("register_log_actions")
def register_projects_log_actions(actions):
    for code, label in LOG_ACTIONS:
        actions.register_action(code, label, label)


register_permission_policy(Programme, programme_policy)
register_permission_policy(Project, project_policy)
register_permission_policy(EventInput, event_input_policy)


@hooks.register("register_admin_viewset")
def register_projects_viewsets():
    return ProjectsViewSetGroup()
