"""Who sees and changes ideas in the admin: those who run the idea's programme."""

from wagtail.permission_policies import ModelPermissionPolicy

from samspill.ideas.models import Idea
from samspill.projects.permissions import (
    may_moderate_programme,
    moderated_programmes,
    runs_a_programme,
)


class IdeaPermissionPolicy(ModelPermissionPolicy):
    """Ideas are proposed on the site; here those who run the programme moderate them. Nobody
    adds or deletes ideas in the admin (an editor hides an idea instead)."""

    def user_has_permission(self, user, action):
        if action in {"change", "view"}:
            return runs_a_programme(user)
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        if action in {"change", "view"}:
            return may_moderate_programme(user, instance.programme_id)
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        if not set(actions) & {"change", "view"}:
            return Idea.objects.none()
        return Idea.objects.filter(programme__in=moderated_programmes(user))
