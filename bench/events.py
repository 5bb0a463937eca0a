"""Events benchmark: registrations per second and the event pages, against the load baseline.

    .venv/bin/python bench/events.py [--seconds 10] [--clients 8] [--workers 2] [--warmup 1]
                                     [--json results.json] [--keep]

It prepares the same throwaway production instance as bench/load.py (SQLite in a temporary
directory: migrate, collectstatic, demo) with `SAMSPILL_RATE_LIMITS=off`, adds one event to register
for (through `events.services`, capacity 100 with a waiting list), and serves it with
`samspill serve`. Then, one at a time and for a fixed time each:

- the baseline `/healthz/live`,
- the event list `/arrangementer/`, an event's page, `/api/v1/events` and `/api/v1/events/<id>`,
- guest registrations: POST `/api/v1/events/<id>/registrations`, each with a new email address
  (the first 100 get seats, the rest join the waiting list).

The table shows requests/second and latency with each row's ratio to the baseline, as load.py does.
Below it, the SQL queries each request runs, counted in a separate process with Django's test
client against the same database (every statement on every connection, bench/inprocess.py). bench/README.md tells how to read it.

Exit status: 0 all fine, 1 some URL had errors, 2 the instance could not be prepared or the server
did not come up (or died), 130 interrupted.
"""

import itertools
import json
import sys

import harness  # bench/harness.py: the instance, the server, the load driver, the table

CAPACITY = 100

# Runs inside the prepared instance (its environment, its database): the event to register for,
# and the paths to bench, as JSON on the last line of output.
SETUP_SCRIPT = """
import datetime, json
import django
django.setup()
from django.conf import settings
from django.utils import timezone, translation
from samspill.core.models import Organisation
from samspill.events import selectors, services
from samspill.events.models import Event

organiser = Organisation.objects.filter(is_public=True).order_by("pk").first()
if organiser is None:
    organiser = Organisation.objects.create(
        name="Benkeverket", slug="benkeverket", kind="venue", country="NO"
    )
starts = (timezone.now() + datetime.timedelta(days=30)).replace(microsecond=0)
event = services.event_save(
    actor=None,
    event=Event(
        title="Benk: påmelding under trykk", kind="gathering", is_published=True,
        summary="Et arrangement for målingen.", starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3), attendance_mode="onsite",
        venue_name="Kulturhuset", street_address="Storgata 1", capacity=%(capacity)d,
        waiting_list=True,
    ),
    organisers=[organiser],
)
# The page of an event of the demo (the first upcoming one), else the benchmark's own event.
shown = next((e for e in selectors.event_list_public(when="upcoming") if e.pk != event.pk), event)
with translation.override(settings.LANGUAGE_CODE):
    page = shown.get_absolute_url()
print(json.dumps({
    "event": event.pk,
    "page": page,
    "page_event": shown.pk,
    "published": Event.objects.published().count(),
}))
"""

# Counts the SQL queries of one request per path in-process (Django's test client), and of one
# registration. Production settings: the client must use an allowed host.
QUERIES_SCRIPT = """
import json, sys
import django
django.setup()
from django.test import Client
from inprocess import Captured  # bench/inprocess.py

paths, register = json.loads(sys.argv[1])
client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for path in paths:
    client.get(path)  # first use: caches, content types
    with Captured() as context:
        response = client.get(path)
    counts[path] = [response.status_code, len(context.captured_queries)]
for n in range(2):
    body = {"name": "Spørring", "email": f"sporring{n}@example.org"}
    with Captured() as context:
        response = client.post(register, body, content_type="application/json")
counts["POST " + register] = [response.status_code, len(context.captured_queries)]
print(json.dumps(counts))
"""


# --- Command line ---------------------------------------------------------------------------------


def parse_args(argv):
    parser = harness.arguments("Benchmark registrations and the event pages against the baseline.")
    return harness.parse(parser, argv)


def main(argv=None) -> int:
    args = parse_args(argv)

    def measure(instance: harness.Instance) -> int:
        instance.prepare()
        prepared = instance.python(SETUP_SCRIPT % {"capacity": CAPACITY})
        event_id = prepared["event"]
        register_path = f"/api/v1/events/{event_id}/registrations"
        pages = [
            ("events", "/arrangementer/"),
            ("event", prepared["page"]),
            ("api events", "/api/v1/events"),
            ("api event", f"/api/v1/events/{prepared['page_event']}"),
        ]
        print(
            f"  {prepared['published']} published events; registering for event {event_id}",
            file=sys.stderr,
            flush=True,
        )
        instance.serve(args.workers)
        results = instance.drive(pages, args)
        print(f"  registrations POST {register_path}", file=sys.stderr, flush=True)
        # Guest registrations, each with a new address: the first CAPACITY get seats, the rest
        # join the waiting list.
        emails = itertools.count()  # next() is atomic under the GIL

        def registration() -> dict:
            n = next(emails)
            return {"name": f"Benk {n}", "email": f"benk{n}@example.org"}

        registrations = harness.drive(
            instance.port,
            "registrations",
            register_path,
            args.clients,
            args.seconds,
            args.warmup,
            bodies=registration,
            outcome=lambda payload: json.loads(payload).get("status", "?"),
        )
        registrations["registered_in_all"] = next(emails)
        results.append(registrations)
        instance.server.check_alive()
        instance.stop()
        queries = instance.python(
            QUERIES_SCRIPT, json.dumps([[p for _n, p in pages], register_path])
        )

        print()
        print(
            f"samspill events benchmark: {harness.load_summary(args)}, {harness.machine()}, SQLite"
        )
        print(harness.table(results))
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(registrations["outcomes"].items()))
        print(
            f"\nRegistrations: {registrations['rps']:.1f}/s = {registrations['rps_ratio']:.3f}x "
            f"the baseline's rps (measured: {outcomes}; {registrations['registered_in_all']} with "
            f"the warm-up; capacity {CAPACITY}, then the waiting list)."
        )
        print("\nSQL queries per request (one anonymous request, counted in-process):")
        width = max(len(path) for path in queries)
        for path, (status, count) in queries.items():
            print(f"  {path.ljust(width)}  {count:3d} queries  (HTTP {status})")
        print(f"\n{harness.COMPARE}")
        failed = harness.report_errors(results)
        harness.write_json(args.json, args, capacity=CAPACITY, results=results, queries=queries)
        return 1 if failed else 0

    # One address registers thousands of times.
    return harness.run(measure, name="events", args=args, env={"SAMSPILL_RATE_LIMITS": "off"})


if __name__ == "__main__":
    sys.exit(main())
