"""Admin access that follows Membership roles instead of groups.

Wagtail asks `user.has_perm("wagtailadmin.access_admin")` before any admin screen; organisation
admins and editors get it here. What they may do there is decided per object by the permission
policies in `core.wagtail_hooks` (which ask `core.permissions`), not by model-wide Django
permissions: a model-wide permission would also show them every organisation's audit entries in
Wagtail's site history. Each object's own history stays readable to those who may edit it.
"""

from samspill.core import permissions


class MembershipBackend:
    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if obj is not None or not user_obj.is_active:
            return False
        return perm == "wagtailadmin.access_admin" and permissions.can_access_admin(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return False
