import pytest

from samspill.core import permissions
from samspill.core.models import Organisation
from tests.core.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_hub_admin_may_do_everything(hub_admin, organisation):
    assert permissions.can_access_admin(hub_admin)
    assert permissions.can_edit_organisation(hub_admin, organisation)
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


# --- Pending organisations grant nothing ----------------------------------------------------------


def _submitted_by(person):
    from samspill.network import services as network_services

    return network_services.organisation_submit(
        actor=person, name="Snarvei AS", kind="startup", country="NO", summary="Vi hopper over."
    )


def test_the_admin_of_a_pending_organisation_has_no_rights_until_a_hub_editor_approves(
    user, hub_admin, django_capture_on_commit_callbacks
):
    from samspill.core.models import User
    from samspill.network import services as network_services

    organisation = _submitted_by(user)
    user = User.objects.get(pk=user.pk)
    assert permissions.roles_by_organisation(user) == {}
    assert not permissions.can_access_admin(user)
    assert not user.has_perm("wagtailadmin.access_admin")
    assert not permissions.can_edit_organisation(user, organisation)
    assert not permissions.can_manage_memberships(user, organisation)
    assert permissions.editable_organisation_ids(user) == []
    assert permissions.managed_organisation_ids(user) == []
    assert permissions.belongs_to(user, organisation)  # sees it, acts for nothing

    with django_capture_on_commit_callbacks(execute=True):
        network_services.organisation_approve(actor=hub_admin, organisation=organisation)
    user = User.objects.get(pk=user.pk)
    assert permissions.roles_by_organisation(user) == {organisation.pk: "admin"}
    assert permissions.can_access_admin(user)
    assert user.has_perm("wagtailadmin.access_admin")
    assert permissions.can_manage_memberships(user, organisation)


def test_a_declined_organisation_grants_nothing(user, hub_admin):
    from samspill.core.models import User
    from samspill.network import services as network_services

    organisation = _submitted_by(user)
    network_services.organisation_decline(actor=hub_admin, organisation=organisation)
    user = User.objects.get(pk=user.pk)
    assert not permissions.can_access_admin(user)
    assert not permissions.can_edit_organisation(user, organisation)


def test_an_editor_invited_to_a_pending_organisation_gets_nothing_either(user):
    from samspill.core.models import User

    organisation = _submitted_by(user)
    editor = MembershipFactory(organisation=organisation, role="editor").user
    editor = User.objects.get(pk=editor.pk)
    assert not permissions.can_access_admin(editor)
    assert permissions.editable_organisation_ids(editor) == []


def test_edits_for_and_editable_by_are_the_one_organisation_scope(
    hub_admin, org_editor, org_member, organisation
):
    """Every app's "works for the organisation" check and list scope (events, surveys, projects,
    knowledge) is this one: hub admins everywhere, admins and editors for their own only."""
    other = OrganisationFactory()
    everyone = Organisation.objects.filter(pk__in=[organisation.pk, other.pk])
    assert permissions.edits_for(hub_admin, other.pk)
    assert permissions.edits_for(hub_admin, None)
    assert permissions.edits_for(org_editor, organisation.pk)
    assert not permissions.edits_for(org_editor, other.pk)
    assert not permissions.edits_for(org_editor, None)
    assert not permissions.edits_for(org_member, organisation.pk)
    assert permissions.editable_by(hub_admin, everyone, "pk") is everyone
    assert list(permissions.editable_by(org_editor, everyone, "pk")) == [organisation]
    assert not permissions.editable_by(org_member, everyone, "pk").exists()
