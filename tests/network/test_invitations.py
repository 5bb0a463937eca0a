"""Invitations: admins invite by email with a signed link that expires; accepting makes a member."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from samspill.core import services as core_services
from samspill.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from samspill.core.models import Membership, Role
from samspill.network import services, tokens
from samspill.network.models import Invitation
from tests.core.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def invite(actor, organisation, *emails, role=Role.MEMBER):
    sent, _skipped = services.invitation_send(
        actor=actor, organisation=organisation, emails=list(emails), role=role
    )
    return sent


def link_in(message) -> str:
    match = re.search(r"https?://\S+/nettverk/invitasjon/(\S+)/", message.body)
    assert match, message.body
    return reverse("network:invitation", kwargs={"token": match.group(1)})


def text(response) -> str:
    return response.content.decode()


# --- Sending --------------------------------------------------------------------------------------


def test_admins_send_invitations_with_a_signed_link(
    organisation, org_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = invite(org_admin, organisation, "ny@example.org", "annen@example.org", role="editor")
    assert len(sent) == 2
    assert {m.to[0] for m in mail.outbox} == {"ny@example.org", "annen@example.org"}
    invitation = Invitation.objects.get(email="ny@example.org")
    assert invitation.role == "editor"
    assert invitation.invited_by == org_admin
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=14)
    message = next(m for m in mail.outbox if m.to == ["ny@example.org"])
    token = link_in(message).split("/")[-2]
    assert services.invitation_from_token(token) == invitation
    assert ModelLogEntry.objects.filter(action="network.invitation.sent").exists()


def test_members_editors_and_other_admins_cannot_invite(organisation, org_editor, org_member):
    other_admin = MembershipFactory(role=Role.ADMIN).user
    for actor in (org_editor, org_member, other_admin):
        with pytest.raises(NotPermitted):
            invite(actor, organisation, "x@example.org")
    assert not Invitation.objects.exists()


def test_invitations_refuse_bad_input_and_skip_members(organisation, org_admin, org_member):
    with pytest.raises(InvalidInput):
        invite(org_admin, organisation, "not-an-address")
    with pytest.raises(InvalidInput):
        invite(org_admin, organisation, "x@example.org", role="admin")
    with pytest.raises(InvalidInput):
        invite(org_admin, organisation)
    sent, skipped = services.invitation_send(
        actor=org_admin,
        organisation=organisation,
        emails=[org_member.email, "ny@example.org", "NY@example.org"],
    )
    assert [i.email for i in sent] == ["ny@example.org"]
    assert skipped == [org_member.email]


def test_the_invite_page_is_for_admins_and_sends(client, organisation, org_admin, org_member):
    url = reverse("network:invite", args=[organisation.slug])
    client.force_login(org_member)
    assert client.get(url).status_code == 403
    assert client.post(url, {"emails": "x@example.org", "role": "member"}).status_code == 403
    client.force_login(org_admin)
    page = client.get(url)
    assert page.status_code == 200
    assert text(page).count("<h1") == 1
    response = client.post(
        url, {"emails": "a@example.org, b@example.org\nc@example.org", "role": "member"}
    )
    assert response.status_code == 302
    assert Invitation.objects.count() == 3
    response = client.post(url, {"emails": "nope", "role": "member"})
    assert response.status_code == 422
    assert 'aria-describedby="id_emails_helptext id_emails_error"' in text(response)


def test_the_invite_page_is_rate_limited(client, organisation, org_admin, settings):
    settings.SAMSPILL_RATE_LIMITS = "network.invite=2/h"
    client.force_login(org_admin)
    url = reverse("network:invite", args=[organisation.slug])
    for n in range(2):
        assert (
            client.post(url, {"emails": f"p{n}@example.org", "role": "member"}).status_code == 302
        )
    response = client.post(url, {"emails": "p9@example.org", "role": "member"})
    assert response.status_code == 429
    assert Invitation.objects.count() == 2


# --- Tokens ---------------------------------------------------------------------------------------


def test_a_forged_or_foreign_token_is_not_found(client, organisation, org_admin):
    invitation = invite(org_admin, organisation, "ny@example.org")[0]
    token = tokens.invitation_token(invitation)
    for bad in (
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        signing.dumps(invitation.pk, salt="another.salt"),
        signing.dumps(invitation.pk + 999, salt=tokens.INVITATION_SALT),
        "garbage",
    ):
        with pytest.raises(NotFound):
            services.invitation_from_token(bad)
        assert client.get(reverse("network:invitation", kwargs={"token": bad})).status_code == 404


def test_an_expired_invitation_is_shown_as_expired_and_cannot_be_accepted(
    client, organisation, org_admin, user
):
    invitation = invite(org_admin, organisation, user.email)[0]
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    url = reverse("network:invitation", kwargs={"token": tokens.invitation_token(invitation)})
    client.force_login(user)
    page = client.get(url)
    assert page.status_code == 200
    assert 'data-invitation="expired"' in text(page)
    assert f'action="{url}"' not in text(page)
    response = client.post(url)
    assert response.status_code == 422
    assert not Membership.objects.filter(user=user, organisation=organisation).exists()


def test_a_token_older_than_its_validity_is_expired_even_if_the_row_says_otherwise(
    client, organisation, org_admin, user, monkeypatch
):
    invitation = invite(org_admin, organisation, user.email)[0]
    token = tokens.invitation_token(invitation)
    later = timezone.now() + datetime.timedelta(days=15)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    monkeypatch.setattr("time.time", lambda: later.timestamp())
    found = services.invitation_from_token(token)  # recognised, so the page can say "expired"
    assert found.pk == invitation.pk
    assert not found.is_open


# --- Accepting ------------------------------------------------------------------------------------


def test_accepting_creates_the_membership_with_the_role_once(
    client, organisation, org_admin, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(org_admin, organisation, user.email, role="editor")
    url = link_in(mail.outbox[0])
    client.force_login(user)
    page = client.get(url)
    assert page.status_code == 200
    assert text(page).count("<h1") == 1
    assert 'data-invitation="open"' in text(page)
    assert client.post(url).status_code == 302
    assert 'data-invitation="accepted"' in text(client.get(url))
    assert Membership.objects.get(user=user, organisation=organisation).role == Role.EDITOR
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    assert invitation.signed_up is False  # the account existed before the invitation
    assert client.post(url).status_code == 302  # idempotent
    assert Membership.objects.filter(user=user, organisation=organisation).count() == 1
    assert ModelLogEntry.objects.filter(action="network.invitation.accepted").count() == 1


def test_an_invitation_used_by_someone_else_is_refused(organisation, org_admin, user):
    invitation = invite(org_admin, organisation, user.email)[0]
    services.invitation_accept(actor=user, invitation=invitation)
    with pytest.raises(Conflict):
        services.invitation_accept(actor=UserFactory(), invitation=invitation)


def test_accepting_as_an_existing_member_keeps_the_role(organisation, org_admin, org_member):
    invitation = Invitation.objects.create(
        organisation=organisation,
        invited_by=org_admin,
        email=org_member.email,
        role="editor",
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    services.invitation_accept(actor=org_member, invitation=invitation)
    assert Membership.objects.get(user=org_member, organisation=organisation).role == Role.MEMBER


def test_anonymous_visitors_get_sign_up_and_log_in_links_that_come_back(
    client, organisation, org_admin
):
    invitation = invite(org_admin, organisation, "ny@example.org")[0]
    url = reverse("network:invitation", kwargs={"token": tokens.invitation_token(invitation)})
    page = client.get(url)
    html = text(page)
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    from urllib.parse import quote

    assert f"{reverse('account_signup')}?next={quote(url, safe='')}" in html
    assert f"{reverse('account_login')}?next={quote(url, safe='')}" in html
    assert client.session["network_invitation"] == invitation.pk
    response = client.post(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_person_who_signed_up_through_the_invitation_is_counted(client, organisation, org_admin):
    invitation = invite(org_admin, organisation, "ny@example.org")[0]
    newcomer = UserFactory(email="ny@example.org")  # created after the invitation
    client.force_login(newcomer)
    url = reverse("network:invitation", kwargs={"token": tokens.invitation_token(invitation)})
    assert client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.signed_up is True
    assert Membership.objects.get(user=newcomer, organisation=organisation).role == Role.MEMBER


def test_sign_up_through_the_real_form_then_accept(client, organisation, org_admin):
    """The whole way: the link, allauth's sign-up with ?next=, email confirmation, accepting."""
    invitation = invite(org_admin, organisation, "fersk@example.org")[0]
    url = reverse("network:invitation", kwargs={"token": tokens.invitation_token(invitation)})
    client.get(url)
    signup = reverse("account_signup") + "?next=" + url
    response = client.post(
        signup,
        {
            "email": "fersk@example.org",
            "password1": "a-long-enough-password-42",
            "password2": "a-long-enough-password-42",
            "next": url,
        },
    )
    assert response.status_code == 302, text(response)[:2000]
    from django.contrib.auth import get_user_model

    person = get_user_model().objects.get(email="fersk@example.org")
    client.force_login(person)
    assert client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.signed_up is True
    assert invitation.accepted_by == person


def test_an_invitation_whose_sender_is_gone_still_opens_and_never_shows_an_address(client):
    from samspill.network.models import Invitation
    from tests.core.factories import OrganisationFactory, UserFactory

    sender = UserFactory(name="")
    invitation = Invitation.objects.create(
        organisation=OrganisationFactory(name="Klangrommet"),
        invited_by=sender,
        email="ny@example.org",
        expires_at=timezone.now() + timezone.timedelta(days=3),
    )
    path = f"/nettverk/invitasjon/{tokens.invitation_token(invitation)}/"
    page = client.get(path)
    assert page.status_code == 200 and sender.email not in page.content.decode()
    sender.delete()
    page = client.get(path)
    assert page.status_code == 200 and "Klangrommet" in page.content.decode()


def test_deleting_an_account_erases_the_invitations_to_its_address_with_an_audit_entry(
    organisation, org_admin
):
    invite(org_admin, organisation, "Borte@Example.org", "blir@example.org")
    person = UserFactory(email="borte@example.org")
    core_services.user_delete(user=person)
    assert list(Invitation.objects.values_list("email", flat=True)) == ["blir@example.org"]
    entry = ModelLogEntry.objects.get(action="network.invitation.erased")
    assert entry.data == {"count": 1}
