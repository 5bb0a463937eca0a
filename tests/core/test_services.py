import threading

import pytest
from django.db import connection
from wagtail.models import ModelLogEntry

from samspill.core import permissions, services
from samspill.core.errors import Conflict, InvalidInput, LastAdminError
from samspill.core.models import Membership, Organisation, Role
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_organisation_create_validates_makes_a_slug_and_writes_an_audit_entry(hub_admin):
    organisation = services.organisation_create(
        actor=hub_admin, name="Lyd og Lys AS", kind="startup", country="NO", org_number="123456785"
    )
    assert organisation.slug == "lyd-og-lys-as"
    entry = ModelLogEntry.objects.get(action="core.organisation.created")
    assert entry.user_id == hub_admin.pk
    assert entry.object_id == str(organisation.pk)


def test_organisation_create_gives_a_free_slug_when_the_name_is_taken(hub_admin):
    first = services.organisation_create(actor=hub_admin, name="Brak", kind="music_office")
    second = services.organisation_create(actor=hub_admin, name="Brak", kind="music_office")
    assert (first.slug, second.slug) == ("brak", "brak-2")


def test_organisation_create_refuses_an_invalid_org_number_with_a_clear_message(hub_admin):
    with pytest.raises(InvalidInput) as error:
        services.organisation_create(
            actor=hub_admin, name="X", kind="label", country="NO", org_number="123456784"
        )
    assert error.value.field == "org_number"
    assert "modulus-11" in str(error.value.message)
    assert not Organisation.objects.exists()


def test_organisation_create_refuses_a_duplicate_org_number(hub_admin):
    services.organisation_create(
        actor=hub_admin, name="A", kind="label", country="DK", org_number="13748136"
    )
    with pytest.raises((Conflict, InvalidInput)):
        services.organisation_create(
            actor=hub_admin, name="B", kind="label", country="DK", org_number="13748136"
        )
    assert Organisation.objects.count() == 1


def test_organisation_update_and_delete_are_audited(hub_admin, organisation):
    organisation.summary = "Ny tekst"
    services.organisation_save(actor=hub_admin, organisation=organisation)
    organisation.refresh_from_db()
    assert organisation.summary == "Ny tekst"
    services.organisation_delete(actor=hub_admin, organisation=organisation)
    assert not Organisation.objects.exists()
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"core.organisation.updated", "core.organisation.deleted"} <= actions


def test_membership_create_refuses_a_second_membership(org_admin, organisation, user):
    services.membership_create(actor=org_admin, organisation=organisation, user=user, role="member")
    with pytest.raises(Conflict):
        services.membership_create(
            actor=org_admin, organisation=organisation, user=user, role="editor"
        )


def test_membership_create_refuses_an_unknown_role(org_admin, organisation, user):
    with pytest.raises(InvalidInput):
        services.membership_create(
            actor=org_admin, organisation=organisation, user=user, role="owner"
        )


def test_the_last_admin_cannot_step_down_while_others_remain(org_admin, org_member, organisation):
    admin_membership = Membership.objects.get(user=org_admin, organisation=organisation)
    with pytest.raises(LastAdminError):
        services.membership_set_role(actor=org_admin, membership=admin_membership, role="member")
    with pytest.raises(LastAdminError):
        services.membership_delete(actor=org_admin, membership=admin_membership)
    other = Membership.objects.get(user=org_member)
    services.membership_set_role(actor=org_admin, membership=other, role="admin")
    services.membership_set_role(actor=org_admin, membership=admin_membership, role="member")
    admin_membership.refresh_from_db()
    assert admin_membership.role == Role.MEMBER


def test_the_last_member_may_leave(org_admin, organisation):
    membership = Membership.objects.get(user=org_admin)
    services.membership_delete(actor=org_admin, membership=membership)
    assert not organisation.memberships.exists()


def test_role_changes_take_effect_for_permissions_at_once(org_admin, org_member, organisation):
    assert not permissions.can_edit_organisation(org_member, organisation)
    services.membership_set_role(
        actor=org_admin, membership=Membership.objects.get(user=org_member), role="editor"
    )
    assert permissions.can_edit_organisation(org_member, organisation)


