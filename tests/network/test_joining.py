"""Joining: creating an organisation (approved by a hub editor) and asking to join one."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from samspill.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from samspill.core.models import Membership, Organisation, Role
from samspill.network import services
from samspill.network.models import Approval, JoinRequest, OrganisationProfile, RequestStatus
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW = "/nettverk/ny-organisasjon/"
VALID_ORG_NUMBER = "923609016"  # mod-11 valid (Equinor's)


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def actions(target=None):
    entries = ModelLogEntry.objects.all()
    if target is not None:
        entries = entries.filter(object_id=str(target.pk))
    return set(entries.values_list("action", flat=True))


def submit(user, **fields):
    data = {"name": "Vokalappen", "kind": "startup", "country": "NO", "summary": "En app."}
    data.update(fields)
    return services.organisation_submit(actor=user, **data)


def text(response) -> str:
    return response.content.decode()


# --- Creating an organisation: the services -------------------------------------------------------


def test_a_submitted_organisation_is_unlisted_pending_and_the_person_its_admin(
    user, hub_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = submit(user, org_number=VALID_ORG_NUMBER)
    organisation.refresh_from_db()
    assert organisation.is_public is False
    profile = OrganisationProfile.objects.get(organisation=organisation)
    assert profile.approval == Approval.PENDING
    assert profile.submitted_by == user
    assert Membership.objects.get(organisation=organisation, user=user).role == Role.ADMIN
    assert "network.organisation.submitted" in actions(organisation)
    assert [m.to for m in mail.outbox] == [[hub_admin.email]]
    assert "Vokalappen" in mail.outbox[0].subject


def test_a_duplicate_org_number_is_a_clear_error(user):
    submit(user, org_number=VALID_ORG_NUMBER)
    with pytest.raises(Conflict) as caught:
        submit(user, name="Igjen", org_number="923 609 016")
    assert caught.value.field == "org_number"
    assert Organisation.objects.filter(name="Igjen").count() == 0


def test_a_wrong_org_number_is_refused_and_nothing_is_kept(user):
    with pytest.raises(InvalidInput):
        submit(user, org_number="923609017")
    assert not Organisation.objects.filter(name="Vokalappen").exists()
    assert not Membership.objects.filter(user=user).exists()


def test_anonymous_cannot_submit():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotPermitted):
        submit(AnonymousUser())


def test_a_hub_admin_approves_lists_it_and_tells_the_submitter(
    user, hub_admin, django_capture_on_commit_callbacks
):
    organisation = submit(user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_approve(actor=hub_admin, organisation=organisation, note="Velkommen")
    organisation.refresh_from_db()
    assert organisation.is_public is True
    assert organisation.network_profile.approval == Approval.APPROVED
    assert organisation.network_profile.decision_note == "Velkommen"
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "Velkommen" in mail.outbox[0].body
    assert "network.organisation.approved" in actions(organisation)


def test_declining_keeps_it_unlisted_with_the_note_emailed(
    user, hub_admin, django_capture_on_commit_callbacks
):
    organisation = submit(user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_decline(
            actor=hub_admin, organisation=organisation, note="Ikke en musikkaktør"
        )
    organisation.refresh_from_db()
    assert organisation.is_public is False
    assert organisation.network_profile.approval == Approval.DECLINED
    assert "Ikke en musikkaktør" in mail.outbox[0].body
    with pytest.raises(Conflict):
        services.organisation_approve(actor=hub_admin, organisation=organisation)


def test_only_hub_admins_decide_on_organisations(user, org_admin):
    organisation = submit(user)
    for actor in (user, org_admin):
        with pytest.raises(NotPermitted):
            services.organisation_approve(actor=actor, organisation=organisation)
    assert OrganisationProfile.objects.get(organisation=organisation).approval == Approval.PENDING


# --- Creating an organisation: the pages ----------------------------------------------------------


def test_the_new_organisation_page_needs_a_signed_in_person(client):
    response = client.get(NEW)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_form_creates_it_and_shows_the_waiting_page(client, user, hub_admin):
    client.force_login(user)
    page = client.get(NEW)
    assert page.status_code == 200
    assert text(page).count("<h1") == 1
    response = client.post(
        NEW,
        {
            "name": "Lydlab",
            "kind": "startup",
            "country": "NO",
            "summary": "Vi lager lyd.",
            "description": "Første avsnitt.\n\nAndre <b>avsnitt</b>.",
            "website": "lydlab.no",
        },
    )
    organisation = Organisation.objects.get(name="Lydlab")
    assert response.status_code == 302
    assert response["Location"] == reverse("network:organisation-pending", args=[organisation.slug])
    assert "&lt;b&gt;" in organisation.description
    assert organisation.website == "https://lydlab.no"
    waiting = client.get(response["Location"])
    assert waiting.status_code == 200
    assert 'data-approval="pending"' in text(waiting)


def test_the_waiting_page_is_for_its_members_only(client, user):
    organisation = submit(user)
    other = UserFactory()
    client.force_login(other)
    assert (
        client.get(reverse("network:organisation-pending", args=[organisation.slug])).status_code
        == 404
    )


def test_form_errors_are_shown_next_to_the_fields(client, user):
    client.force_login(user)
    submit(UserFactory(), name="Først", org_number=VALID_ORG_NUMBER)
    response = client.post(
        NEW,
        {
            "name": "",
            "kind": "startup",
            "country": "NO",
            "summary": "x",
            "org_number": VALID_ORG_NUMBER,
        },
    )
    assert response.status_code == 422
    html = text(response)
    assert 'aria-describedby="id_name_error"' in html
    assert 'class="error-summary"' in html
    response = client.post(
        NEW,
        {
            "name": "Ny",
            "kind": "startup",
            "country": "NO",
            "summary": "x",
            "org_number": VALID_ORG_NUMBER,
        },
    )
    assert response.status_code == 409
    assert 'id="id_org_number_error"' in text(response)
    assert not Organisation.objects.filter(name="Ny").exists()


# --- Asking to join: the services -----------------------------------------------------------------


def test_asking_to_join_emails_the_admins(
    user, organisation, org_admin, org_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        join_request = services.join_request_create(
            actor=user, organisation=organisation, message="Hei!"
        )
    assert join_request.status == RequestStatus.PENDING
    assert [m.to for m in mail.outbox] == [[org_admin.email]]
    assert "Hei!" in mail.outbox[0].body
    assert reverse("network:join-requests", args=[organisation.slug]) in mail.outbox[0].body
    assert "network.join_request.created" in actions(organisation)


def test_one_pending_request_per_person_and_organisation(user, organisation):
    services.join_request_create(actor=user, organisation=organisation)
    with pytest.raises(Conflict):
        services.join_request_create(actor=user, organisation=organisation)
    assert JoinRequest.objects.filter(user=user).count() == 1


def test_the_database_refuses_a_second_pending_request(user, organisation):
    JoinRequest.objects.create(user=user, organisation=organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        JoinRequest.objects.create(user=user, organisation=organisation)
    JoinRequest.objects.update(status=RequestStatus.DECLINED)
    JoinRequest.objects.create(user=user, organisation=organisation)  # asking again is fine


def test_members_cannot_ask_and_unlisted_organisations_cannot_be_asked(
    org_member, organisation, user
):
    with pytest.raises(Conflict):
        services.join_request_create(actor=org_member, organisation=organisation)
    hidden = OrganisationFactory(is_public=False)
    with pytest.raises(NotFound):
        services.join_request_create(actor=user, organisation=hidden)
    pending = submit(UserFactory())
    with pytest.raises(NotFound):
        services.join_request_create(actor=user, organisation=pending)


def test_approving_creates_the_membership_and_tells_the_person(
    user, organisation, org_admin, django_capture_on_commit_callbacks
):
    join_request = services.join_request_create(actor=user, organisation=organisation)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_approve(actor=org_admin, join_request=join_request)
    join_request.refresh_from_db()
    assert join_request.status == RequestStatus.APPROVED
    assert join_request.decided_by == org_admin
    assert Membership.objects.get(user=user, organisation=organisation).role == Role.MEMBER
    assert [m.to for m in mail.outbox] == [[user.email]]
    with pytest.raises(Conflict):
        services.join_request_decline(actor=org_admin, join_request=join_request)


def test_declining_creates_no_membership(
    user, organisation, hub_admin, django_capture_on_commit_callbacks
):
    join_request = services.join_request_create(actor=user, organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_decline(actor=hub_admin, join_request=join_request)
    assert JoinRequest.objects.get().status == RequestStatus.DECLINED
    assert not Membership.objects.filter(user=user).exists()
    assert mail.outbox[-1].to == [user.email]


def test_only_the_organisations_admins_decide(user, organisation, org_editor, org_member):
    join_request = services.join_request_create(actor=user, organisation=organisation)
    other_admin = MembershipFactory(role=Role.ADMIN).user
    for actor in (org_editor, org_member, other_admin, user):
        with pytest.raises(NotPermitted):
            services.join_request_approve(actor=actor, join_request=join_request)
    assert JoinRequest.objects.get().status == RequestStatus.PENDING


# --- Asking to join: the pages --------------------------------------------------------------------


def join_url(organisation):
    return reverse("network:join", args=[organisation.slug])


def test_the_join_page_sends_a_request_and_then_says_so(client, user, organisation):
    client.force_login(user)
    page = client.get(join_url(organisation))
    assert page.status_code == 200
    assert text(page).count("<h1") == 1
    response = client.post(join_url(organisation), {"message": "Jeg spiller bass."})
    assert response.status_code == 302
    assert JoinRequest.objects.get().message == "Jeg spiller bass."
    again = client.post(join_url(organisation), {"message": "igjen"}, follow=True)
    assert again.status_code == 200
    assert JoinRequest.objects.count() == 1


def test_the_join_page_tells_members_they_are_members(client, org_member, organisation):
    client.force_login(org_member)
    response = client.post(join_url(organisation), {})
    assert response.status_code == 200
    assert not JoinRequest.objects.exists()


def test_the_join_page_needs_a_signed_in_person_and_a_listed_organisation(client, user):
    hidden = OrganisationFactory(is_public=False)
    assert client.get(join_url(hidden)).status_code == 302
    client.force_login(user)
    assert client.get(join_url(hidden)).status_code == 404


def test_the_requests_page_is_for_the_organisations_admins(
    client, user, organisation, org_admin, org_editor, org_member
):
    services.join_request_create(actor=user, organisation=organisation)
    url = reverse("network:join-requests", args=[organisation.slug])
    other_admin = MembershipFactory(role=Role.ADMIN).user
    for person in (org_editor, org_member, other_admin, user):
        client.force_login(person)
        assert client.get(url).status_code == 403
    client.force_login(org_admin)
    page = client.get(url)
    assert page.status_code == 200
    assert user.email in text(page)


def test_admins_decide_on_the_requests_page(client, user, organisation, org_admin, org_member):
    join_request = services.join_request_create(actor=user, organisation=organisation)
    url = reverse("network:join-request-decide", args=[organisation.slug, join_request.pk])
    client.force_login(org_member)
    assert client.post(url, {"decision": "approve"}).status_code == 403
    client.force_login(org_admin)
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 302
    assert Membership.objects.filter(user=user, organisation=organisation).exists()
    # Deciding again gives a message, not an error.
    assert client.post(url, {"decision": "decline"}, follow=True).status_code == 200
    assert JoinRequest.objects.get().status == RequestStatus.APPROVED


def test_a_request_of_another_organisation_is_not_found_through_this_one(
    client, user, organisation, org_admin
):
    other = OrganisationFactory()
    join_request = services.join_request_create(actor=user, organisation=other)
    client.force_login(org_admin)
    url = reverse("network:join-request-decide", args=[organisation.slug, join_request.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert JoinRequest.objects.get().status == RequestStatus.PENDING


def test_the_requests_page_runs_a_bounded_number_of_queries(
    client, organisation, org_admin, queries
):
    client.force_login(org_admin)
    url = reverse("network:join-requests", args=[organisation.slug])
    services.join_request_create(actor=UserFactory(), organisation=organisation)
    client.get(url)
    few = queries.count(lambda: client.get(url))
    for _ in range(5):
        services.join_request_create(actor=UserFactory(), organisation=organisation)
    many = queries.count(lambda: client.get(url))
    assert many == few


def test_a_persons_network_data_is_exported_and_erased_with_the_account(organisation):
    from samspill.core.services import user_delete, user_export_data
    from samspill.network.models import Invitation, JoinRequest
    from tests.core.factories import UserFactory

    person = UserFactory()
    JoinRequest.objects.create(user=person, organisation=organisation, message="Hei!")
    Invitation.objects.create(
        organisation=organisation,
        email=person.email.upper(),
        expires_at=timezone.now() + timezone.timedelta(days=1),
    )
    data = user_export_data(user=person)["network"]
    assert data["requests_to_join"][0]["message"] == "Hei!"
    assert len(data["invitations_received"]) == 1
    user_delete(user=person)
    assert not JoinRequest.objects.exists() and not Invitation.objects.exists()
