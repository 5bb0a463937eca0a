"""Wagtail permission policies of events: they apply `events.permissions` to every admin screen."""

from wagtail.permission_policies import ModelPermissionPolicy

from samspill.core.permissions import is_hub_admin
from samspill.events import permissions
from samspill.events.models import Event, EventSeries


class EventPermissionPolicy(ModelPermissionPolicy):
    """Hub admins run every event; admins and editors of an organisation create events and run
    those their organisations organise."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete", "view"}:
            return permissions.can_create_event(user)
        return is_hub_admin(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in {"change", "delete", "view"}:
            return permissions.can_manage_event(user, instance)
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if not set(actions) & {"change", "delete", "view"}:
            return Event.objects.none()
        if not permissions.can_create_event(user):
            return Event.objects.none()
        return permissions.managed_events(user, Event.objects.all())


class EventSeriesPermissionPolicy(ModelPermissionPolicy):
    """A series belongs to one organisation; its admins and editors look after it."""

    def user_has_permission(self, user, action):
        return permissions.can_create_series(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return permissions.can_manage_series(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return permissions.managed_series(user, EventSeries.objects.all())
