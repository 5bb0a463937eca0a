"""Permissions that follow Membership roles instead of groups.

Wagtail asks `user.has_perm(...)` for admin access and for model-level actions; this backend answers
those from the person's memberships. Instance-level checks live in `core.permissions` and in the
permission policies of `core.wagtail_hooks`.
"""

from samspill.core import permissions

_EDITOR_PERMS = {
    "wagtailadmin.access_admin",
    "core.change_organisation",
    "core.view_organisation",
}
_ADMIN_PERMS = _EDITOR_PERMS | {
    "core.view_membership",
    "core.add_membership",
    "core.change_membership",
    "core.delete_membership",
}


class MembershipBackend:
    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if obj is not None or not user_obj.is_active:
            return False
        roles = set(permissions.roles_by_organisation(user_obj).values())
        if "admin" in roles and perm in _ADMIN_PERMS:
            return True
        return "editor" in roles and perm in _EDITOR_PERMS

    def has_module_perms(self, user_obj, app_label):
        return app_label == "core" and permissions.can_access_admin(user_obj)
