"""Who may do what in core: plain functions of (user, object).

Hub admins (superusers) may do everything. Otherwise a person's Membership role decides: admins of an
organisation manage its memberships and edit it, editors edit it, members only belong.

A role counts only in an organisation in good standing: one that an app has registered as granting
no rights yet (`registry.register_organisations_without_rights`, such as an organisation a member
submitted and no hub editor has approved) gives its admins and editors nothing, not even admin
access. Every right below, and every app's permissions, start from `roles_by_organisation`.
"""

from django.contrib.auth.models import Permission

from samspill.core import registry, versions
from samspill.core.models import EDITING_ROLES, Membership, Organisation, Role


def is_hub_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


# Bumped whenever a membership changes in this process, so that user objects holding a cached
# copy of their roles (request.user during a request) read them again.
_roles_version = 0


def memberships_granting_rights():
    memberships = Membership.objects.all()
    for condition in registry.organisations_without_rights():
        memberships = memberships.exclude(
            organisation__in=Organisation.objects.filter(condition).values("pk")
        )
    return memberships


def roles_by_organisation(user) -> dict[int, str]:
    """{organisation id: role} for the user in organisations in good standing, read once per user
    object (so once per request). A membership of a pending organisation is not in it."""
    if not (user and user.is_authenticated and user.is_active):
        return {}
    cached = getattr(user, "_samspill_roles", None)
    if cached is None or cached[0] != _roles_version:
        roles = dict(
            memberships_granting_rights().filter(user=user).values_list("organisation_id", "role")
        )
        cached = user._samspill_roles = (_roles_version, roles)
    return cached[1]


def belongs_to(user, organisation: Organisation) -> bool:
    """Whether the user is a member of the organisation at all, also while it is pending: enough
    to see it (its status, its unlisted profile), never to act for it."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if organisation.pk in roles_by_organisation(user):
        return True
    return Membership.objects.filter(user=user, organisation=organisation).exists()


def forget_roles() -> None:
    """Memberships changed: every cached copy of anyone's roles is stale."""
    global _roles_version
    _roles_version += 1


def can_access_admin(user) -> bool:
    if is_hub_admin(user):
        return True
    return any(role in EDITING_ROLES for role in roles_by_organisation(user).values())


def _ids_with_admin_permission() -> frozenset[int]:
    permission = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if permission is None:
        return frozenset()
    direct = permission.user_set.values_list("pk", flat=True)
    by_group = permission.group_set.exclude(user=None).values_list("user", flat=True)
    return frozenset(direct) | frozenset(by_group)


def may_open_admin(user) -> bool:
    """`user.has_perm("wagtailadmin.access_admin")` (the header's "Admin" link), without its two
    permission queries per request: a hub admin, an admin or editor of an organisation in good
    standing (`can_access_admin`, whose roles the page reads anyway), or a person given the
    permission or one of its groups in Django's way (`ModelBackend`; the few ids kept in this
    process under the versions of the permissions, so a revoked permission applies
    on the next request). Tested against `has_perm` for each way of having it."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if can_access_admin(user):
        return True
    ids = versions.process_memo(
        "core:admin-permission-ids", _ids_with_admin_permission, depends=("permissions",)
    )
    return user.pk in ids


def edits_for(user, organisation_id: int | None) -> bool:
    """Whether the user works on behalf of the organisation with this id: a hub admin, or one of
    its admins and editors (in good standing). No organisation: hub admins only."""
    if is_hub_admin(user):
        return True
    return organisation_id is not None and (
        roles_by_organisation(user).get(organisation_id) in EDITING_ROLES
    )


def can_edit_organisation(user, organisation: Organisation) -> bool:
    return edits_for(user, organisation.pk)


def can_manage_memberships(user, organisation: Organisation) -> bool:
    if is_hub_admin(user):
        return True
    return roles_by_organisation(user).get(organisation.pk) == Role.ADMIN


def editable_organisation_ids(user) -> list[int] | None:
    """Ids of organisations the user may edit, or None meaning all of them."""
    if is_hub_admin(user):
        return None
    return [pk for pk, role in roles_by_organisation(user).items() if role in EDITING_ROLES]


def editable_by(user, queryset, field: str):
    """The rows of `queryset` whose organisation (the lookup `field`, e.g. "owner") the user works
    for: every row for a hub admin."""
    ids = editable_organisation_ids(user)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": ids})


def managed_organisation_ids(user) -> list[int] | None:
    """Ids of organisations whose memberships the user manages, or None meaning all of them."""
    if is_hub_admin(user):
        return None
    return [pk for pk, role in roles_by_organisation(user).items() if role == Role.ADMIN]
