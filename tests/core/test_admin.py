"""The Wagtail admin follows Membership roles: who sees, edits and manages what."""

import pytest
from allauth.mfa.models import Authenticator

from samspill.core.models import Membership, Organisation
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

EMPTY_RICH_TEXT = '{"blocks": [], "entityMap": {}}'


def assert_refused(response):
    """Wagtail answers a refused admin action with 403, or a redirect to the dashboard."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"].rstrip("/") in ("/admin", "") or "login" in response["Location"]


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_members_without_an_editing_role_get_a_403_page_at_the_admin_not_a_redirect_loop(
    client, org_member
):
    client.force_login(org_member)
    for path in ("/admin/", "/admin/pages/", "/admin/reports/site-history/"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Du har ikke tilgang til denne siden" in response.content.decode()
    # The login page, asked with next=/admin/, no longer bounces a signed-in member back there.
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 0


def test_editor_sees_only_their_own_organisations(client, org_editor, organisation):
    other = OrganisationFactory(name="Fremmed Forlag")
    client.force_login(org_editor)
    assert client.get("/admin/").status_code == 200
    html = client.get("/admin/organisations/").content.decode()
    assert organisation.name in html
    assert other.name not in html
    assert client.get(f"/admin/organisations/edit/{organisation.pk}/").status_code == 200
    for url in (
        f"/admin/organisations/edit/{other.pk}/",
        "/admin/organisations/new/",
        f"/admin/organisations/delete/{organisation.pk}/",
    ):
        assert_refused(client.get(url))


def test_editor_saves_their_organisation_through_the_service(client, org_editor, organisation):
    client.force_login(org_editor)
    response = client.post(
        f"/admin/organisations/edit/{organisation.pk}/",
        {
            "name": organisation.name,
            "slug": organisation.slug,
            "kind": "label",
            "is_public": "on",
            "country": "NO",
            "org_number": "123 456 785",
            "municipality": organisation.municipality_id,
            "summary": "Oppdatert",
            "description": EMPTY_RICH_TEXT,
            "website": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation.refresh_from_db()
    assert organisation.org_number == "123456785"
    assert organisation.summary == "Oppdatert"
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(
        action="core.organisation.updated", user_id=org_editor.pk
    ).exists()


def test_admin_form_shows_the_org_number_rule(client, hub_admin):
    client.force_login(hub_admin)
    response = client.post(
        "/admin/organisations/new/",
        {
            "name": "Feil AS",
            "slug": "feil-as",
            "kind": "label",
            "country": "NO",
            "org_number": "123456784",
            "is_public": "on",
            "description": EMPTY_RICH_TEXT,
        },
    )
    assert response.status_code == 200
    assert "modulus-11" in response.content.decode()
    assert not Organisation.objects.filter(slug="feil-as").exists()


def test_org_admin_manages_memberships_of_their_organisation_only(client, org_admin, organisation):
    other = OrganisationFactory()
    outsider = MembershipFactory(organisation=other)
    newcomer = UserFactory(email="ny@example.org")
    client.force_login(org_admin)
    html = client.get("/admin/memberships/").content.decode()
    assert outsider.user.email not in html
    response = client.post(
        "/admin/memberships/new/",
        {"organisation": organisation.pk, "role": "editor", "email": "NY@example.org"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Membership.objects.get(user=newcomer).role == "editor"
    response = client.post(
        "/admin/memberships/new/",
        {"organisation": other.pk, "role": "editor", "email": "ny@example.org"},
    )
    assert response.status_code == 200  # the other organisation is not a valid choice
    assert not Membership.objects.filter(user=newcomer, organisation=other).exists()
    assert_refused(client.get(f"/admin/memberships/edit/{outsider.pk}/"))


def test_demoting_the_last_admin_is_refused_with_a_message(client, org_admin, organisation):
    """A domain error raised while the admin saves becomes a form error, not a server error."""
    MembershipFactory(organisation=organisation, role="member")
    membership = Membership.objects.get(user=org_admin, organisation=organisation)
    client.force_login(org_admin)
    response = client.post(f"/admin/memberships/edit/{membership.pk}/", {"role": "member"})
    assert response.status_code == 200
    assert "administrator" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_editor_cannot_manage_memberships(client, org_editor):
    client.force_login(org_editor)
    assert_refused(client.get("/admin/memberships/"))


def test_admin_list_of_organisations_has_a_bounded_query_count(client, hub_admin, queries):
    client.force_login(hub_admin)
    OrganisationFactory()
    client.get("/admin/organisations/")
    first = queries.count(lambda: client.get("/admin/organisations/"))
    OrganisationFactory.create_batch(10)
    assert queries.count(lambda: client.get("/admin/organisations/")) == first


def test_hub_admins_must_set_up_two_factor_authentication_when_required(
    client, hub_admin, settings
):
    settings.REQUIRE_ADMIN_MFA = True
    client.force_login(hub_admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/2fa/totp/activate")
    Authenticator.objects.create(user=hub_admin, type=Authenticator.Type.TOTP, data={})
    assert client.get("/admin/").status_code == 200


def test_editors_are_not_forced_into_two_factor_authentication(client, org_editor, settings):
    settings.REQUIRE_ADMIN_MFA = True
    client.force_login(org_editor)
    assert client.get("/admin/").status_code == 200


def test_audit_entries_are_readable_per_organisation_and_do_not_leak(
    client, org_admin, organisation
):
    from samspill.core import services

    other = OrganisationFactory(name="Fremmed Forlag")
    stranger = UserFactory(name="Siri Fremmed")
    services.membership_create(actor=None, organisation=other, user=stranger, role="admin")
    other.summary = "Hemmelig endring"
    services.organisation_save(actor=stranger, organisation=other)
    organisation.summary = "Vår endring"
    services.organisation_save(actor=org_admin, organisation=organisation)
    client.force_login(org_admin)
    history = client.get(f"/admin/organisations/history/{organisation.pk}/")
    assert history.status_code == 200
    assert (
        "Organisation updated" in history.content.decode()
        or "oppdatert" in history.content.decode()
    )
    assert client.get(f"/admin/organisations/history/{other.pk}/").status_code == 404
    site_history = client.get("/admin/reports/site-history/").content.decode()
    assert "Siri Fremmed" not in site_history
    assert "Fremmed Forlag" not in site_history


def test_usage_of_another_organisation_or_its_memberships_is_not_shown(client, org_admin):
    """Found by the authorisation matrix: the usage screens skipped the instance check."""
    other = OrganisationFactory()
    other_membership = MembershipFactory(organisation=other, role="admin")
    own_membership = Membership.objects.get(user=org_admin)
    client.force_login(org_admin)
    assert client.get(f"/admin/organisations/usage/{other.pk}/").status_code == 404
    assert client.get(f"/admin/memberships/usage/{other_membership.pk}/").status_code == 404
    own = own_membership.organisation
    assert client.get(f"/admin/organisations/usage/{own.pk}/").status_code == 200
    assert client.get(f"/admin/memberships/usage/{own_membership.pk}/").status_code == 200
