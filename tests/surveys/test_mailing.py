"""Emailing a survey's invitations and reminders from the admin: each invitation once with its
personal link, reminders only to those who have not answered, a limit per action, in the
survey's language; only those who run the survey, and only while it is published and not closed."""

import datetime
import re
import threading

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone
from wagtail.models import ModelLogEntry

from samspill.core.errors import InvalidInput, NotPermitted, RateLimited
from samspill.surveys import emails, services
from samspill.surveys.models import Invitation, Mode
from tests.core.factories import MembershipFactory, OrganisationFactory
from tests.surveys.factories import answer, make_survey, standard_answers
from tests.surveys.test_admin import assert_refused, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the after-commit work (the background batches, then the emails) of the block."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def invited(organisation, n=3, **fields):
    survey = make_survey(owner=organisation, mode=Mode.INVITATION, **fields)
    services.invitations_create(
        actor=None,
        survey=survey,
        labels=[f"Person {i} <person{i}@example.org>" for i in range(n)],
    )
    return survey


def links_in(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def admin_urls(survey):
    return {
        "invitations": f"/admin/surveys/invitations/{survey.pk}/",
        "send": f"/admin/surveys/invitations/{survey.pk}/send/",
        "remind": f"/admin/surveys/invitations/{survey.pk}/remind/",
    }


def age(survey, days=4):
    """Let the invitations' sending lie `days` back (reminders wait a while)."""
    Invitation.objects.filter(survey=survey, sent_at__isnull=False).update(
        sent_at=timezone.now() - datetime.timedelta(days=days)
    )


# --- Lines of the invitations form ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Kari Nordmann <Kari@Example.org>", ("Kari Nordmann", "kari@example.org")),
        ("Albertslund, kultur@albertslund.dk", ("Albertslund", "kultur@albertslund.dk")),
        ("ola@example.org", ("ola@example.org", "ola@example.org")),
        ("Bergen kommune", ("Bergen kommune", "")),
        ("not@an address@", ("not@an address@", "")),
    ],
)
def test_a_line_gives_a_label_and_perhaps_an_address(line, expected):
    assert services.invitation_line(line) == expected


# --- Sending ------------------------------------------------------------------------------------------


def test_invitations_are_emailed_once_each_with_their_personal_link(
    organisation, org_editor, committed
):
    survey = invited(organisation, 3)
    survey.invitations.create(label="No address")  # nothing to send it to
    with committed():
        assert services.invitations_send(survey=survey, actor=org_editor, limit=500) == 3
    assert sorted(m.to[0] for m in mail.outbox) == [f"person{i}@example.org" for i in range(3)]
    for invitation in survey.invitations.exclude(email=""):
        assert invitation.sent_at is not None
        (message,) = [m for m in mail.outbox if m.to == [invitation.email]]
        assert emails.personal_link(invitation) in message.body
        assert emails.personal_link(invitation).startswith(settings.SITE_URL + "/")
        assert survey.title in message.subject
    assert survey.invitations.get(label="No address").sent_at is None
    entry = ModelLogEntry.objects.get(action="surveys.invitations.sent")
    assert entry.data["count"] == 3

    mail.outbox.clear()
    with committed():
        assert services.invitations_send(survey=survey, actor=org_editor, limit=500) == 0
    assert mail.outbox == []


