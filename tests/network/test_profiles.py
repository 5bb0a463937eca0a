"""Organisation and person profiles in the network, editing needs and offers, the contact relay."""

import re

import pytest
from django.core import mail
from django.utils import translation

from samspill.core.errors import Conflict
from samspill.network import search, selectors, services
from samspill.network.models import Approval, NeedOffer, ProfileLink
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.network.factories import category, needs_and_offers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def text(response) -> str:
    return response.content.decode()


PROFILE = "/nettverk/lydhuset/"
EDIT = "/nettverk/lydhuset/behov-og-tilbud/"
CONTACT = "/nettverk/lydhuset/kontakt/"


# --- The organisation's profile ---------------------------------------------------------------


def test_profile_shows_facts_needs_offers_links_and_only_listed_people(client, organisation):
    services.needs_offers_set(
        actor=None,
        organisation=organisation,
        needs={category("investment").pk: "Vi ser etter en pre-seed investor"},
        offers={category("studios").pk: ""},
    )
    profile = services.profile_for(organisation)
    profile.founded_year = 2019
    profile.size = "2-10"
    profile.save()
    ProfileLink.objects.create(organisation=organisation, label="Instagram", url="https://x.test/")
    shown = UserFactory(
        name="Synne Synlig",
        is_listed=True,
        title="Booker",
        show_title=True,
        bio="Skjult bio",
        show_bio=False,
    )
    bio_only = UserFactory(
        name="Bjørn Bio",
        is_listed=True,
        title="Hemmelig tittel",
        show_title=False,
        bio="Jeg liker jazz",
        show_bio=True,
    )
    private = UserFactory(name="Petter Privat", is_listed=False, title="Sjef", show_title=True)
    for person in (shown, bio_only, private):
        MembershipFactory(user=person, organisation=organisation)

    response = client.get(PROFILE)
    body = text(response)
    assert response.status_code == 200
    assert body.count("<h1>") == 1
    assert "Lydhuset" in body and "2019" in body and "2–10" in body
    assert "Vi ser etter en pre-seed investor" in body
    assert "Investering" in body and "Studio" in body
    assert "Instagram" in body
    assert "Synne Synlig" in body and "Booker" in body and "Skjult bio" not in body
    assert "Bjørn Bio" in body and "Jeg liker jazz" in body and "Hemmelig tittel" not in body
    assert "Petter Privat" not in body and "Sjef" not in body
    for person in (shown, bio_only, private):
        assert person.email not in body
    # Anonymous visitors see no matches and no edit link, and are asked to sign in to write.
    assert "Foreslåtte" not in body and "behov-og-tilbud" not in body
    assert response.context["show_matches"] is False


def test_profile_lists_upcoming_events_of_the_organisation(client, organisation):
    from tests.events.factories import make_event

    event = make_event(title="Lydkveld")
    event.organisers.add(organisation)
    assert "Lydkveld" in text(client.get(PROFILE))


CORE_PAGE = "/organisasjoner/lydhuset/"


def test_a_cancelled_event_says_so_wherever_the_organisation_lists_its_events(client, organisation):
    """As on the events list: a cancelled event stays listed, marked "Avlyst" (issue 18)."""
    from tests.events.factories import make_event

    cancelled = make_event(title="Avlyst lydkveld", status="cancelled")
    cancelled.organisers.add(organisation)
    held = make_event(title="Lydkveld")
    held.organisers.add(organisation)
    for url in (PROFILE, CORE_PAGE):
        body = text(client.get(url))
        line = re.search(r"<li><a [^>]*>Avlyst lydkveld</a>.*?</li>", body, re.S)
        assert line and "Avlyst</span>" in line.group(), url
        other = re.search(r"<li><a [^>]*>Lydkveld</a>.*?</li>", body, re.S)
        assert other and "Avlyst" not in other.group(), url


def test_the_core_organisation_page_shows_needs_offers_events_and_leads_to_the_network(
    client, organisation, queries
):
    from tests.events.factories import make_event

    client.get(CORE_PAGE)
    few = queries.count(lambda: client.get(CORE_PAGE))
    needs_and_offers(organisation, needs=["booking", "legal"], offers=["studios", "venues"])
    event = make_event(title="Lydkveld")
    event.organisers.add(organisation)
    body = text(client.get(CORE_PAGE))
    assert "I nettverket" in body and 'href="/nettverk/lydhuset/"' in body
    assert "Booking" in body and "Studio" in body
    assert "Lydkveld" in body
    # The sections cost a fixed number of queries, whatever the number of needs and offers.
    more = queries.count(lambda: client.get(CORE_PAGE))
    needs_and_offers(
        organisation, needs=["booking", "legal", "marketing", "investment"], offers=["studios"]
    )
    assert queries.count(lambda: client.get(CORE_PAGE)) == more
    assert more - few <= 4


def test_the_core_organisation_page_leaves_the_network_out_while_it_waits_for_approval(
    client, organisation
):
    needs_and_offers(organisation, needs=["booking"])
    profile = services.profile_for(organisation)
    profile.approval = Approval.PENDING
    profile.save()
    body = text(client.get(CORE_PAGE))
    assert "I nettverket" not in body and "/nettverk/lydhuset/" not in body


