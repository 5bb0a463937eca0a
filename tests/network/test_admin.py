"""The network's admin screens: taxonomy, approvals, requests to join, invitations report."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from samspill.core.models import Membership, Role
from samspill.network import services
from samspill.network.models import (
    Approval,
    Invitation,
    JoinRequest,
    NeedOfferCategory,
    RequestStatus,
)
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

APPROVALS = "/admin/network/approvals/"
REQUESTS = "/admin/network/join-requests/"
INVITATIONS = "/admin/network/invitations/"
TAXONOMY = "/admin/network/needs-offers/"


def login(client, user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)


def assert_refused(response):
    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert response["Location"].rstrip("/") in ("/admin", "") or "login" in response["Location"]


def submitted(name="Vokalappen"):
    return services.organisation_submit(
        actor=UserFactory(), name=name, kind="startup", country="NO", summary="En app."
    )


def test_the_menu_shows_the_network_group_to_hub_admins(client, hub_admin):
    login(client, hub_admin)
    html = client.get("/admin/").content.decode()
    for url in (APPROVALS, REQUESTS, INVITATIONS, TAXONOMY):
        assert url in html


def test_org_admins_see_only_the_requests_screen(client, org_admin):
    org_admin.is_staff = True
    org_admin.save()
    login(client, org_admin)
    assert client.get(REQUESTS).status_code == 200
    for url in (APPROVALS, INVITATIONS, TAXONOMY):
        assert_refused(client.get(url))


def test_the_taxonomy_is_edited_by_hub_admins(client, hub_admin):
    login(client, hub_admin)
    assert client.get(TAXONOMY).status_code == 200
    response = client.post(
        TAXONOMY + "new/",
        {
            "slug": "podcast",
            "name_nb": "Podkast",
            "name_da": "Podcast",
            "name_en": "Podcasts",
            "sort_order": 99,
        },
    )
    assert response.status_code == 302
    assert NeedOfferCategory.objects.get(slug="podcast").name_en == "Podcasts"


def test_hub_admins_approve_and_decline_with_a_note(
    client, hub_admin, django_capture_on_commit_callbacks
):
    first, second = submitted("Første"), submitted("Andre")
    login(client, hub_admin)
    page = client.get(APPROVALS)
    assert page.status_code == 200
    assert "Første" in page.content.decode() and "Andre" in page.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{APPROVALS}{first.pk}/", {"decision": "approve", f"o{first.pk}-note": "Flott"}
        )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{APPROVALS}{second.pk}/", {"decision": "decline", f"o{second.pk}-note": "Nei"}
        )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_public and first.network_profile.approval == Approval.APPROVED
    assert not second.is_public and second.network_profile.approval == Approval.DECLINED
    assert second.network_profile.decision_note == "Nei"
    assert len(mail.outbox) == 2
    assert f'action="{APPROVALS}{first.pk}/"' not in client.get(APPROVALS).content.decode()
    # Deciding again is a message, not an error.
    assert client.post(f"{APPROVALS}{first.pk}/", {"decision": "decline"}).status_code == 302
    first.refresh_from_db()
    assert first.is_public


def test_only_hub_admins_decide_on_approvals(client, org_admin):
    organisation = submitted()
    org_admin.is_staff = True
    org_admin.save()
    login(client, org_admin)
    assert_refused(client.post(f"{APPROVALS}{organisation.pk}/", {"decision": "approve"}))
    organisation.refresh_from_db()
    assert not organisation.is_public


def test_org_admins_decide_their_requests_and_see_no_others(client, organisation, org_admin):
    mine = services.join_request_create(
        actor=UserFactory(name="Mine Person"), organisation=organisation
    )
    other = services.join_request_create(
        actor=UserFactory(name="Annen Person"), organisation=OrganisationFactory()
    )
    login(client, org_admin)
    html = client.get(REQUESTS).content.decode()
    assert "Mine Person" in html and "Annen Person" not in html
    assert client.post(f"{REQUESTS}{other.pk}/", {"decision": "approve"}).status_code == 404
    assert client.post(f"{REQUESTS}{mine.pk}/", {"decision": "approve"}).status_code == 302
    assert JoinRequest.objects.get(pk=mine.pk).status == RequestStatus.APPROVED
    assert JoinRequest.objects.get(pk=other.pk).status == RequestStatus.PENDING
    assert Membership.objects.filter(
        user=mine.user, organisation=organisation, role=Role.MEMBER
    ).exists()
    assert client.get(REQUESTS + "?status=approved").status_code == 200


def test_hub_admins_see_every_request(client, hub_admin, organisation):
    services.join_request_create(actor=UserFactory(name="Mine Person"), organisation=organisation)
    services.join_request_create(
        actor=UserFactory(name="Annen Person"), organisation=OrganisationFactory()
    )
    login(client, hub_admin)
    html = client.get(REQUESTS).content.decode()
    assert "Mine Person" in html and "Annen Person" in html


def test_members_and_editors_cannot_reach_the_requests_screen(
    client, organisation, org_editor, org_member
):
    request = services.join_request_create(actor=UserFactory(), organisation=organisation)
    for person in (org_editor, org_member):
        login(client, person)
        assert_refused(client.get(REQUESTS))
        assert_refused(client.post(f"{REQUESTS}{request.pk}/", {"decision": "approve"}))
    assert JoinRequest.objects.get().status == RequestStatus.PENDING


def test_the_invitations_report_counts_per_organisation(
    client, hub_admin, organisation, org_admin, queries
):
    sent = services.invitation_send(
        actor=org_admin,
        organisation=organisation,
        emails=["a@example.org", "b@example.org", "c@example.org"],
    )[0]
    services.invitation_accept(
        actor=UserFactory(email="a@example.org"), invitation=sent[0]
    )  # new account
    existing = UserFactory()
    Invitation.objects.filter(pk=sent[1].pk).update(
        created_at=timezone.now() + datetime.timedelta(seconds=5)
    )
    services.invitation_accept(actor=existing, invitation=Invitation.objects.get(pk=sent[1].pk))
    Invitation.objects.filter(pk=sent[2].pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    other = OrganisationFactory(name="Zeta")
    other_admin = MembershipFactory(organisation=other, role=Role.ADMIN).user
    services.invitation_send(actor=other_admin, organisation=other, emails=["z@example.org"])
    login(client, hub_admin)
    html = client.get(INVITATIONS).content.decode()
    row = html.split(f'data-organisation="{organisation.slug}"')[1].split("</tr>")[0]
    assert 'data-count="sent">3<' in row
    assert 'data-count="accepted">2<' in row
    assert 'data-count="signed-up">1<' in row
    assert 'data-count="expired">1<' in row
    few = queries.count(lambda: client.get(INVITATIONS))
    for n in range(4):
        org = OrganisationFactory()
        admin = MembershipFactory(organisation=org, role=Role.ADMIN).user
        services.invitation_send(actor=admin, organisation=org, emails=[f"m{n}@example.org"])
    assert queries.count(lambda: client.get(INVITATIONS)) == few