def test_the_personal_link_in_the_email_opens_the_survey(
    client, organisation, org_editor, committed
):
    survey = invited(organisation, 1)
    with committed():
        services.invitations_send(survey=survey, actor=org_editor, limit=10)
    (link,) = [url for url in links_in(mail.outbox[0]) if "token=" in url]
    response = client.get(link.removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="notice"' not in html  # not the page that asks for a personal link
    assert f'name="{survey.questions.exclude(kind="section").first().key}"' in html
    assert client.session.get(f"surveys:token:{survey.pk}") == survey.invitations.get().token


def test_the_limit_is_respected_and_the_rest_wait(organisation, org_editor, committed):
    survey = invited(organisation, 7)
    with committed():
        assert services.invitations_send(survey=survey, actor=org_editor, limit=3) == 3
    assert len(mail.outbox) == 3
    assert survey.invitations.filter(sent_at__isnull=True).count() == 4
    # The oldest first.
    first = list(survey.invitations.order_by("pk").values_list("email", flat=True)[:3])
    assert sorted(m.to[0] for m in mail.outbox) == sorted(first)
    with pytest.raises(InvalidInput):
        services.invitations_send(survey=survey, actor=org_editor, limit=0)
    with pytest.raises(InvalidInput):
        services.invitations_send(
            survey=survey, actor=org_editor, limit=services.mailing_limit() + 1
        )


def test_sending_runs_in_batches(organisation, org_editor, committed, monkeypatch):
    survey = invited(organisation, 5)
    batches = []
    monkeypatch.setattr(services, "MAILING_BATCH", 2)
    original = emails.invitations_email

    def spy(ids, *, reminder):
        batches.append(list(ids))
        return original(ids, reminder=reminder)

    monkeypatch.setattr(emails, "invitations_email", spy)
    with committed():
        services.invitations_send(survey=survey, actor=org_editor, limit=50)
    assert [len(batch) for batch in batches] == [2, 2, 1]
    assert len(mail.outbox) == 5


def test_reminders_go_only_to_those_who_have_not_answered(organisation, org_editor, committed):
    survey = invited(organisation, 4)
    with committed():
        services.invitations_send(survey=survey, actor=org_editor, limit=10)
    first, second, *_rest = survey.invitations.order_by("pk")
    answer(survey, standard_answers(survey), invitation=first)
    # A started but unsubmitted response is not an answer.
    services.response_start(survey=survey, invitation=second)
    mail.outbox.clear()

    # Just invited: too early for a reminder.
    with committed():
        assert services.invitations_remind(survey=survey, actor=org_editor, limit=10) == 0
    age(survey)
    with committed():
        assert services.invitations_remind(survey=survey, actor=org_editor, limit=10) == 3
    assert first.email not in {m.to[0] for m in mail.outbox}
    assert len(mail.outbox) == 3
    assert all(
        survey.title in m.subject and m.subject.startswith("Påminnelse") for m in mail.outbox
    )
    for invitation in survey.invitations.exclude(pk=first.pk):
        assert invitation.reminder_count == 1 and invitation.reminded_at is not None
        message = next(m for m in mail.outbox if m.to == [invitation.email])
        assert emails.personal_link(invitation) in message.body
    assert ModelLogEntry.objects.filter(action="surveys.invitations.reminded").exists()

    # Not again within the interval; after it, again (and counted).
    mail.outbox.clear()
    with committed():
        assert services.invitations_remind(survey=survey, actor=org_editor, limit=10) == 0
    Invitation.objects.filter(survey=survey).update(
        reminded_at=timezone.now() - datetime.timedelta(days=4)
    )
    with committed():
        assert services.invitations_remind(survey=survey, actor=org_editor, limit=2) == 2
    assert len(mail.outbox) == 2
    assert survey.invitations.filter(reminder_count=2).count() == 2


def test_no_invitation_is_sent_twice_when_two_editors_press_at_once(
    organisation, org_editor, transactional_db
):
    """Two threads, each with its own connection and transaction, send at the same moment: the
    rows are claimed by a locked read and a conditional update (SQLite's immediate transactions
    serialise the two; PostgreSQL locks the rows), so the second takes only what is left."""
    other_editor = MembershipFactory(organisation=organisation, role="editor").user
    survey = invited(organisation, 30)
    claimed, failed = [], []
    barrier = threading.Barrier(2)
    original = services._check_mailing

    def together(**kwargs):
        limit = original(**kwargs)
        barrier.wait(timeout=10)  # both are checked; now both claim at once
        return limit

    def press(actor):
        try:
            claimed.append(services.invitations_send(survey=survey, actor=actor, limit=20))
        except Exception as error:
            failed.append(error)
        finally:
            connection.close()

    services._check_mailing = together
    try:
        threads = [threading.Thread(target=press, args=(u,)) for u in (org_editor, other_editor)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        services._check_mailing = original
    assert not failed, failed
    assert sorted(claimed) == [10, 20]
    assert survey.invitations.filter(sent_at__isnull=False).count() == 30
    addresses = [m.to[0] for m in mail.outbox]
    assert len(addresses) == len(set(addresses)) == 30


# --- Who, and when ------------------------------------------------------------------------------------


def test_only_those_who_run_the_survey_may_send(organisation, org_member, committed):
    survey = invited(organisation, 2)
    stranger = MembershipFactory(organisation=OrganisationFactory(), role="editor").user
    for actor in (org_member, stranger, None):
        with pytest.raises(NotPermitted), committed():
            services.invitations_send(survey=survey, actor=actor, limit=10)
    assert not mail.outbox
    assert not survey.invitations.filter(sent_at__isnull=False).exists()


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"is_published": False}, "Publish the survey"),
        ({"opens_in_days": -10, "closes_in_days": -1}, "closed"),
    ],
)
def test_an_unpublished_or_closed_survey_refuses_with_a_clear_message(
    organisation, org_editor, fields, words
):
    survey = invited(organisation, 2, **fields)
    for action in (services.invitations_send, services.invitations_remind):
        with pytest.raises(services.SurveyClosed) as error:
            action(survey=survey, actor=org_editor, limit=10)
        with_english = str(error.value.message)
        assert with_english
    assert not survey.invitations.filter(sent_at__isnull=False).exists()
    from django.utils import translation

    with translation.override("en"), pytest.raises(services.SurveyClosed) as error:
        services.invitations_send(survey=survey, actor=org_editor, limit=10)
    assert words in str(error.value.message)


