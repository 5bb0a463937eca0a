"""The notification engine (core.notifications): following registered targets, notifying people in
their own language, the delivery each chose, immediate emails after the commit, bounded queries."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext_lazy

from samspill.core import notifications, registry
from samspill.core.errors import InvalidInput
from samspill.core.models import Delivery, Follow, Notification, NotificationSetting
from tests.core.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinds():
    """Two kinds for these tests, removed afterwards."""
    names = ("test.daily", "test.urgent")
    registry.register_notification_kind(
        registry.NotificationKind(name=names[0], label=lambda: "Daily things")
    )
    registry.register_notification_kind(
        registry.NotificationKind(name=names[1], label=lambda: "Urgent", default="immediate")
    )
    yield names
    for name in names:
        registry._registry.notification_kinds.pop(name, None)


def test_follow_is_idempotent_and_unfollow_removes_it():
    person, organisation = UserFactory(), OrganisationFactory()
    first = notifications.follow(user=person, obj=organisation)
    again = notifications.follow(user=person, obj=organisation, auto=True)
    assert first.pk == again.pk and again.auto is False  # the first follow stays as it was
    assert notifications.is_following(person, organisation)
    assert notifications.following_ids(person, type(organisation)) == {organisation.pk}
    assert notifications.follower_count(organisation) == 1
    assert notifications.unfollow(user=person, obj=organisation) is True
    assert notifications.unfollow(user=person, obj=organisation) is False
    assert not Follow.objects.exists()


def test_an_unlisted_organisation_or_an_unregistered_model_cannot_be_followed():
    person = UserFactory()
    hidden = OrganisationFactory(is_public=False)
    with pytest.raises(InvalidInput):
        notifications.follow(user=person, obj=hidden)
    with pytest.raises(InvalidInput):
        notifications.follow(user=person, obj=UserFactory())  # people are not a target
    assert not Follow.objects.exists()


def test_notify_followers_tells_each_once_in_their_language_without_the_actor(kinds):
    organisation, other = OrganisationFactory(), OrganisationFactory()
    bokmaal = UserFactory(preferred_language="nb")
    dansk = UserFactory(preferred_language="da")
    actor = UserFactory()
    gone = UserFactory(is_active=False)
    for person in (bokmaal, dansk, actor, gone):
        notifications.follow(user=person, obj=organisation)
    notifications.follow(user=bokmaal, obj=other)  # follows both: still told once

    told = notifications.notify_followers(
        kind=kinds[0],
        objs=[organisation, other],
        title=gettext_lazy("Yes"),
        text=lambda language: f"text in {language}",
        url="/x/",
        subject=organisation,
        actor=actor,
    )
    assert told == 2
    rows = {row.user_id: row for row in Notification.objects.all()}
    assert set(rows) == {bokmaal.pk, dansk.pk}
    assert rows[bokmaal.pk].title == "Ja" and rows[bokmaal.pk].text == "text in nb"
    assert rows[dansk.pk].title == "Ja" and rows[dansk.pk].text == "text in da"
    assert rows[dansk.pk].delivery == Delivery.DAILY  # the kind's default
    assert rows[dansk.pk].object_id == organisation.pk


def test_immediate_kinds_are_emailed_after_the_commit_once(
    kinds, django_capture_on_commit_callbacks
):
    person = UserFactory(email="rask@example.org", preferred_language="en")
    later = UserFactory(email="senere@example.org")
    notifications.set_delivery(user=later, kind=kinds[1], delivery="weekly")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(kind=kinds[1], users=[person, later], title="Seat free", url="/e/")
    assert [message.to for message in mail.outbox] == [["rask@example.org"]]
    assert "Seat free" in mail.outbox[0].subject
    assert "http" in mail.outbox[0].body and "/e/" in mail.outbox[0].body
    row = Notification.objects.get(user=person)
    assert row.emailed_at is not None
    # A second run of the task (a retry) sends nothing more.
    assert notifications.email_notifications([row.pk]) == 0
    assert Notification.objects.get(user=later).emailed_at is None  # waits for its digest


def test_settings_default_and_choice(kinds):
    person = UserFactory()
    assert notifications.delivery_for(person, kinds[1]) == "immediate"
    notifications.set_delivery(user=person, kind=kinds[1], delivery="never")
    assert notifications.delivery_for(person, kinds[1]) == "never"
    assert notifications.deliveries_for(person)[kinds[0]] == "daily"
    with pytest.raises(InvalidInput):
        notifications.set_delivery(user=person, kind="no.such.kind", delivery="daily")
    with pytest.raises(InvalidInput):
        notifications.set_delivery(user=person, kind=kinds[0], delivery="hourly")
    assert NotificationSetting.objects.count() == 1


def test_notifying_many_costs_queries_per_batch_not_per_person(kinds):
    organisation = OrganisationFactory()
    people = UserFactory.create_batch(30)
    Follow.objects.bulk_create(
        Follow(
            user=person,
            content_type=notifications._content_type(organisation),
            object_id=organisation.pk,
        )
        for person in people
    )
    with CaptureQueriesContext(connection) as few:
        assert notifications.notify_followers(kind=kinds[0], objs=[organisation], title="T") == 30
    more = UserFactory.create_batch(30)
    Follow.objects.bulk_create(
        Follow(
            user=person,
            content_type=notifications._content_type(organisation),
            object_id=organisation.pk,
        )
        for person in more
    )
    with CaptureQueriesContext(connection) as many:
        assert notifications.notify_followers(kind=kinds[0], objs=[organisation], title="T") == 60
    assert len(many.captured_queries) == len(few.captured_queries)


def test_unread_count_and_mark_read(kinds):
    person = UserFactory()
    notifications.notify(kind=kinds[0], users=[person], title="A")
    notifications.notify(kind=kinds[0], users=[person], title="B")
    assert notifications.unread_count(person) == 2
    first = Notification.objects.filter(user=person).last()
    assert notifications.mark_read(user=person, ids=[first.pk]) == 1
    assert notifications.unread_count(person) == 1
    assert notifications.mark_read(user=person) == 1
    assert notifications.unread_count(person) == 0


def test_follows_of_lists_visible_targets_and_export_and_erase(kinds):
    person = UserFactory()
    shown, hidden = OrganisationFactory(name="Synlig"), OrganisationFactory()
    notifications.follow(user=person, obj=shown)
    notifications.follow(user=person, obj=hidden)
    hidden.is_public = False
    hidden.save()
    rows = notifications.follows_of(person)
    assert [row["title"] for row in rows] == ["Synlig"]
    assert rows[0]["url"]
    notifications.notify(kind=kinds[0], users=[person], title="A")
    data = notifications.export_personal_data(user=person)
    assert [row["title"] for row in data["follows"]] == ["Synlig"]
    assert [row["title"] for row in data["notifications"]] == ["A"]
    notifications.erase_personal_data(user=person)
    assert not Follow.objects.filter(user=person).exists()
    assert not Notification.objects.filter(user=person).exists()


def test_target_object_answers_not_found_alike_for_unknown_hidden_and_bad_ids():
    from samspill.core.errors import NotFound

    shown, hidden = OrganisationFactory(), OrganisationFactory(is_public=False)
    assert notifications.target_object("core.organisation", str(shown.pk)) == shown
    for name, pk in [
        ("core.organisation", hidden.pk),
        ("core.organisation", 10**9),
        ("core.organisation", "x"),
        ("core.organisation", -1),
        ("no.such", shown.pk),
    ]:
        with pytest.raises(NotFound):
            notifications.target_object(name, pk)
