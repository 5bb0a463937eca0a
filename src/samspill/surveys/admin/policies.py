"""Wagtail permission policy of surveys: it applies `surveys.permissions` to every admin screen."""

from wagtail.permission_policies import ModelPermissionPolicy

from samspill.core.permissions import is_hub_admin
from samspill.surveys import permissions
from samspill.surveys.models import Survey


class SurveyPermissionPolicy(ModelPermissionPolicy):
    """Hub admins run every survey; admins and editors of an organisation create surveys for it
    and run those it owns; everyone else nothing."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete", "view"}:
            return permissions.can_create_survey(user)
        return is_hub_admin(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in {"change", "delete", "view"}:
            return permissions.can_manage_survey(user, instance)
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if not set(actions) & {"change", "delete", "view"}:
            return Survey.objects.none()
        if not permissions.can_create_survey(user):
            return Survey.objects.none()
        return permissions.managed_surveys(user, Survey.objects.all())