def test_reminders_wait_until_the_survey_opens(organisation, org_editor):
    survey = invited(organisation, 2, opens_in_days=2)
    assert services.mailing_refusal(survey, reminder=False) is None
    assert services.mailing_refusal(survey, reminder=True)


def test_the_rate_limit_stops_a_flood_of_mailings(organisation, org_editor, settings):
    settings.SAMSPILL_RATE_LIMITS = "surveys.mailing=2/h"
    survey = invited(organisation, 5)
    services.invitations_send(survey=survey, actor=org_editor, limit=1)
    services.invitations_send(survey=survey, actor=org_editor, limit=1)
    with pytest.raises(RateLimited):
        services.invitations_send(survey=survey, actor=org_editor, limit=1)


# --- Languages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("nb", "Spørreundersøkelse", "Din personlige lenke"),
        ("da", "Spørgeskema", "Dit personlige link"),
        ("en", "Survey", "Your personal link"),
    ],
)
def test_emails_are_in_the_surveys_language(
    organisation, org_editor, committed, language, subject, words
):
    survey = invited(organisation, 1, language=language)
    with committed():
        services.invitations_send(survey=survey, actor=org_editor, limit=1)
    (message,) = mail.outbox
    assert message.subject.startswith(subject)
    assert words in message.body
    if language != "nb":
        assert f"/{language}/" in emails.personal_link(survey.invitations.get())


# --- The admin screens --------------------------------------------------------------------------------