def test_profile_404_for_unlisted_or_pending_unless_member_or_hub_admin(
    client, organisation, org_member, hub_admin, user
):
    organisation.is_public = False
    organisation.save()
    assert client.get(PROFILE).status_code == 404
    client.force_login(user)
    assert client.get(PROFILE).status_code == 404
    client.force_login(org_member)
    assert client.get(PROFILE).status_code == 200
    client.force_login(hub_admin)
    assert client.get(PROFILE).status_code == 200

    organisation.is_public = True
    organisation.save()
    profile = services.profile_for(organisation)
    profile.approval = Approval.PENDING
    profile.save()
    client.force_login(user)
    assert client.get(PROFILE).status_code == 404
    assert client.get("/nettverk/finnes-ikke/").status_code == 404


def test_matches_are_shown_explained_to_members_and_hub_admins_only(
    client, organisation, org_member, hub_admin, user
):
    needs_and_offers(organisation, needs=["booking"], offers=["studios"])
    agency = OrganisationFactory(name="Bookingbyrået", slug="bookingbyraet")
    needs_and_offers(agency, offers=["booking"], needs=["studios"])

    client.force_login(user)
    assert "Bookingbyrået" not in text(client.get(PROFILE))
    for viewer in (org_member, hub_admin):
        client.force_login(viewer)
        body = text(client.get(PROFILE))
        assert "Bookingbyrået" in body
        assert "Tilbyr booking, som dere trenger" in body or "Offers booking, which you need" in (
            body
        )
    client.force_login(org_member)
    english = text(client.get("/en" + PROFILE))
    assert "Offers booking, which you need" in english
    assert "Needs studios, which you offer" in english


def test_profile_query_count_does_not_grow_with_people_and_needs(client, organisation, queries):
    client.get(PROFILE)
    few = queries.count(lambda: client.get(PROFILE))
    needs_and_offers(
        organisation, needs=["booking", "legal", "marketing"], offers=["studios", "venues"]
    )
    for n in range(6):
        MembershipFactory(user=UserFactory(is_listed=True), organisation=organisation)
        ProfileLink.objects.create(organisation=organisation, label=f"L{n}", url="https://x.test")
    assert queries.count(lambda: client.get(PROFILE)) == few


# --- Editing needs and offers -----------------------------------------------------------------


def test_needs_offers_edit_permissions(client, organisation, org_admin, org_editor, org_member):
    other = MembershipFactory(role="admin").user
    assert client.get(EDIT).status_code == 302  # to sign in
    for person, status in ((org_admin, 200), (org_editor, 200), (org_member, 403), (other, 403)):
        client.force_login(person)
        assert client.get(EDIT).status_code == status
        if status == 403:
            assert client.post(EDIT, {}).status_code == 403
    assert not NeedOffer.objects.exists()


def test_admin_sees_the_edit_link_and_saves_needs_and_offers(
    client, organisation, org_admin, django_capture_on_commit_callbacks
):
    needs_and_offers(organisation, needs=["legal"])
    client.force_login(org_admin)
    assert EDIT in text(client.get(PROFILE))
    form = text(client.get(EDIT))
    assert "<fieldset" in form and "<legend>" in form
    booking, studios = category("booking"), category("studios")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            EDIT,
            {
                f"need_{booking.pk}": "on",
                f"need_{booking.pk}_text": "Vi trenger en turnébooker",
                f"offer_{studios.pk}": "on",
            },
        )
    assert response.status_code == 302
    saved = {(n.direction, n.category.slug, n.text) for n in NeedOffer.objects.all()}
    assert saved == {("need", "booking", "Vi trenger en turnébooker"), ("offer", "studios", "")}
    # The search knows the new words once the change is committed.
    assert list(selectors.directory_organisations(q="turnébooker")) == [organisation]


def test_needs_offers_errors_are_next_to_their_fields(client, organisation, org_editor):
    client.force_login(org_editor)
    booking = category("booking")
    response = client.post(EDIT, {f"need_{booking.pk}_text": "Uten kryss", "x": "y"})
    assert response.status_code == 422
    body = text(response)
    assert f'id="id_need_{booking.pk}-error"' in body
    assert f'aria-describedby="id_need_{booking.pk}-error"' in body
    assert 'class="error-summary"' in body
    long = client.post(EDIT, {f"need_{booking.pk}": "on", f"need_{booking.pk}_text": "x" * 300})
    assert long.status_code == 422
    assert not NeedOffer.objects.exists()


# --- People -----------------------------------------------------------------------------------


