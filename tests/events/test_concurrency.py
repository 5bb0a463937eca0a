"""Capacity under real concurrency: hundreds of simultaneous registrations against `samspill serve`.

The test builds a fresh database of its own (SQLite: a file in a temporary directory; PostgreSQL,
when the suite runs on it: a temporary database on the same server), migrates it with
`samspill migrate`, creates the events through the services, and serves it with gunicorn (2 worker
processes, 4 threads each). Then it fires POSTs at once from a thread pool released by a barrier
and checks what the database holds afterwards, through a connection of its own and through the API.

The order in which the server committed registrations is the order of their primary keys: the key
is taken inside the transaction, after the event's row is locked (SQLite: the write lock from BEGIN
IMMEDIATE; PostgreSQL: the row lock from SELECT … FOR UPDATE, held until COMMIT), so a later key
always belongs to a later commit.
"""

import datetime
import textwrap

import pytest

from tests.served import Reply, served

pytestmark = [pytest.mark.xdist_group("server")]

CAPACITY = 50
RUSH = 200  # simultaneous registrations for the 50 seats
CANCELS = 10  # simultaneous cancellations of confirmed registrations
TWINS = 20  # simultaneous registrations with one address


SETUP_SCRIPT = textwrap.dedent(
    """
    import datetime, json
    import django
    django.setup()
    from django.utils import timezone
    from samspill.core.models import Organisation
    from samspill.events import services
    from samspill.events.models import Event

    organiser = Organisation.objects.create(
        name="Konsertfabrikken", slug="konsertfabrikken", kind="venue", country="NO"
    )
    starts = (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)

    def make(title, capacity):
        event = Event(
            title=title, kind="gathering", is_published=True, summary="Stor pågang.",
            starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
            attendance_mode="onsite", venue_name="Kulturhuset", street_address="Storgata 1",
            capacity=capacity, waiting_list=True,
        )
        return services.event_save(actor=None, event=event, organisers=[organiser]).pk

    print(json.dumps({"rush": make("Rush", %(capacity)d), "twins": make("Tvillinger", 5)}))
    """
)


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    yield from served(tmp_path_factory, "concurrency", SETUP_SCRIPT % {"capacity": CAPACITY})


def _registrations(instance, event_id: int) -> list[tuple]:
    """(id, lower email, status, queued_at) of every registration of the event, by id."""
    return instance.database.rows(
        "SELECT id, LOWER(email), status, queued_at FROM events_registration "
        "WHERE event_id = %s ORDER BY id",
        (event_id,),
    )


def _queue(instance, event_id: int) -> list[int]:
    """The waiting list as the services serve it: by the time people joined it, then by id."""
    return [
        row[0]
        for row in instance.database.rows(
            "SELECT id FROM events_registration WHERE event_id = %s AND status = 'waitlisted' "
            "ORDER BY queued_at, id",
            (event_id,),
        )
    ]


def _moment(value) -> datetime.datetime:
    return value if isinstance(value, datetime.datetime) else datetime.datetime.fromisoformat(value)


def _out_of_order(waiting: list[tuple], queue: list[int]) -> str:
    """Evidence for a waiting list that is not in commit order: pairs where a later commit got
    an earlier `queued_at`, and by how much."""
    times = [(row[0], _moment(row[3])) for row in waiting]
    pairs = [
        (first, later, (t1 - t2).total_seconds() * 1000)
        for i, (first, t1) in enumerate(times)
        for later, t2 in times[i + 1 :]
        if t2 < t1
    ]
    worst = max(pairs, key=lambda pair: pair[2]) if pairs else None
    return (
        f"the waiting list is not in the order the registrations were committed: "
        f"{sum(a != b for a, b in zip(queue, [t[0] for t in times], strict=True))} of "
        f"{len(queue)} places differ; {len(pairs)} pairs where a later commit has an earlier "
        f"queued_at (worst: #{worst[1]} committed after #{worst[0]} but queued {worst[2]:.0f} ms "
        f"before it)"
        if worst
        else ""
    )


def _report(label: str, replies: list[Reply]) -> str:
    spent = max(r.finished for r in replies) - min(r.started for r in replies)
    slowest = max(r.finished - r.started for r in replies)
    return f"{label}: {len(replies)} requests in {spent:.2f} s (slowest {slowest:.2f} s)"


