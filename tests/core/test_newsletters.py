"""One-off newsletters (core.newsletters, core.admin.newsletters) and the followers editors see.

Who may write to whom (hub admins to anyone; an organisation's admins to their own followers and
members only; editors and members never reach the screens), the preview exactly as the email,
scheduling (nothing early), sending in batches under a row lock with a cursor (a stop keeps the
count, a resume goes on, two workers never send twice), opted-out addresses left out, the admin
form saved unchanged, and the "Followers" column and dashboard panel."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from samspill.core import newsletters, notifications, registry
from samspill.core.errors import InvalidInput, NotPermitted
from samspill.core.models import (
    Delivery,
    EmailOptOut,
    Newsletter,
    NewsletterAudience,
    NewsletterStatus,
    NotificationSetting,
    Role,
)
from tests.core.admin_forms import save_unchanged
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def login(client, user, language="en"):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)


@pytest.fixture
def hub_admin():
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def org():
    return OrganisationFactory(name="Musikmetropolen")


@pytest.fixture
def other():
    return OrganisationFactory(name="Annen")


@pytest.fixture
def org_admin(org):
    person = UserFactory()
    MembershipFactory(user=person, organisation=org, role=Role.ADMIN)
    return person


def followers_of(obj, n, **kwargs):
    people = [UserFactory(**kwargs) for _ in range(n)]
    for person in people:
        notifications.follow(user=person, obj=obj)
    return people


def draft(org, author=None, **kwargs) -> Newsletter:
    values = {
        "subject": "Nytt fra oss",
        "body": '<p>Hei! Les <a href="/arrangementer/">programmet</a>.</p><ul><li>En</li></ul>',
        "audience": NewsletterAudience.ORGANISATION_FOLLOWERS,
        "organisation": org,
        "language": "nb",
        **kwargs,
    }
    actor = author or UserFactory(is_superuser=True)
    return newsletters.newsletter_save(actor=actor, newsletter=Newsletter(**values))


def start(newsletter, when=None):
    Newsletter.objects.filter(pk=newsletter.pk).update(
        status=NewsletterStatus.SCHEDULED, scheduled_at=when or timezone.now()
    )


def sent_to(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


# --- Who may --------------------------------------------------------------------------------------


def test_an_organisations_admin_writes_only_to_its_own_followers_and_members(
    client, org, other, org_admin
):
    own = draft(org, author=org_admin)
    assert own.author == org_admin
    with pytest.raises(NotPermitted):
        draft(other, author=org_admin)
    # The form offers only their organisation, and no topic; another's id is refused.
    login(client, org_admin)
    page = client.get(reverse("newsletters:add")).content.decode()
    assert "Musikmetropolen" in page and "Annen" not in page
    assert 'value="topic_followers"' not in page
    response = client.post(
        reverse("newsletters:add"),
        {
            "subject": "Til andres følgere",
            "body": '{"blocks":[{"key":"a","type":"unstyled","text":"Hei","depth":0,'
            '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "audience": "organisation_followers",
            "organisation": str(other.pk),
            "language": "nb",
        },
    )
    assert response.status_code == 200
    assert not Newsletter.objects.filter(organisation=other).exists()
    # Another organisation's newsletter does not exist for them.
    theirs = draft(other)
    for name in ("preview", "preview_html", "edit", "delete", "history", "usage"):
        assert client.get(reverse(f"newsletters:{name}", args=[theirs.pk])).status_code == 404
    assert (
        client.post(reverse("newsletters:act", args=[theirs.pk]), {"action": "send"}).status_code
        == 404
    )
    listing = client.get(reverse("newsletters:index")).content.decode()
    assert own.subject in listing and str(theirs.pk) not in re.findall(r"preview/(\d+)/", listing)


def test_editors_and_members_never_reach_the_newsletters(client, org):
    newsletter = draft(org)
    for role in (Role.EDITOR, Role.MEMBER):
        person = UserFactory()
        MembershipFactory(user=person, organisation=org, role=role)
        client.force_login(person)
        index = client.get(reverse("newsletters:index"))
        assert index.status_code in (302, 403)
        for name in ("preview", "edit"):
            response = client.get(reverse(f"newsletters:{name}", args=[newsletter.pk]))
            assert response.status_code in (302, 403, 404)
        client.post(reverse("newsletters:act", args=[newsletter.pk]), {"action": "send"})
        assert Newsletter.objects.get(pk=newsletter.pk).status == NewsletterStatus.DRAFT


def test_a_topics_followers_are_for_hub_admins(org, org_admin, hub_admin):
    from samspill.knowledge.models import TopicPage
    from tests.core.factories import hub_site
    from tests.knowledge.factories import index_page, topic_page

    added = registry.follow_target(newsletters.TOPIC_TARGET) is None
    if added:
        registry.register_follow_target(
            registry.FollowTarget(
                name=newsletters.TOPIC_TARGET, model=TopicPage, label=lambda: "Tema"
            )
        )
    try:
        topic = topic_page(index_page(hub_site()), title="Skatt")
        readers = followers_of(topic, 2)
        newsletter = Newsletter(
            subject="Skatt",
            body="<p>Nytt om skatt</p>",
            audience=NewsletterAudience.TOPIC_FOLLOWERS,
            language="nb",
        )
        with pytest.raises(NotPermitted):
            newsletters.newsletter_save(actor=org_admin, newsletter=newsletter, topic=topic)
        newsletters.newsletter_save(actor=hub_admin, newsletter=newsletter, topic=topic)
        assert set(newsletters.recipients(newsletter)) == set(readers)
        with translation.override("en"):
            assert newsletters.audience_text(newsletter) == "Followers of Skatt"
    finally:
        if added:
            registry._registry.follow_targets.pop(newsletters.TOPIC_TARGET, None)


# --- Preview --------------------------------------------------------------------------------------


def test_the_preview_shows_the_email_as_sent_with_the_recipient_count(
    client, org, org_admin, settings
):
    followers_of(org, 3)
    newsletter = draft(org, author=org_admin)
    login(client, org_admin)
    page = client.get(reverse("newsletters:preview", args=[newsletter.pk])).content.decode()
    assert "3 people get it now" in page
    assert "Nytt fra oss" in page
    # The text part: the link spelt out absolute, the list item on its own line.
    assert f"programmet ({settings.SITE_URL.rstrip('/')}/arrangementer/)" in page
    assert "- En" in page
    html = client.get(reverse("newsletters:preview_html", args=[newsletter.pk]))
    assert html.status_code == 200
    assert html["X-Frame-Options"] == "SAMEORIGIN"
    body = html.content.decode()
    assert f'href="{settings.SITE_URL.rstrip("/")}/arrangementer/"' in body
    email = newsletters.render_email(newsletter)
    assert email["subject"] == "Nytt fra oss"
    assert "Musikmetropolen" in email["text"]


# --- Scheduling and sending -----------------------------------------------------------------------


def test_a_scheduled_newsletter_is_not_sent_early(
    org, hub_admin, django_capture_on_commit_callbacks
):
    followers_of(org, 2)
    newsletter = draft(org)
    when = timezone.now() + datetime.timedelta(hours=2)
    with pytest.raises(InvalidInput):
        newsletters.newsletter_schedule(
            actor=hub_admin, newsletter=newsletter, when=timezone.now() - datetime.timedelta(1)
        )
    newsletters.newsletter_schedule(actor=hub_admin, newsletter=newsletter, when=when)
    with django_capture_on_commit_callbacks(execute=True):
        assert newsletters.send_due() == {"newsletters": 0, "emails": 0}
        assert newsletters.send_batch(newsletter.pk) == 0
    assert not mail.outbox
    assert Newsletter.objects.get(pk=newsletter.pk).status == NewsletterStatus.SCHEDULED
    with django_capture_on_commit_callbacks(execute=True):
        assert newsletters.send_batch(newsletter.pk, now=when + datetime.timedelta(seconds=1)) == 2
    assert len(mail.outbox) == 2
    assert Newsletter.objects.get(pk=newsletter.pk).status == NewsletterStatus.SENT


def test_sent_in_batches_each_person_once(org, django_capture_on_commit_callbacks):
    people = followers_of(org, 5)
    newsletter = draft(org)
    start(newsletter)
    with django_capture_on_commit_callbacks(execute=True):
        assert newsletters.send_batch(newsletter.pk, batch=2) == 2
    stored = Newsletter.objects.get(pk=newsletter.pk)
    assert (stored.status, stored.sent_count, stored.total) == (NewsletterStatus.SENDING, 2, 5)
    with django_capture_on_commit_callbacks(execute=True):
        assert newsletters.send_one(newsletter.pk, batch=2) == 3
    stored = Newsletter.objects.get(pk=newsletter.pk)
    assert (stored.status, stored.sent_count) == (NewsletterStatus.SENT, 5)
    assert sent_to(mail.outbox) == sorted(p.email for p in people)
    assert mail.outbox[0].subject == "Nytt fra oss"
    # A sent newsletter is done: another run sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert newsletters.send_due()["emails"] == 0
    assert len(mail.outbox) == 5
    assert ModelLogEntry.objects.filter(action="core.newsletter.finished").exists()


def test_stop_halfway_keeps_the_count_and_resume_goes_on(
    org, hub_admin, django_capture_on_commit_callbacks
):
    people = followers_of(org, 5)
    newsletter = draft(org)
    start(newsletter)
    with django_capture_on_commit_callbacks(execute=True):
        newsletters.send_batch(newsletter.pk, batch=2)
        newsletters.newsletter_stop(actor=hub_admin, newsletter=newsletter)
        assert newsletters.send_batch(newsletter.pk, batch=2) == 0
        assert newsletters.send_due()["emails"] == 0
    stored = Newsletter.objects.get(pk=newsletter.pk)
    assert (stored.status, stored.sent_count) == (NewsletterStatus.STOPPED, 2)
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        newsletters.newsletter_resume(actor=hub_admin, newsletter=stored)  # the task sends the rest
    stored = Newsletter.objects.get(pk=newsletter.pk)
    assert (stored.status, stored.sent_count) == (NewsletterStatus.SENT, 5)
    assert sent_to(mail.outbox) == sorted(p.email for p in people)
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(newsletter.pk)).values_list("action", flat=True)
    )
    assert {
        "core.newsletter.created",
        "core.newsletter.stopped",
        "core.newsletter.resumed",
    } <= actions


def test_two_workers_never_send_the_same_batch(
    org, monkeypatch, django_capture_on_commit_callbacks
):
    followers_of(org, 3)
    newsletter = draft(org)
    start(newsletter)
    real = newsletters.recipients

    def racing(item):
        # Another worker (on an engine without row locks) sends a batch meanwhile.
        rows = real(item)
        Newsletter.objects.filter(pk=item.pk).update(cursor=item.cursor + 10**9)
        return rows

    monkeypatch.setattr(newsletters, "recipients", racing)
    with django_capture_on_commit_callbacks(execute=True):
        assert newsletters.send_batch(newsletter.pk, batch=2) == 0
    assert not mail.outbox  # rolled back: no email queued by the loser
    monkeypatch.setattr(newsletters, "recipients", real)
    stored = Newsletter.objects.get(pk=newsletter.pk)
    assert stored.sent_count == 0 and stored.status == NewsletterStatus.SCHEDULED


def test_send_now_from_the_admin_sends_and_refuses_a_second_time(
    client, org, org_admin, django_capture_on_commit_callbacks
):
    followers_of(org, 2)
    newsletter = draft(org, author=org_admin)
    login(client, org_admin)
    url = reverse("newsletters:act", args=[newsletter.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "send"})
    assert response.status_code == 302
    assert Newsletter.objects.get(pk=newsletter.pk).status == NewsletterStatus.SENT
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "send"})
    assert len(mail.outbox) == 2
    assert client.post(url, {"action": "nonsense"}).status_code == 400


def test_schedule_from_the_admin_in_oslo_time(client, org, org_admin):
    newsletter = draft(org, author=org_admin)
    login(client, org_admin)
    url = reverse("newsletters:act", args=[newsletter.pk])
    past = client.post(url, {"action": "schedule", "scheduled_at": "2001-01-01T10:00"})
    assert past.status_code == 400
    assert Newsletter.objects.get(pk=newsletter.pk).status == NewsletterStatus.DRAFT
    year = timezone.now().year + 1
    client.post(url, {"action": "schedule", "scheduled_at": f"{year}-06-01T10:00"})
    stored = Newsletter.objects.get(pk=newsletter.pk)
    assert stored.status == NewsletterStatus.SCHEDULED
    assert stored.scheduled_at == datetime.datetime(year, 6, 1, 8, 0, tzinfo=datetime.UTC)
    client.post(url, {"action": "unschedule"})
    assert Newsletter.objects.get(pk=newsletter.pk).status == NewsletterStatus.DRAFT


def test_opted_out_addresses_are_left_out(org, django_capture_on_commit_callbacks):
    kept, unsubscribed, never, inactive = followers_of(org, 4)
    EmailOptOut.objects.create(address=unsubscribed.email.lower(), kind=newsletters.KIND)
    NotificationSetting.objects.create(user=never, kind=newsletters.KIND, delivery=Delivery.NEVER)
    inactive.is_active = False
    inactive.save()
    newsletter = draft(org)
    assert newsletters.recipient_count(newsletter) == 1
    start(newsletter)
    with django_capture_on_commit_callbacks(execute=True):
        newsletters.send_due()
    assert sent_to(mail.outbox) == [kept.email]
    assert Newsletter.objects.get(pk=newsletter.pk).total == 1


def test_members_are_an_audience(org, django_capture_on_commit_callbacks):
    member = UserFactory()
    MembershipFactory(user=member, organisation=org, role=Role.MEMBER)
    followers_of(org, 1)
    newsletter = draft(org, audience=NewsletterAudience.ORGANISATION_MEMBERS)
    assert list(newsletters.recipients(newsletter)) == [member]
    with translation.override("en"):
        assert newsletters.audience_text(newsletter) == "Members of Musikmetropolen"


# --- The admin form -------------------------------------------------------------------------------


def test_the_admin_form_saves_unchanged_and_a_sent_one_cannot_change(client, org, org_admin):
    newsletter = draft(org, author=org_admin)
    login(client, org_admin)
    url = reverse("newsletters:edit", args=[newsletter.pk])
    before = Newsletter.objects.filter(pk=newsletter.pk).values().get()
    save_unchanged(client, url, Newsletter)
    after = Newsletter.objects.filter(pk=newsletter.pk).values().get()
    before.pop("updated_at"), after.pop("updated_at")
    assert after == before

    Newsletter.objects.filter(pk=newsletter.pk).update(status=NewsletterStatus.SENT)
    response = save_unchanged(client, url, Newsletter, changes={"subject": "Endret"})
    assert response.status_code == 302
    assert Newsletter.objects.get(pk=newsletter.pk).subject == "Nytt fra oss"
    sent = Newsletter.objects.get(pk=newsletter.pk)
    sent.subject = "Endret"
    with pytest.raises(InvalidInput):
        newsletters.newsletter_save(actor=org_admin, newsletter=sent)


def test_the_add_form_creates_a_newsletter(client, org, org_admin):
    login(client, org_admin)
    response = client.post(
        reverse("newsletters:add"),
        {
            "subject": "Velkommen",
            "body": '{"blocks":[{"key":"a","type":"unstyled","text":"Hei alle","depth":0,'
            '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "audience": "organisation_members",
            "organisation": str(org.pk),
            "language": "nb",
        },
    )
    newsletter = Newsletter.objects.get(subject="Velkommen")
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletters:preview", args=[newsletter.pk])
    assert "Hei alle" in newsletter.body and newsletter.author == org_admin
    assert ModelLogEntry.objects.filter(
        action="core.newsletter.created", object_id=str(newsletter.pk)
    ).exists()


def test_the_newsletter_list_runs_a_bounded_number_of_queries(client, org, hub_admin, queries):
    login(client, hub_admin)
    draft(org)
    url = reverse("newsletters:index")
    client.get(url)
    before = queries.count(lambda: client.get(url))
    for i in range(8):
        draft(OrganisationFactory(), subject=f"Brev {i}")
    assert queries.count(lambda: client.get(url)) == before


# --- Followers for editors ------------------------------------------------------------------------


def test_the_organisation_list_counts_followers_in_one_query(
    client, org, other, hub_admin, queries
):
    followers_of(org, 3)
    followers_of(other, 1)
    login(client, hub_admin)
    url = reverse("organisations:index")
    page = client.get(url).content.decode()
    assert "Followers" in page
    row = re.search(r"Musikmetropolen.*?</tr>", page, re.S).group(0)
    assert re.search(r">\s*3\s*<", row)
    before = queries.count(lambda: client.get(url))
    for _ in range(5):
        followers_of(OrganisationFactory(), 2)
    assert queries.count(lambda: client.get(url)) == before
    assert client.get(url + "?ordering=-follower_count").status_code == 200


def test_the_dashboard_shows_an_editor_the_followers_of_their_own_organisations(client, org, other):
    followers_of(org, 2)
    followers_of(other, 4)
    editor = UserFactory()
    MembershipFactory(user=editor, organisation=org, role=Role.EDITOR)
    login(client, editor)
    page = client.get("/admin/").content.decode()
    assert 'data-dashboard-panel="core-followers"' in page
    assert "Musikmetropolen" in page
    assert "Annen" not in page


def test_the_dashboard_shows_a_hub_admin_the_most_followed(client, org, other, hub_admin):
    followers_of(org, 2)
    followers_of(other, 4)
    login(client, hub_admin)
    page = client.get("/admin/").content.decode()
    assert page.index("Annen") < page.index("Musikmetropolen")
