"""The daily and weekly digests (core.digests): one email per person with everything due, grouped
and in their language; nothing new, no email; a second run sends nothing; queries per batch."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from samspill.core import digests, notifications, periodic, registry
from samspill.core.models import (
    Delivery,
    EmailLog,
    EmailOptOut,
    Notification,
    NotificationSetting,
    OutgoingEmail,
)
from samspill.core.unsubscribe import email_unsubscribe
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db

NEWS, EVENTS, SEAT = "test.news", "test.events", "test.seat"


def said(nb: str, en: str):
    """A label in bokmål, or English for every other language (the test's own kinds)."""
    return lambda: nb if translation.get_language() == "nb" else en


def counted(nb: tuple[str, str], en: tuple[str, str]):
    def count(n):
        one, many = nb if translation.get_language() in ("nb", "nn", "da") else en
        return f"{n} {one if n == 1 else many}"

    return count


@pytest.fixture
def kinds():
    """A news kind and an event kind with groups and counts, and an urgent one; removed after."""
    registry.register_notification_kind(
        registry.NotificationKind(
            name=NEWS,
            label=lambda: "News from what you follow",
            group=said("Nyheter", "News"),
            count=counted(("nyhet", "nyheter"), ("news item", "news items")),
            order=10,
        )
    )
    registry.register_notification_kind(
        registry.NotificationKind(
            name=EVENTS,
            label=lambda: "New events",
            group=said("Arrangementer", "Events"),
            count=counted(("arrangement", "arrangementer"), ("event", "events")),
            order=20,
        )
    )
    registry.register_notification_kind(
        registry.NotificationKind(name=SEAT, label=lambda: "A seat freed", default="immediate")
    )
    yield
    for name in (NEWS, EVENTS, SEAT):
        registry._registry.notification_kinds.pop(name, None)


def run(delivery, capture, **options):
    """Run the digest of `delivery` and send what it queued (the worker, after the commit)."""
    with capture(execute=True):
        result = digests.send_digests(delivery, **options)
    return result


def tell(kind, users, title, **fields):
    return notifications.notify(kind=kind, users=users, title=title, url="/ting/", **fields)


def test_one_email_per_person_grouped_newest_first_with_a_cap(
    kinds, django_capture_on_commit_callbacks
):
    person = UserFactory(email="kari@example.org", name="Kari", preferred_language="nb")
    for n in range(8):
        tell(NEWS, [person], f"Nyhet {n}", text=f"Om nyhet {n}")
    tell(EVENTS, [person], "Konsert i parken")
    tell(EVENTS, [person], "Seminar om strømming")
    base = timezone.now() - timedelta(hours=5)
    for n, row in enumerate(Notification.objects.filter(kind=NEWS).order_by("pk")):
        Notification.objects.filter(pk=row.pk).update(created_at=base + timedelta(minutes=n))

    result = run("daily", django_capture_on_commit_callbacks)

    assert result == {"people": 1, "emails": 1, "notifications": 10, "skipped": 0}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kari@example.org"]
    assert message.subject.startswith("Nytt fra ")
    assert message.subject.endswith(": 8 nyheter og 2 arrangementer")
    body = message.body
    assert "Hei Kari," in body
    # Groups in the kinds' order; the newest news first, five of them, then "and 3 more".
    assert body.index("NYHETER (8)") < body.index("ARRANGEMENTER (2)")
    shown = [f"Nyhet {n}" for n in (7, 6, 5, 4, 3)]
    positions = [body.index(title) for title in shown]
    assert positions == sorted(positions)
    assert "Nyhet 2" not in body and "Nyhet 0" not in body
    assert "…og 3 til" in body
    assert "http://" in body and "/ting/" in body  # absolute links
    html = message.alternatives[0][0]
    assert "<h2" in html and "Nyhet 7" in html and 'href="http' in html
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert EmailLog.objects.filter(kind="core.digest", status="sent").count() == 1


def test_each_person_in_their_language(kinds, django_capture_on_commit_callbacks):
    people = {
        language: UserFactory(email=f"{language}@example.org", preferred_language=language)
        for language in ("nb", "nn", "da", "en")
    }
    tell(NEWS, list(people.values()), gettext_lazy("News"))
    tell(NEWS, list(people.values()), gettext_lazy("News"))
    run("daily", django_capture_on_commit_callbacks)
    subjects = {message.to[0].split("@")[0]: message.subject for message in mail.outbox}
    assert subjects["nb"].endswith(": 2 nyheter")
    assert subjects["nn"].startswith("Nytt frå ")
    assert subjects["da"].startswith("Nyt fra ")
    assert subjects["en"].startswith("New from ") and subjects["en"].endswith(": 2 news items")
    english = next(m for m in mail.outbox if m.to == ["en@example.org"])
    assert "Hello" in english.body and "/en/" not in english.body.split("Hello")[0]


def test_nothing_new_no_email_and_a_second_run_sends_nothing(
    kinds, django_capture_on_commit_callbacks
):
    told, quiet = UserFactory(), UserFactory()
    tell(NEWS, [told], "Noe nytt")
    assert run("daily", django_capture_on_commit_callbacks)["emails"] == 1
    assert [message.to for message in mail.outbox] == [[told.email]]
    assert quiet.email not in {m.to[0] for m in mail.outbox}
    again = run("daily", django_capture_on_commit_callbacks)
    assert again == {"people": 0, "emails": 0, "notifications": 0, "skipped": 0}
    assert len(mail.outbox) == 1


def test_rows_claimed_by_another_run_are_not_sent_twice(kinds):
    person = UserFactory()
    tell(NEWS, [person], "Noe nytt")
    due = digests.due_people("daily")
    assert digests.send_batch("daily", due)["emails"] == 1
    # A concurrent run that read the same people before the first claimed them finds nothing.
    assert digests.send_batch("daily", due)["emails"] == 0
    assert OutgoingEmail.objects.count() == 1


def test_daily_weekly_never_and_immediate_each_their_way(kinds, django_capture_on_commit_callbacks):
    daily, weekly, never = UserFactory(), UserFactory(), UserFactory()
    notifications.set_delivery(user=weekly, kind=NEWS, delivery="weekly")
    notifications.set_delivery(user=never, kind=NEWS, delivery="never")
    tell(NEWS, [daily, weekly, never], "Nyhet")
    with django_capture_on_commit_callbacks(execute=True):
        tell(SEAT, [daily], "Ledig plass")  # immediate: emailed at once, not in the digest
    assert len(mail.outbox) == 1
    mail.outbox.clear()

    assert run("daily", django_capture_on_commit_callbacks)["people"] == 1
    assert [m.to for m in mail.outbox] == [[daily.email]]
    assert "Ledig plass" not in mail.outbox[0].body
    mail.outbox.clear()
    assert run("weekly", django_capture_on_commit_callbacks)["people"] == 1
    assert [m.to for m in mail.outbox] == [[weekly.email]]
    assert "denne uka" in mail.outbox[0].body
    assert Notification.objects.get(user=never).emailed_at is None  # never emailed at all


def test_a_changed_setting_moves_what_waits(kinds, django_capture_on_commit_callbacks):
    person = UserFactory()
    tell(NEWS, [person], "Nyhet")
    tell(EVENTS, [person], "Arrangement")
    notifications.set_delivery(user=person, kind=NEWS, delivery="never")
    notifications.set_delivery(user=person, kind=EVENTS, delivery="weekly")
    assert run("daily", django_capture_on_commit_callbacks)["people"] == 0
    assert run("weekly", django_capture_on_commit_callbacks)["notifications"] == 1
    assert "Arrangement" in mail.outbox[0].body and "Nyhet" not in mail.outbox[0].body


def test_the_weekly_digest_runs_on_mondays_at_half_past_six(settings):
    settings.TIME_ZONE = "Europe/Oslo"
    job = registry.periodic_job("core.notifications.weekly")
    daily = registry.periodic_job("core.notifications.daily")
    wednesday = datetime(2026, 12, 9, 12, 0, tzinfo=UTC)
    with timezone.override("Europe/Oslo"):
        first = periodic.first_run(job, wednesday)
        assert timezone.localtime(first).weekday() == 0
        assert first == datetime(2026, 12, 14, 5, 30, tzinfo=UTC)  # 06:30 in Oslo
        assert periodic.next_run(job, job.interval, first) == first + timedelta(days=7)
        # A late run (the worker was down on Monday) stays on Mondays.
        late = first + timedelta(days=1, hours=3)
        assert periodic.next_run(job, job.interval, late) == first + timedelta(days=7)
        # Summer time: still 06:30 in Oslo.
        june = periodic.first_run(job, datetime(2027, 6, 2, 12, 0, tzinfo=UTC))
        assert june == datetime(2027, 6, 7, 4, 30, tzinfo=UTC)
        assert periodic.first_run(daily, wednesday) == datetime(2026, 12, 10, 5, 30, tzinfo=UTC)


def test_inactive_and_addressless_people_are_skipped_and_their_rows_marked(
    kinds, django_capture_on_commit_callbacks
):
    gone, silent, fine = UserFactory(), UserFactory(), UserFactory()
    tell(NEWS, [gone, silent, fine], "Nyhet")
    type(gone).objects.filter(pk=gone.pk).update(is_active=False)
    type(silent).objects.filter(pk=silent.pk).update(email="")
    result = run("daily", django_capture_on_commit_callbacks)
    assert result == {"people": 3, "emails": 1, "notifications": 3, "skipped": 2}
    assert [m.to for m in mail.outbox] == [[fine.email]]
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_unsubscribing_from_the_digest_stops_it_and_choosing_a_digest_undoes_it(
    kinds, django_capture_on_commit_callbacks
):
    person = UserFactory(email="Per@Example.org")
    notifications.set_delivery(user=person, kind=EVENTS, delivery="weekly")
    tell(NEWS, [person], "Nyhet")
    email_unsubscribe(address="per@example.org", kind="core.digest")
    assert notifications.delivery_for(person, NEWS) == "never"
    assert notifications.delivery_for(person, EVENTS) == "never"
    assert notifications.delivery_for(person, SEAT) == "immediate"  # not a digest kind
    assert Notification.objects.get(user=person).delivery == "never"
    assert "core.digest" not in notifications.deliveries_for(person)  # not in the settings
    # An opt-out by address alone (made before the account had rows) is honoured by the job.
    NotificationSetting.objects.filter(user=person).delete()
    tell(NEWS, [person], "Enda en")
    assert run("daily", django_capture_on_commit_callbacks)["skipped"] == 1
    assert not mail.outbox
    assert EmailLog.objects.filter(kind="core.digest", status="skipped").count() == 1
    # Choosing a digest again removes the digest's opt-out.
    notifications.set_delivery(user=person, kind=NEWS, delivery="daily")
    assert not EmailOptOut.objects.filter(kind="core.digest").exists()
    tell(NEWS, [person], "Tilbake")
    assert run("daily", django_capture_on_commit_callbacks)["emails"] == 1


def test_queries_per_batch_do_not_grow_with_the_people_in_it(kinds):
    def batch_queries(n):
        people = UserFactory.create_batch(n)
        for index, language in enumerate(("nb", "da", "en")):
            type(people[0]).objects.filter(pk__in=[p.pk for p in people[index::3]]).update(
                preferred_language=language
            )
        tell(NEWS, people, gettext_lazy("News"))
        tell(NEWS, people, gettext_lazy("News"))
        tell(EVENTS, people, gettext_lazy("Events"))
        EmailOptOut.objects.create(address=people[-1].email.lower(), kind="core.digest")
        due = digests.due_people("daily")
        assert len(due) == n
        with CaptureQueriesContext(connection) as context:
            result = digests.send_batch("daily", due)
        assert result["emails"] == n - 1 and result["notifications"] == 3 * n
        return len(context.captured_queries)

    digests.send_digests("daily")  # warm: the hub's name, content types
    assert batch_queries(5) == batch_queries(50)


def test_the_job_report_and_registration():
    assert registry.periodic_job("core.notifications.daily").at == "06:30"
    assert registry.periodic_job("core.notifications.daily").interval == 24 * 60
    assert registry.periodic_job("core.notifications.weekly").interval == 7 * 24 * 60
    kind = registry.notification_kind("core.digest")
    assert kind is not None and not kind.transactional and not kind.in_settings
    assert digests.daily() == {"people": 0, "emails": 0, "notifications": 0, "skipped": 0}
    assert Delivery.WEEKLY in digests.DIGESTS


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_digest_once(kinds):
    """Two workers run the daily digest at the same moment (threads, each with its own
    connection): every person gets one email, from one of them."""
    import threading

    from django.db import connection as default_connection

    people = UserFactory.create_batch(12)
    tell(NEWS, people, "Nyhet")
    due = digests.due_people("daily")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(digests.send_batch("daily", due))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            default_connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert sorted(result["emails"] for result in results) == [0, 12]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
