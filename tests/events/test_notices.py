"""What events tell people (issue 19): new events to the followers of their organisers, series and
topics; changes and freed seats to the registrants, without a second email; registering follows the
series."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from samspill.core import notifications, registry
from samspill.core.errors import InvalidInput
from samspill.core.models import Notification
from samspill.events import services
from samspill.events.models import EventSeries
from tests.core.factories import MunicipalityFactory, OrganisationFactory, UserFactory
from tests.events.factories import EventFactory, in_days, make_event
from tests.knowledge.factories import index_page, publish, topic_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def told(kind, user=None):
    rows = Notification.objects.filter(kind=kind)
    return rows.filter(user=user) if user is not None else rows


def series_with_event(organisation):
    series = EventSeries.objects.create(
        title="Webinarrekka", slug="webinarrekka", organisation=organisation
    )
    make_event(organisers=[organisation], series=series)
    return series


def test_the_kinds_and_the_series_target_are_registered():
    assert registry.notification_kind("events.new_event").default == "daily"
    assert registry.notification_kind("events.changed").default == "immediate"
    assert registry.notification_kind("events.seat_freed").default == "immediate"
    assert registry.follow_target("events.series").model is EventSeries


def test_a_series_can_be_followed_once_it_has_a_published_event():
    organisation = OrganisationFactory()
    lonely = EventSeries.objects.create(title="Tom", slug="tom", organisation=organisation)
    with pytest.raises(InvalidInput):
        notifications.follow(user=UserFactory(), obj=lonely)
    series = series_with_event(organisation)
    person = UserFactory()
    notifications.follow(user=person, obj=series)
    assert notifications.is_following(person, series)
    assert "/arrangementer/" in notifications.follows_of(person)[0]["url"]


def test_a_published_event_tells_the_followers_of_organiser_series_and_topic_once(home_page):
    organiser = OrganisationFactory()
    series = series_with_event(organiser)
    index = index_page(home_page)
    topic = topic_page(index, "Konserter")
    en = Locale.objects.get(language_code="en")
    publish(index.copy_for_translation(en).specific)
    english = publish(topic.copy_for_translation(en).specific)
    of_org, of_series, of_all, of_english_topic, editor = (UserFactory() for _ in range(5))
    of_org.preferred_language = "nb"
    of_org.save()
    of_series.preferred_language = "en"
    of_series.save()
    notifications.follow(user=of_org, obj=organiser)
    notifications.follow(user=of_series, obj=series)
    notifications.follow(user=of_english_topic, obj=english.specific)
    for obj in (organiser, series, topic):
        notifications.follow(user=of_all, obj=obj)
    notifications.follow(user=editor, obj=organiser)
    Notification.objects.all().delete()

    event = EventFactory.build(
        series=series, title="Høstsamling", slug="hostsamling", municipality=MunicipalityFactory()
    )
    services.event_save(actor=editor, event=event, organisers=[organiser], topics=[topic])

    assert set(told("events.new_event").values_list("user_id", flat=True)) == {
        of_org.pk,
        of_series.pk,
        of_all.pk,
        of_english_topic.pk,
    }  # each once; the editor who published it is not told
    assert told("events.new_event", of_all).count() == 1
    assert told("events.new_event", of_org).get().title == "Nytt arrangement: Høstsamling"
    assert told("events.new_event", of_series).get().title == "New event: Høstsamling"
    assert (
        told("events.new_event", of_series).get().url == f"/arrangementer/{event.pk}/hostsamling/"
    )
    # Saved again (a new summary), or unpublished and published again: nobody is told twice.
    event.summary = "Nytt sammendrag."
    services.event_save(actor=editor, event=event)
    event.is_published = False
    services.event_save(actor=editor, event=event)
    event.is_published = True
    services.event_save(actor=editor, event=event)
    assert told("events.new_event").count() == 4


def test_a_draft_event_tells_nobody_until_it_is_published():
    organiser = OrganisationFactory()
    follower = UserFactory()
    notifications.follow(user=follower, obj=organiser)
    event = make_event(organisers=[organiser], is_published=False)
    assert not told("events.new_event").exists()
    event.is_published = True
    services.event_save(actor=None, event=event)
    assert told("events.new_event", follower).count() == 1


def _publish_to(n: int) -> int:
    organiser = OrganisationFactory()
    for _ in range(n):
        notifications.follow(user=UserFactory(), obj=organiser)
    event = EventFactory.build(municipality=MunicipalityFactory())
    with CaptureQueriesContext(connection) as queries:
        services.event_save(actor=None, event=event, organisers=[organiser])
    assert told("events.new_event").filter(object_id=event.pk).count() == n
    return len(queries)


def test_publishing_to_fifty_followers_takes_the_queries_of_five():
    assert _publish_to(50) == _publish_to(5)


def test_registering_for_an_event_in_a_series_follows_the_series():
    organiser = OrganisationFactory()
    series = series_with_event(organiser)
    event = series.events.get()
    person = UserFactory()
    registration = services.registration_create(event=event, user=person)
    assert registration.now_following == series
    follow = notifications.follows_of(person)[0]["follow"]
    assert follow.auto
    assert not notifications.is_following(person, organiser)  # the series only
    # Registered for another event of the series: already following, nothing new to say.
    other = make_event(organisers=[organiser], series=series)
    assert services.registration_create(event=other, user=person).now_following is None
    # An event outside any series follows nothing; a guest follows nothing.
    alone = make_event(organisers=[organiser])
    assert services.registration_create(event=alone, user=UserFactory()).now_following is None
    guest = services.registration_create(event=alone, name="Gjest", email="gjest@example.org")
    assert guest.now_following is None


def test_the_register_page_says_the_series_is_followed(client, home_page):
    series = series_with_event(OrganisationFactory())
    event = series.events.get()
    person = UserFactory()
    client.force_login(person)
    response = client.post(
        f"/arrangementer/{event.pk}/{event.slug}/pamelding/", {"consent": "on"}, follow=True
    )
    assert response.status_code == 200
    assert "Webinarrekka" in response.content.decode()
    assert notifications.is_following(person, series)


def test_a_change_is_on_the_registrants_page_and_emailed_once(django_capture_on_commit_callbacks):
    event = make_event()
    member, other = UserFactory(preferred_language="en"), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(event=event, user=member)
        services.registration_create(event=event, name="Gjest", email="gjest@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.starts_at = in_days(8, 18)
        event.ends_at = in_days(8, 20)
        services.event_save(actor=other, event=event)
    notice = told("events.changed", member).get()
    assert notice.title.startswith("Time or place changed")
    assert notice.emailed_at is not None  # the change email is their email
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, "gjest@example.org"])
    assert told("events.changed").count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        event.status = "cancelled"
        services.event_save(actor=other, event=event)
    assert told("events.changed", member).order_by("-pk").first().title.startswith("Cancelled")


def test_a_freed_seat_is_on_the_page_of_the_one_who_gets_it(django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    first, second = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        taken = services.registration_create(event=event, user=first)
        services.registration_create(event=event, user=second)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=taken, actor=first)
    assert [r.user_id for r in promoted] == [second.pk]
    notice = told("events.seat_freed", second).get()
    assert notice.emailed_at is not None
    assert not told("events.seat_freed", first).exists()
    # One email each: the cancellation and the promotion; the notification sends no third.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])


def test_the_event_page_has_the_follow_button_of_its_series(client):
    series = series_with_event(OrganisationFactory())
    event = series.events.get()
    person = UserFactory()
    client.force_login(person)
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'name="target" value="events.series"' in html
    assert 'name="action" value="follow"' in html
    notifications.follow(user=person, obj=series)
    other = UserFactory()
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'name="action" value="unfollow"' in html
    client.force_login(other)  # the event's shared parts never carry someone else's button
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'name="action" value="follow"' in html
    alone = make_event()
    assert "events.series" not in client.get(alone.get_absolute_url()).content.decode()


def test_the_change_email_is_service_and_always_reaches_the_registrants(
    django_capture_on_commit_callbacks,
):
    """A new place, time or a cancellation concerns one's own registration: always emailed (no
    unsubscribe link, not in the settings), and on the notifications page too."""
    from samspill.core import registry

    event = make_event()
    member = UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(event=event, user=member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.venue_name = "Nytt sted"
        services.event_save(actor=None, event=event)
    assert len(mail.outbox) == 1
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers
    assert registry.notification_kind("events.changed").transactional
    assert "events.changed" not in notifications.deliveries_for(member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.venue_name = "Et tredje sted"
        services.event_save(actor=None, event=event)
    assert len(mail.outbox) == 1
    assert told("events.changed", member).count() == 2
