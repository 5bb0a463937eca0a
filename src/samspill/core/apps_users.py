"""Wagtail's users app with samspill's user forms (core.admin.users): a person has one name."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "samspill.core.admin.users.UserViewSet"
