"""The weekly match email: opting in and out, sending once a week, in the subscriber's language."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from samspill.core.errors import NotPermitted
from samspill.core.models import Membership
from samspill.network import selectors, services
from samspill.network.models import DigestSubscription
from tests.core.factories import MembershipFactory, OrganisationFactory
from tests.network.factories import needs_and_offers

pytestmark = pytest.mark.django_db

TOGGLE = "/nettverk/lydhuset/ukebrev/"


@pytest.fixture
def matched(organisation):
    needs_and_offers(organisation, needs=["booking"], offers=["studios"])
    agency = OrganisationFactory(name="Nordbook", slug="nordbook", kind="booking")
    needs_and_offers(agency, offers=["booking"])
    return organisation


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(now=None):
        with django_capture_on_commit_callbacks(execute=True):
            return services.digests_send_due(now=now)

    return run


# --- Opting in and out ----------------------------------------------------------------------------


def test_a_member_opts_in_and_out_with_an_audit_entry(organisation, org_member):
    assert services.digest_subscribe(user=org_member, organisation=organisation, on=True)
    assert not services.digest_subscribe(user=org_member, organisation=organisation, on=True)
    assert DigestSubscription.objects.filter(user=org_member, organisation=organisation).exists()
    assert services.digest_subscribe(user=org_member, organisation=organisation, on=False)
    assert not DigestSubscription.objects.exists()
    entries = ModelLogEntry.objects.filter(action="network.digest.changed")
    assert entries.count() == 2
    assert {e.data["on"] for e in entries} == {True, False}


def test_only_members_may_opt_in(organisation, user, hub_admin):
    for person in (user, hub_admin):
        with pytest.raises(NotPermitted):
            services.digest_subscribe(user=person, organisation=organisation, on=True)
    assert not DigestSubscription.objects.exists()


@pytest.fixture
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def test_the_toggle_page_and_its_post(client, _site, organisation, org_member):
    client.force_login(org_member)
    response = client.get(TOGGLE)
    assert response.status_code == 200
    assert 'name="on" value="1"' in response.content.decode()
    response = client.post(TOGGLE, {"on": "1", "next": "/organisasjoner/lydhuset/"})
    assert response.status_code == 302 and response["Location"] == "/organisasjoner/lydhuset/"
    assert DigestSubscription.objects.filter(user=org_member).exists()
    assert 'name="on" value="0"' in client.get(TOGGLE).content.decode()
    response = client.post(TOGGLE, {"on": "0", "next": "https://evil.example/"})
    assert response["Location"] == TOGGLE
    assert not DigestSubscription.objects.exists()


def test_the_toggle_is_for_signed_in_members_only(client, _site, organisation, user):
    response = client.post(TOGGLE, {"on": "1"})
    assert response.status_code == 302 and "/konto/" in response["Location"]
    client.force_login(user)
    assert client.post(TOGGLE, {"on": "1"}).status_code == 403
    assert client.get(TOGGLE).status_code == 403
    assert client.post("/nettverk/finnes-ikke/ukebrev/", {"on": "1"}).status_code == 404
    assert not DigestSubscription.objects.exists()


# --- Sending --------------------------------------------------------------------------------------


def test_sends_once_a_week_with_the_matches_and_their_reasons(send, matched, org_member):
    org_member.preferred_language = "en"
    org_member.save()
    services.digest_subscribe(user=org_member, organisation=matched, on=True)
    now = timezone.now()
    assert send(now) == 1
    (message,) = mail.outbox
    assert message.to == [org_member.email]
    assert "Lydhuset" in message.subject and "match suggestions" in message.subject
    assert "Nordbook" in message.body
    assert "Offers booking, which you need" in message.body
    assert "/en/nettverk/lydhuset/ukebrev/" in message.body
    assert send(now + datetime.timedelta(days=1)) == 0
    assert send(now + datetime.timedelta(days=6)) == 0
    assert send(now + datetime.timedelta(days=7)) == 1
    assert len(mail.outbox) == 2


def test_each_subscriber_gets_their_own_language(send, matched, org_member, org_admin):
    org_admin.preferred_language = "da"
    org_admin.save()
    for person in (org_member, org_admin):
        services.digest_subscribe(user=person, organisation=matched, on=True)
    assert send() == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    danish = by_person[org_admin.email]
    norwegian = by_person[org_member.email]  # no preference: the hub's language (bokmål)
    assert danish.body.startswith("Hej ") and norwegian.body.startswith("Hei ")
    assert "/da/organisasjoner/nordbook/" in danish.body
    assert "/da/nettverk/lydhuset/ukebrev/" in danish.body
    assert "/nettverk/lydhuset/ukebrev/" in norwegian.body and "/da/" not in norwegian.body


def test_no_matches_no_email(send, organisation, org_member):
    needs_and_offers(organisation, needs=["booking"])
    services.digest_subscribe(user=org_member, organisation=organisation, on=True)
    assert send() == 0
    assert mail.outbox == []
    assert DigestSubscription.objects.get().last_sent_at is None


def test_people_who_left_get_nothing(send, matched, org_member):
    services.digest_subscribe(user=org_member, organisation=matched, on=True)
    Membership.objects.filter(user=org_member).delete()
    assert send() == 0
    assert mail.outbox == []
    assert not DigestSubscription.objects.exists()


def test_a_claimed_subscription_is_not_sent_twice(send, matched, org_member):
    """Two workers read the same due subscription; only the first conditional UPDATE wins."""
    services.digest_subscribe(user=org_member, organisation=matched, on=True)
    now = timezone.now()
    stale = DigestSubscription.objects.get()
    assert send(now) == 1
    # The second worker still holds the old row (last_sent_at None) and tries to claim it.
    claimed = DigestSubscription.objects.filter(pk=stale.pk, last_sent_at__isnull=True).update(
        last_sent_at=now
    )
    assert claimed == 0
    assert len(mail.outbox) == 1


def test_the_query_count_grows_with_organisations_not_subscribers(send, matched, queries):
    for _i in range(3):
        services.digest_subscribe(
            user=MembershipFactory(organisation=matched).user, organisation=matched, on=True
        )
    first = queries.count(send)
    for _i in range(5):
        services.digest_subscribe(
            user=MembershipFactory(organisation=matched).user, organisation=matched, on=True
        )
    DigestSubscription.objects.update(last_sent_at=None)
    # Per subscriber only its claim (a savepoint and one UPDATE) and its email (stored, then read
    # and deleted by the send task, which the immediate backend runs here; its opt-out check and
    # its EmailLog row); the matches are found once per organisation, not once per subscriber.
    assert queries.count(send) <= first + 5 * (3 + 4 + 2)


def test_the_command(matched, org_member, django_capture_on_commit_callbacks):
    services.digest_subscribe(user=org_member, organisation=matched, on=True)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_match_digests", stdout=out)
    assert "1 match digest(s) sent" in out.getvalue()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_match_digests", stdout=out)
    assert "0 match digest(s) sent" in out.getvalue()
    assert len(mail.outbox) == 1


def test_reason_sentences_keep_acronyms():
    class Category:
        label = "PR"
        slug = "pr"

    assert selectors.reason_sentence("they_offer", Category()) == "Offers PR, which you need" or (
        "PR" in selectors.reason_sentence("they_offer", Category())
    )