def test_person_profile_only_for_listed_active_people(client, organisation):
    hidden_org = OrganisationFactory(name="Skjult AS", is_public=False)
    person = UserFactory(
        name="Synne Synlig",
        is_listed=True,
        title="Booker",
        show_title=False,
        bio="Om meg",
        show_bio=True,
    )
    MembershipFactory(user=person, organisation=organisation)
    MembershipFactory(user=person, organisation=hidden_org)
    body = text(client.get(f"/nettverk/personer/{person.pk}/"))
    assert "Synne Synlig" in body and "Om meg" in body and "Lydhuset" in body
    assert "Booker" not in body and "Skjult AS" not in body and person.email not in body

    private = UserFactory(name="Petter Privat", is_listed=False)
    inactive = UserFactory(is_listed=True, is_active=False)
    assert client.get(f"/nettverk/personer/{private.pk}/").status_code == 404
    assert client.get(f"/nettverk/personer/{inactive.pk}/").status_code == 404
    client.force_login(private)  # not even to themselves
    assert client.get(f"/nettverk/personer/{private.pk}/").status_code == 404


# --- The contact relay ------------------------------------------------------------------------


def test_contact_relays_to_the_admins_with_reply_to_the_sender(
    client, organisation, org_admin, org_member, user, django_capture_on_commit_callbacks
):
    second_admin = MembershipFactory(organisation=organisation, role="admin").user
    client.force_login(user)
    page = text(client.get(PROFILE))
    assert org_admin.email not in page and second_admin.email not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONTACT, {"subject": "Samarbeid?", "message": "Hei! Vil dere?"})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([org_admin.email, second_admin.email])
    for message in mail.outbox:
        assert message.reply_to == [user.email]
        assert len(message.to) == 1
        assert "Samarbeid?" in message.subject
        assert "Hei! Vil dere?" in message.body
        assert org_member.email not in message.to
    followed = text(client.get(response["Location"]))
    assert org_admin.email not in followed and second_admin.email not in followed
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(action="network.contact.sent").count() == 1


def test_contact_needs_sign_in_and_valid_input(client, organisation, org_admin, user):
    assert client.post(CONTACT, {"subject": "a", "message": "b"}).status_code == 302
    assert not mail.outbox
    client.force_login(user)
    response = client.post(CONTACT, {"subject": "", "message": ""})
    assert response.status_code == 422
    assert 'aria-describedby="id_subject-error"' in text(response)
    assert not mail.outbox


def test_contact_with_nobody_to_receive_is_refused_on_the_page(client, organisation, user):
    """An organisation without administrators yet: the service refuses (409), the page says why,
    no email and no audit entry."""
    from wagtail.models import ModelLogEntry

    client.force_login(user)
    response = client.post(CONTACT, {"subject": "Hei", "message": "Noen der?"})
    assert response.status_code == 409
    assert "Det er ingen her som kan ta imot meldinger ennå." in text(response)
    assert not mail.outbox
    assert not ModelLogEntry.objects.filter(action="network.contact.sent").exists()
    with pytest.raises(Conflict):
        services.contact_send(
            actor=user, recipients=[], target=organisation, subject="s", message="m", page_url="/"
        )


def test_contact_is_rate_limited(
    client, organisation, org_admin, user, settings, django_capture_on_commit_callbacks
):
    settings.SAMSPILL_RATE_LIMITS = "network.contact=1/h"
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(CONTACT, {"subject": "1", "message": "Én"}).status_code == 302
        response = client.post(CONTACT, {"subject": "2", "message": "To"})
    assert response.status_code == 429
    assert len(mail.outbox) == 1
    assert org_admin.email not in text(response)


def test_contact_a_listed_person(client, user, django_capture_on_commit_callbacks):
    person = UserFactory(name="Synne", is_listed=True)
    private = UserFactory(is_listed=False)
    client.force_login(user)
    page = text(client.get(f"/nettverk/personer/{person.pk}/"))
    assert person.email not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/nettverk/personer/{person.pk}/kontakt/", {"subject": "Hei", "message": "Kaffe?"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert mail.outbox[0].reply_to == [user.email]
    assert (
        client.post(
            f"/nettverk/personer/{private.pk}/kontakt/", {"subject": "Hei", "message": "Kaffe?"}
        ).status_code
        == 404
    )


def test_search_reindex_is_used_by_the_edit_page(organisation):
    search.reindex(organisation)
    assert list(selectors.directory_organisations(q="lydhuset")) == [organisation]


def test_the_profile_offers_each_person_what_they_may_do(client, organisation, org_admin, user):
    from django.urls import reverse

    join = reverse("network:join", args=[organisation.slug])
    invite = reverse("network:invite", args=[organisation.slug])
    weekly = reverse("network:digest-toggle", args=[organisation.slug])
    client.force_login(user)  # signed in, not a member
    page = text(client.get(PROFILE))
    assert join in page and invite not in page and weekly not in page
    client.force_login(org_admin)
    page = text(client.get(PROFILE))
    assert join not in page and invite in page and weekly in page


@pytest.mark.parametrize(
    "subject", ["Hei\nBcc: victim@example.org", "Hei\r\nder", "Hei\x00", "Tab\there"]
)
def test_contact_refuses_a_subject_with_a_line_break_or_control_character(
    client, organisation, org_admin, user, subject, django_capture_on_commit_callbacks
):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONTACT, {"subject": subject, "message": "Hei"})
    assert response.status_code == 422
    assert "line break" in text(response) or "linjeskift" in text(response)
    assert not mail.outbox
