"""What the network tells people (issue 19): join requests on the admins' page (their email is the
one they get), new members weekly, and joining follows the organisation."""

import pytest
from django.core import mail
from django.utils import translation

from samspill.core import notifications, registry
from samspill.core.models import Notification
from samspill.network import services
from tests.core.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def told(kind, user=None):
    rows = Notification.objects.filter(kind=kind)
    return rows.filter(user=user) if user is not None else rows


def test_the_kinds_are_registered():
    assert registry.notification_kind("network.join_request").default == "immediate"
    assert registry.notification_kind("network.new_member").default == "weekly"


def test_a_join_request_is_on_the_admins_page_and_emailed_once(
    user, organisation, org_admin, org_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_create(actor=user, organisation=organisation, message="Hei!")
    notice = told("network.join_request").get()
    assert notice.user == org_admin
    assert notice.emailed_at is not None
    assert user.name in notice.title
    assert [m.to for m in mail.outbox] == [[org_admin.email]]


def test_an_approved_member_follows_the_organisation_and_the_admins_hear_weekly(
    user, organisation, org_admin, django_capture_on_commit_callbacks
):
    other_admin = MembershipFactory(organisation=organisation, role="admin").user
    join_request = services.join_request_create(actor=user, organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_approve(actor=org_admin, join_request=join_request)
    assert notifications.is_following(user, organisation)
    assert notifications.follows_of(user)[0]["follow"].auto
    # The admin who approved is not told; the other admin is, in the weekly digest.
    assert list(told("network.new_member").values_list("user_id", flat=True)) == [other_admin.pk]
    assert told("network.new_member").get().delivery == "weekly"


def test_accepting_an_invitation_follows_and_says_so(client, organisation, org_admin):
    sent, _skipped = services.invitation_send(
        actor=org_admin, organisation=organisation, emails=["ny@example.org"]
    )
    person = UserFactory(email="ny@example.org")
    client.force_login(person)
    from samspill.network.tokens import invitation_token

    path = f"/nettverk/invitasjon/{invitation_token(sent[0])}/"
    response = client.post(path, follow=True)
    assert response.status_code == 200
    assert notifications.is_following(person, organisation)
    assert "Du følger nå" in response.content.decode()
    assert told("network.new_member", org_admin).count() == 1


def test_a_hidden_organisation_is_joined_without_a_follow(user, organisation, org_admin):
    organisation.is_public = False
    organisation.save()
    invitation = services.invitation_send(
        actor=org_admin, organisation=organisation, emails=[user.email]
    )[0][0]
    services.invitation_accept(actor=user, invitation=invitation)
    assert not notifications.is_following(user, organisation)