def test_simultaneous_registrations_fill_the_seats_then_the_waiting_list_in_order(instance):
    event_id = instance.prepared["rush"]
    url = f"/api/v1/events/{event_id}/registrations"
    calls = [
        ("POST", url, {"name": f"Deltaker {n}", "email": f"Deltaker{n}@Example.org"})
        for n in range(RUSH)
    ]
    replies = instance.at_once(calls)
    timings = [_report(f"{instance.database.url.split(':')[0]} registrations", replies)]

    statuses = [reply.status for reply in replies]
    assert statuses == [201] * RUSH, {s: statuses.count(s) for s in set(statuses)}
    outcome = [reply.body["status"] for reply in replies]
    assert outcome.count("confirmed") == CAPACITY
    assert outcome.count("waitlisted") == RUSH - CAPACITY

    rows = _registrations(instance, event_id)
    assert len(rows) == RUSH
    emails = [row[1] for row in rows]
    assert len(set(emails)) == RUSH
    assert set(emails) == {f"deltaker{n}@example.org" for n in range(RUSH)}
    by_id = {reply.body["id"]: reply for reply in replies}
    assert set(by_id) == {row[0] for row in rows}
    assert {row[0]: row[2] for row in rows} == {i: r.body["status"] for i, r in by_id.items()}

    # Seats went to the first 50 commits, the waiting list holds the rest in commit order.
    assert [row[2] for row in rows] == ["confirmed"] * CAPACITY + ["waitlisted"] * (RUSH - CAPACITY)
    waiting = [row for row in rows if row[2] == "waitlisted"]
    queue = _queue(instance, event_id)
    assert queue == [row[0] for row in waiting], _out_of_order(waiting, queue)

    # Each person waiting sees their place through the API: 1..N without gaps, in queue order.
    positions = []
    for registration_id in queue:
        token = by_id[registration_id].body["token"]
        status, body = instance.request("GET", f"{url}/{token}")
        assert status == 200
        positions.append(body["waiting_list_position"])
    assert positions == list(range(1, RUSH - CAPACITY + 1))

    status, event = instance.request("GET", f"/api/v1/events/{event_id}")
    assert status == 200
    assert event["seats_left"] == 0
    assert event["waiting_list_length"] == RUSH - CAPACITY

    # Ten people with seats cancel at once: exactly the first ten waiting get them.
    confirmed = [row[0] for row in rows if row[2] == "confirmed"]
    leaving = confirmed[5 : 5 + CANCELS]
    cancels = instance.at_once(
        [("DELETE", f"{url}/{by_id[pk].body['token']}", None) for pk in leaving]
    )
    timings.append(_report("cancellations", cancels))
    assert [reply.status for reply in cancels] == [204] * CANCELS

    after = {row[0]: row[2] for row in _registrations(instance, event_id)}
    assert {pk for pk, s in after.items() if s == "cancelled"} == set(leaving)
    promoted = {pk for pk in queue if after[pk] == "confirmed"}
    assert promoted == set(queue[:CANCELS])
    assert sum(s == "confirmed" for s in after.values()) == CAPACITY
    assert _queue(instance, event_id) == queue[CANCELS:]

    status, event = instance.request("GET", f"/api/v1/events/{event_id}")
    assert event["seats_left"] == 0
    assert event["waiting_list_length"] == RUSH - CAPACITY - CANCELS
    print("\n" + "\n".join(timings))


def test_simultaneous_registrations_with_one_address_let_one_in(instance):
    event_id = instance.prepared["twins"]
    url = f"/api/v1/events/{event_id}/registrations"
    variants = ["tvilling@example.org", "Tvilling@Example.org", "TVILLING@EXAMPLE.ORG"]
    calls = [
        ("POST", url, {"name": f"Tvilling {n}", "email": variants[n % len(variants)]})
        for n in range(TWINS)
    ]
    replies = instance.at_once(calls)
    statuses = sorted(reply.status for reply in replies)
    assert statuses == [201] + [409] * (TWINS - 1)
    assert {r.body["error"]["code"] for r in replies if r.status == 409} == {"already_registered"}
    rows = _registrations(instance, event_id)
    assert [(row[1], row[2]) for row in rows] == [("tvilling@example.org", "confirmed")]
    print("\n" + _report("same address", replies))
