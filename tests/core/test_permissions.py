import pytest

from samspill.core import permissions
from tests.core.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_hub_admin_may_do_everything(hub_admin, organisation):
    assert permissions.can_access_admin(hub_admin)
    assert permissions.can_create_organisation(hub_admin)
    assert permissions.can_edit_organisation(hub_admin, organisation)
    assert permissions.can_delete_organisation(hub_admin, organisation)
    assert permissions.can_manage_memberships(hub_admin, organisation)
    assert permissions.editable_organisation_ids(hub_admin) is None


def test_org_admin_edits_and_manages_members_of_their_own_organisation_only(
    org_admin, organisation
):
    other = OrganisationFactory()
    assert permissions.can_access_admin(org_admin)
    assert permissions.can_edit_organisation(org_admin, organisation)
    assert permissions.can_manage_memberships(org_admin, organisation)
    assert not permissions.can_edit_organisation(org_admin, other)
    assert not permissions.can_manage_memberships(org_admin, other)
    assert not permissions.can_delete_organisation(org_admin, organisation)
    assert not permissions.can_create_organisation(org_admin)


def test_org_editor_edits_but_does_not_manage_members(org_editor, organisation):
    assert permissions.can_edit_organisation(org_editor, organisation)
    assert not permissions.can_manage_memberships(org_editor, organisation)
    assert permissions.editable_organisation_ids(org_editor) == [organisation.pk]
    assert permissions.managed_organisation_ids(org_editor) == []


def test_member_only_belongs(org_member, organisation):
    assert not permissions.can_access_admin(org_member)
    assert not permissions.can_edit_organisation(org_member, organisation)


def test_editor_of_several_organisations_edits_each_of_them(user):
    first, second, third = OrganisationFactory.create_batch(3)
    MembershipFactory(user=user, organisation=first, role="editor")
    MembershipFactory(user=user, organisation=second, role="admin")
    assert sorted(permissions.editable_organisation_ids(user)) == sorted([first.pk, second.pk])
    assert not permissions.can_edit_organisation(user, third)


def test_inactive_people_have_no_permissions(org_admin, organisation):
    org_admin.is_active = False
    assert not permissions.can_edit_organisation(org_admin, organisation)
    assert not org_admin.has_perm("wagtailadmin.access_admin")


def test_membership_roles_grant_admin_access_and_nothing_model_wide(
    org_admin, org_editor, org_member
):
    assert org_admin.has_perm("wagtailadmin.access_admin")
    assert org_editor.has_perm("wagtailadmin.access_admin")
    assert not org_member.has_perm("wagtailadmin.access_admin")
    # What they may do is decided per organisation by the admin's permission policies.
    assert not org_admin.has_perm("core.change_organisation")
    assert not org_admin.has_perm("core.add_membership")