def test_the_admin_shows_the_counts_previews_and_sends(client, organisation, org_editor, committed):
    survey = invited(organisation, 3, language="en")
    login(client, org_editor)
    html = client.get(admin_urls(survey)["invitations"]).content.decode()
    assert "Send invitations (3 not sent)" in html
    assert "Send reminders (0 not answered)" in html

    page = client.get(admin_urls(survey)["send"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-preview="subject"' in html and survey.title in html
    assert "Your personal link" in html
    # As its first recipient will read it, with their greeting and link.
    first = survey.invitations.order_by("pk").first()
    assert "Hello Person 0," in html and emails.personal_link(first) in html
    assert 'name="limit"' in html and 'value="3"' in html
    assert 'lang="en"' in html

    with committed():
        response = client.post(admin_urls(survey)["send"], {"limit": "2"})
    assert response.status_code == 302
    assert response["Location"] == admin_urls(survey)["invitations"]
    assert len(mail.outbox) == 2
    html = client.get(admin_urls(survey)["invitations"]).content.decode()
    assert "2 invitations are being sent." in html
    assert "Send invitations (1 not sent)" in html

    # A wrong limit: the form again, nothing sent, no server error.
    for bad in ("0", "-1", "abc", str(services.mailing_limit() + 1)):
        response = client.post(admin_urls(survey)["send"], {"limit": bad})
        assert response.status_code == 200
    assert len(mail.outbox) == 2


def test_the_admin_reminds_and_refuses_a_closed_survey(client, organisation, org_editor, committed):
    survey = invited(organisation, 3, language="en")
    login(client, org_editor)
    with committed():
        services.invitations_send(survey=survey, actor=org_editor, limit=10)
    age(survey)
    answer(survey, standard_answers(survey), invitation=survey.invitations.first())
    mail.outbox.clear()
    html = client.get(admin_urls(survey)["invitations"]).content.decode()
    assert "Send reminders (2 not answered)" in html
    html = client.get(admin_urls(survey)["remind"]).content.decode()
    assert "A reminder" in html
    with committed():
        assert client.post(admin_urls(survey)["remind"], {"limit": "10"}).status_code == 302
    assert len(mail.outbox) == 2

    survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    survey.opens_at = timezone.now() - datetime.timedelta(days=10)
    survey.save()
    html = client.get(admin_urls(survey)["remind"]).content.decode()
    assert "The survey is closed" in html and 'name="limit"' not in html
    response = client.post(admin_urls(survey)["send"], {"limit": "10"})
    assert response.status_code == 200 and "The survey is closed" in response.content.decode()


@pytest.mark.parametrize("who", ["org_member", "stranger", "anonymous"])
def test_the_mailing_screens_are_refused_to_others(client, organisation, request, who):
    survey = invited(organisation, 2)
    if who == "stranger":
        client.force_login(
            MembershipFactory(organisation=OrganisationFactory(), role="editor").user
        )
    elif who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for name in ("send", "remind"):
        assert_refused(client.get(admin_urls(survey)[name]))
        assert_refused(client.post(admin_urls(survey)[name], {"limit": "10"}))
    assert not survey.invitations.filter(sent_at__isnull=False).exists()
    assert not mail.outbox


def test_the_mailing_screens_run_a_bounded_number_of_queries(
    client, organisation, org_editor, queries
):
    survey = invited(organisation, 2)
    login(client, org_editor)
    client.get(admin_urls(survey)["send"])
    few = queries.count(lambda: client.get(admin_urls(survey)["send"]))
    services.invitations_create(
        actor=None, survey=survey, labels=[f"p{i}@example.org" for i in range(30)]
    )
    assert queries.count(lambda: client.get(admin_urls(survey)["send"])) == few


# --- Organisations ------------------------------------------------------------------------------------


def test_an_invitation_for_an_organisation_tells_its_members(organisation, org_editor, committed):
    from samspill.core.models import Notification

    survey = make_survey(owner=organisation, mode=Mode.INVITATION)
    municipality = OrganisationFactory(name="Bergen kommune")
    members = [MembershipFactory(organisation=municipality).user for _ in range(2)]
    services.invitations_create(actor=None, survey=survey, labels=[], organisations=[municipality])
    with committed():
        assert services.invitations_send(survey=survey, actor=org_editor, limit=10) == 1
    told = Notification.objects.filter(kind="surveys.open")
    assert {n.user_id for n in told} == {m.pk for m in members}
    invitation = survey.invitations.get()
    assert all(invitation.token in n.url and survey.title in n.title for n in told)
    assert not mail.outbox  # no address: nobody emailed


def test_the_invitations_form_invites_listed_organisations(client, organisation, org_editor):
    survey = make_survey(owner=organisation, mode=Mode.INVITATION)
    listed = OrganisationFactory(name="Bergen kommune")
    unlisted = OrganisationFactory(name="Hemmelig AS", is_public=False)
    login(client, org_editor)
    html = client.get(admin_urls(survey)["invitations"]).content.decode()
    assert "Bergen kommune" in html and "Hemmelig AS" not in html
    response = client.post(admin_urls(survey)["invitations"], {"organisations": [listed.pk]})
    assert response.status_code == 302
    (invitation,) = survey.invitations.all()
    assert invitation.organisation == listed and invitation.label == "Bergen kommune"
    response = client.post(admin_urls(survey)["invitations"], {"organisations": [unlisted.pk]})
    assert response.status_code == 200 and survey.invitations.count() == 1
    html = client.get(admin_urls(survey)["invitations"]).content.decode()
    assert "Send invitations (1 not sent)" in html