def test_user_export_contains_account_and_memberships(org_member, organisation):
    data = services.user_export_data(user=org_member)
    assert data["account"]["email"] == org_member.email
    assert data["memberships"] == [
        {
            "organisation": organisation.name,
            "role": "member",
            "joined": data["memberships"][0]["joined"],
        }
    ]
    assert data["email_addresses"][0]["verified"] is True
    services.user_update_profile(user=org_member, name="Ny")
    actions = [a["action"] for a in services.user_export_data(user=org_member)["activity"]]
    assert "core.user.profile_updated" in actions


def test_user_delete_removes_the_person_and_memberships_but_keeps_the_organisation(
    org_member, organisation
):
    services.user_update_profile(user=org_member, name="Kari Slettes")
    services.user_delete(user=org_member)
    assert not Membership.objects.filter(organisation=organisation).exists()
    labels = " ".join(ModelLogEntry.objects.values_list("label", flat=True))
    assert "Kari Slettes" not in labels and org_member.email not in labels
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert ModelLogEntry.objects.filter(action="core.user.deleted").exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_membership_requests_leave_exactly_one_membership():
    """Eight threads add the same person at once: the database lets exactly one through."""
    organisation = OrganisationFactory()
    person = UserFactory()
    results, barrier = [], threading.Barrier(8)

    def add():
        try:
            barrier.wait()
            services.membership_create(
                actor=None, organisation=organisation, user=person, role="member"
            )
            results.append("ok")
        except Conflict:
            results.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=add) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["conflict"] * 7 + ["ok"]
    assert Membership.objects.filter(user=person, organisation=organisation).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_demotions_cannot_leave_an_organisation_without_an_admin():
    """Two admins demote each other at the same moment: one must be refused."""
    organisation = OrganisationFactory()
    first = MembershipFactory(organisation=organisation, role="admin")
    second = MembershipFactory(organisation=organisation, role="admin")
    MembershipFactory(organisation=organisation, role="member")
    outcomes, barrier = [], threading.Barrier(2)

    def demote(membership):
        try:
            barrier.wait()
            services.membership_set_role(actor=None, membership=membership, role="member")
            outcomes.append("ok")
        except LastAdminError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=demote, args=(m,)) for m in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert organisation.memberships.filter(role="admin").count() == 1


def test_user_create_makes_a_verified_primary_address_and_refuses_a_taken_email():
    user = services.user_create(
        email="Kari@Example.org", password="pw-123456", email_verified=True, name="Kari"
    )
    assert user.email == "kari@example.org"
    address = user.emailaddress_set.get()
    assert address.primary and address.verified
    assert user.check_password("pw-123456")
    with pytest.raises(Conflict):
        services.user_create(email="KARI@example.org", password=None)
    assert ModelLogEntry.objects.filter(action="core.user.created").exists()


def test_organisation_description_is_cleaned_of_scripts_and_foreign_attributes(hub_admin):
    organisation = services.organisation_create(
        actor=hub_admin,
        name="Trygg AS",
        kind="label",
        description=(
            '<p onclick="steal()">Hei <script>alert(1)</script><b>du</b></p>'
            '<a href="javascript:alert(1)">x</a><a href="https://fono.no">Fono</a>'
            '<a linktype="page" id="3">Om oss</a><iframe src="https://evil.example"></iframe>'
        ),
    )
    html = organisation.description
    assert "script" not in html and "onclick" not in html and "iframe" not in html
    assert "javascript:" not in html
    assert "<b>du</b>" in html
    assert 'href="https://fono.no"' in html
    assert 'linktype="page"' in html


def test_an_email_with_a_line_break_in_a_header_is_refused_when_queued_not_dropped_later():
    from django.core.mail import BadHeaderError, EmailMessage

    from samspill.core.mail import enqueue_message

    with pytest.raises(BadHeaderError):
        enqueue_message(
            EmailMessage(subject="Hei\nBcc: x@example.org", body="b", to=["a@example.org"])
        )
