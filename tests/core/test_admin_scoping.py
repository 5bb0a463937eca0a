"""The admin's one organisation-scoped permission policy and its scoped views: hub admins see
everything, an organisation's admins and editors what their organisations own, everyone else
nothing; another organisation's object is a 404."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from samspill.core.admin.policies import HubAdminPolicy, OrganisationScopedPolicy
from samspill.core.admin.views import (
    InstancePermissionMixin,
    ScopedDeleteMixin,
    ScopedObjectMixin,
    admin_url_for,
    object_or_404,
)
from samspill.core.models import Membership, Organisation, Region
from samspill.core.permissions import managed_organisation_ids
from samspill.core.redirects import local_url
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(db):
    return OrganisationFactory(name="Annet", slug="annet")


@pytest.fixture
def memberships(organisation, other):
    return MembershipFactory(organisation=organisation), MembershipFactory(organisation=other)


def test_hub_admins_may_do_everything_to_everything(hub_admin, memberships):
    policy = OrganisationScopedPolicy(Membership)
    assert all(policy.user_has_permission(hub_admin, a) for a in ("add", "change", "publish"))
    assert policy.user_has_permission_for_instance(hub_admin, "delete", memberships[1])
    assert policy.instances_user_has_any_permission_for(hub_admin, ["change"]).count() == 2


def test_editors_work_on_their_organisations_objects_only(org_editor, memberships, queries):
    policy = OrganisationScopedPolicy(Membership)
    mine, theirs = memberships
    assert policy.user_has_permission(org_editor, "add")
    assert not policy.user_has_permission(org_editor, "publish")  # not one of the actions
    scoped = policy.instances_user_has_any_permission_for(org_editor, ["change"])
    assert set(scoped) == set(Membership.objects.filter(organisation=mine.organisation))
    org_editor.refresh_from_db()
    policy.organisation_ids(org_editor)  # roles read once per user object
    with queries(0):  # a simple foreign key is checked on the object itself
        assert policy.user_has_permission_for_instance(org_editor, "change", mine)
        assert not policy.user_has_permission_for_instance(org_editor, "change", theirs)
    assert not policy.instances_user_has_any_permission_for(org_editor, ["add"]).exists()


def test_people_without_an_organisation_get_nothing(user, memberships):
    policy = OrganisationScopedPolicy(Membership)
    assert not policy.user_has_permission(user, "change")
    assert not policy.user_has_permission_for_instance(user, "change", memberships[0])
    assert not policy.instances_user_has_any_permission_for(user, ["change"]).exists()


def test_another_circle_of_organisations_and_the_organisation_itself(
    org_editor, org_admin, organisation, other
):
    admins_only = OrganisationScopedPolicy(
        Organisation, fields=("pk",), organisation_ids=managed_organisation_ids
    )
    assert not admins_only.user_has_permission(org_editor, "change")
    assert admins_only.user_has_permission_for_instance(org_admin, "change", organisation)
    assert not admins_only.user_has_permission_for_instance(org_admin, "change", other)
    assert list(admins_only.instances_user_has_any_permission_for(org_admin, ["view"])) == [
        organisation
    ]


def test_paths_across_relations_and_many_valued_fields_are_queried_once_each(
    organisation, other, org_editor
):
    # Memberships of people who also belong to one of the user's organisations: a path through
    # a reverse relation, so rows would repeat without `distinct`.
    MembershipFactory(user=org_editor, organisation=other, role="editor")
    person = UserFactory()
    MembershipFactory(user=person, organisation=organisation)
    MembershipFactory(user=person, organisation=other)
    policy = OrganisationScopedPolicy(Membership, fields=("user__memberships__organisation",))
    scoped = policy.instances_user_has_any_permission_for(org_editor, ["change"])
    assert scoped.count() == len(set(scoped)) == 4  # the editor's two, the person's two
    outsider = MembershipFactory()
    assert not policy.user_has_permission_for_instance(org_editor, "change", outsider)
    assert policy.user_has_permission_for_instance(
        org_editor, "change", Membership.objects.get(user=person, organisation=other)
    )


def test_hub_actions_and_predicates_from_permissions(hub_admin, org_editor, memberships):
    policy = OrganisationScopedPolicy(
        Membership,
        actions={"change", "view"},
        hub_actions={"change", "view"},
        allowed=lambda user: False,
        allowed_on=lambda user, instance: True,
    )
    assert not policy.user_has_permission(hub_admin, "delete")
    assert not policy.instances_user_has_any_permission_for(hub_admin, ["delete"]).exists()
    assert not policy.user_has_permission(org_editor, "change")  # `allowed` decides
    assert policy.user_has_permission_for_instance(org_editor, "change", memberships[1])
    assert not policy.user_has_permission_for_instance(org_editor, "delete", memberships[1])


def test_a_table_without_an_organisation_field_is_shared_by_everyone_allowed(
    org_editor, user, memberships
):
    policy = OrganisationScopedPolicy(Membership, fields=())
    assert policy.instances_user_has_any_permission_for(org_editor, ["change"]).count() == 3
    assert policy.user_has_permission_for_instance(org_editor, "change", memberships[1])
    assert not policy.instances_user_has_any_permission_for(user, ["change"]).exists()
    assert not policy.user_has_permission_for_instance(user, "change", memberships[1])


def test_hub_admin_policy(hub_admin, org_admin):
    policy = HubAdminPolicy(Region)
    region = Region.objects.get(code="03", country="NO")  # the official lists are loaded
    assert policy.user_has_permission(hub_admin, "add")
    assert policy.instances_user_has_any_permission_for(hub_admin, ["change"]).exists()
    assert not policy.user_has_permission(org_admin, "change")
    assert not policy.user_has_permission_for_instance(org_admin, "change", region)
    assert not policy.instances_user_has_any_permission_for(org_admin, ["change"]).exists()


def _view(mixin, user, **attributes):
    class Base:
        def get_object(self, queryset=None):
            return attributes["object"]

    class View(mixin, Base):
        permission_policy = OrganisationScopedPolicy(Membership)

    view = View()
    view.request = SimpleNamespace(user=user)
    view.permission_required = attributes.get("permission_required", "change")
    return view


def test_scoped_object_mixins_use_the_policys_scope(org_editor, memberships):
    mine = set(Membership.objects.filter(organisation=memberships[0].organisation))
    assert len(mine) == 2  # the editor's own and the other member's
    assert set(_view(ScopedObjectMixin, org_editor).get_queryset()) == mine
    assert set(_view(ScopedDeleteMixin, org_editor).get_queryset()) == mine


def test_instance_permission_mixin_refuses_another_organisations_object(org_editor, memberships):
    assert _view(InstancePermissionMixin, org_editor, object=memberships[0]).get_object()
    with pytest.raises(PermissionDenied):
        _view(InstancePermissionMixin, org_editor, object=memberships[1]).get_object()


def test_object_or_404(memberships):
    mine, theirs = memberships
    assert object_or_404(Membership.objects.all(), mine.pk, lambda m: m == mine) == mine
    with pytest.raises(Http404):
        object_or_404(Membership.objects.all(), theirs.pk, lambda m: m == mine)
    with pytest.raises(Http404):
        object_or_404(Membership.objects.all(), 0, lambda m: True)


def test_admin_url_for_and_local_url():
    assert admin_url_for("wagtailadmin_pages")("edit", 3) == "/admin/pages/3/edit/"
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    assert local_url(request, "/admin/x/", "/d/") == "/admin/x/"
    assert local_url(request, " javascript:alert(1)", "/d/") == "/d/"
    assert local_url(request, "https://evil.example/", "/d/", "top") == "/d/#top"
