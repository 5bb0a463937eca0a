"""Who sees and changes what in the projects admin: Wagtail permission policies over
`projects.permissions` (hub admins everything; a secretariat its programme, its projects and its
input; an organisation's editors the projects it leads)."""

from wagtail.permission_policies import ModelPermissionPolicy

from samspill.core.permissions import is_hub_admin
from samspill.projects import permissions
from samspill.projects.models import EventInput, Programme, Project
from samspill.projects.permissions import editable_projects, moderated_programmes, runs_a_programme

# --- Permission policies --------------------------------------------------------------------------


class ProgrammePermissionPolicy(ModelPermissionPolicy):
    """Hub admins create, change and delete programmes; a secretariat's editors change theirs."""

    def user_has_permission(self, user, action):
        if action in {"change", "view"}:
            return runs_a_programme(user)
        return is_hub_admin(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in {"change", "view"}:
            return permissions.may_moderate(user, instance)
        return is_hub_admin(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not set(actions) & {"change", "view", "delete"}:
            return Programme.objects.none()
        if is_hub_admin(user):
            return Programme.objects.all()
        if not set(actions) & {"change", "view"}:
            return Programme.objects.none()
        return moderated_programmes(user)


class ProjectPermissionPolicy(ModelPermissionPolicy):
    """Hub admins run every project; editors create projects and edit those their organisation
    leads or whose programme's secretariat they belong to."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete", "view"}:
            return permissions.may_create_project(user)
        return is_hub_admin(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in {"change", "delete", "view"}:
            return permissions.may_edit_project(user, instance)
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if not set(actions) & {"change", "delete", "view"}:
            return Project.objects.none()
        return editable_projects(user)


class EventInputPermissionPolicy(ModelPermissionPolicy):
    """The input of a programme is looked after by those who run the programme."""

    def user_has_permission(self, user, action):
        return runs_a_programme(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return permissions.may_moderate_programme(user, instance.programme_id)

    def instances_user_has_any_permission_for(self, user, actions):
        return EventInput.objects.filter(programme__in=moderated_programmes(user))
