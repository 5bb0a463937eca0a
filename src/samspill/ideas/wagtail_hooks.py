"""Editor screens of ideas in the Wagtail admin (`ideas.admin`), in the "Projects" menu, and the
audit log's action codes (they keep their `projects.` prefix: entries already written use them).

Those who run a programme (its secretariat's admins and editors, and hub admins) moderate its
ideas: status, hiding, comments. Every change goes through `ideas.services`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from samspill.ideas.admin.dashboard import ReportedCommentsPanel
from samspill.ideas.admin.policies import idea_policy
from samspill.ideas.admin.viewsets import CommentReportsViewSet, IdeaViewSet
from samspill.ideas.models import Idea

LOG_ACTIONS = [
    ("projects.idea.proposed", _("Idea proposed")),
    ("projects.idea.updated", _("Idea updated")),
    ("projects.idea.status_changed", _("Idea status changed")),
    ("projects.idea.hidden", _("Idea hidden")),
    ("projects.idea.shown", _("Idea shown again")),
    ("projects.comment.added", _("Comment added")),
    ("projects.comment.hidden", _("Comment hidden")),
    ("projects.comment.kept", _("Comment kept")),
    ("ideas.personal_data.erased", _("Supports and comments of a deleted account removed")),
]


@hooks.register("register_log_actions")
def register_ideas_log_actions(actions):
    for code, label in LOG_ACTIONS:
        actions.register_action(code, label, label)


register_permission_policy(Idea, idea_policy)


@hooks.register("register_admin_viewset")
def register_ideas_viewsets():
    return [IdeaViewSet("ideas"), CommentReportsViewSet("comment_reports")]


@hooks.register("construct_homepage_panels")
def add_reported_comments_panel(request, panels):
    panels.append(ReportedCommentsPanel(request))
