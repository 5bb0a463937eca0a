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
client against the same database (CaptureQueriesContext). bench/README.md tells how to read it.

Exit status: 0 all fine, 1 some URL had errors, 2 the instance could not be prepared or the server
did not come up (or died), 130 interrupted.
"""

import argparse
import http.client
import itertools
import json
import math
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # bench/load.py: the instance, the server, the GET driver, the table

HOST = load.HOST
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
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

paths, register = json.loads(sys.argv[1])
client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for path in paths:
    client.get(path)  # first use: caches, content types
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    counts[path] = [response.status_code, len(context.captured_queries)]
for n in range(2):
    body = {"name": "Spørring", "email": f"sporring{n}@example.org"}
    with CaptureQueriesContext(connection) as context:
        response = client.post(register, body, content_type="application/json")
counts["POST " + register] = [response.status_code, len(context.captured_queries)]
print(json.dumps(counts))
"""


# --- Registrations under load ---------------------------------------------------------------------


class Registrant(threading.Thread):
    """One keep-alive connection that POSTs guest registrations, each with a new address."""

    def __init__(self, port, path, emails, start, measure_from, end):
        super().__init__(daemon=True)
        self.port = port
        self.path = path
        self.emails = emails  # a shared itertools.count: next() is atomic under the GIL
        self.start_barrier = start
        self.measure_from = measure_from
        self.end = end
        self.latencies: list[float] = []
        self.ok = 0
        self.errors = 0
        self.reconnects = 0
        self.error_samples: dict[str, int] = {}
        self.outcomes: dict[str, int] = {}
        self.last_finish = 0.0

    def _connection(self):
        return http.client.HTTPConnection(HOST, self.port, timeout=load.REQUEST_TIMEOUT)

    def _error(self, kind: str) -> None:
        self.errors += 1
        self.error_samples[kind] = self.error_samples.get(kind, 0) + 1

    def run(self) -> None:
        connection = self._connection()
        used = False
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        try:
            self.start_barrier.wait(timeout=30)
        except threading.BrokenBarrierError:
            return
        while True:
            started = time.perf_counter()
            if started >= self.end[0]:
                break
            n = next(self.emails)
            body = json.dumps({"name": f"Benk {n}", "email": f"benk{n}@example.org"}).encode()
            status, payload, failure = None, b"", None
            for attempt in (1, 2):
                try:
                    connection.request("POST", self.path, body=body, headers=headers)
                    response = connection.getresponse()
                    payload = response.read()
                    status = response.status
                    used = not response.will_close
                    if response.will_close:
                        connection.close()
                        connection = self._connection()
                    break
                except load.RETRYABLE as error:
                    connection.close()
                    connection = self._connection()
                    if used and attempt == 1:
                        used = False
                        self.reconnects += 1
                        continue
                    failure = type(error).__name__
                    break
                except (OSError, http.client.HTTPException) as error:
                    connection.close()
                    connection = self._connection()
                    used = False
                    failure = f"{type(error).__name__}: {error}"[:120]
                    break
            finished = time.perf_counter()
            self.last_finish = finished
            if started < self.measure_from[0]:
                continue
            self.latencies.append(finished - started)
            if failure is not None:
                self._error(failure)
            elif status == 201:
                self.ok += 1
                outcome = json.loads(payload).get("status", "?")
                self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
            else:
                self._error(f"HTTP {status}")
        connection.close()


def drive_registrations(port, path, clients, seconds, warmup) -> dict:
    """As load.drive, with POSTs: successful registrations per second over the measured time."""
    barrier = threading.Barrier(clients + 1)
    measure_from, end = [math.inf], [math.inf]
    emails = itertools.count()
    threads = [Registrant(port, path, emails, barrier, measure_from, end) for _ in range(clients)]
    for thread in threads:
        thread.start()
    now = time.perf_counter()
    measure_from[0] = now + warmup
    end[0] = now + warmup + seconds
    barrier.wait(timeout=30)
    for thread in threads:
        thread.join(timeout=max(0.0, end[0] - time.perf_counter()) + 2 * load.REQUEST_TIMEOUT + 5)
    stuck = sum(thread.is_alive() for thread in threads)
    latencies = sorted(v for thread in threads for v in thread.latencies)
    samples: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    for thread in threads:
        for kind, count in thread.error_samples.items():
            samples[kind] = samples.get(kind, 0) + count
        for kind, count in thread.outcomes.items():
            outcomes[kind] = outcomes.get(kind, 0) + count
    if stuck:
        samples["client still waiting after the time limit"] = stuck
    ok = sum(thread.ok for thread in threads)
    finish = max([thread.last_finish for thread in threads] + [end[0]])
    elapsed = max(finish - measure_from[0], 1e-9)
    return {
        "name": "registrations",
        "path": "POST " + path,
        "requests": len(latencies),
        "ok": ok,
        "errors": sum(thread.errors for thread in threads) + stuck,
        "error_kinds": samples,
        "outcomes": outcomes,
        "reconnects": sum(thread.reconnects for thread in threads),
        "seconds": round(elapsed, 3),
        "rps": ok / elapsed,
        "p50_ms": load.percentile(latencies, 50) * 1000,
        "p95_ms": load.percentile(latencies, 95) * 1000,
        "p99_ms": load.percentile(latencies, 99) * 1000,
        "registered_in_all": next(emails),
    }


# --- Command line ---------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Benchmark registrations and the event pages against the baseline."
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="measured time per row (10)")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured warm-up per row (1)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads (8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (2)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (database, server log)"
    )
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= load.MAX_SECONDS:
        parser.error(f"--seconds must be more than 0 and at most {load.MAX_SECONDS}")
    if not 0 <= args.warmup <= 60:
        parser.error("--warmup must be between 0 and 60")
    if not 1 <= args.clients <= load.MAX_CLIENTS:
        parser.error(f"--clients must be between 1 and {load.MAX_CLIENTS}")
    if not 1 <= args.workers <= 32:
        parser.error("--workers must be between 1 and 32")
    return args


def run_python(script: str, env, cwd, *args: str) -> dict:
    """Run a snippet with the instance's interpreter and environment; its last line is JSON."""
    try:
        result = subprocess.run(
            [sys.executable, "-c", script, *args],
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=load.SETUP_TIMEOUT,
        )
    except subprocess.TimeoutExpired as error:
        raise load.BenchError("a setup snippet took too long") from error
    if result.returncode != 0:
        raise load.BenchError(
            f"a setup snippet failed ({result.returncode}):\n{load.tail(result.stdout + result.stderr)}"
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    args = parse_args(argv)

    def on_sigterm(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGINT, signal.default_int_handler)

    tmpdir = Path(tempfile.mkdtemp(prefix="samspill-bench-events-"))
    server = None
    results: list[dict] = []
    queries: dict = {}
    prepared: dict = {}
    try:
        env = load.instance_environment(tmpdir)
        env["SAMSPILL_RATE_LIMITS"] = "off"  # one address registers thousands of times
        print(f"Preparing a production instance in {tmpdir}", file=sys.stderr, flush=True)
        load.run_setup(["migrate", "--noinput"], env, tmpdir)
        load.run_setup(["collectstatic", "--noinput"], env, tmpdir)
        load.run_setup(["demo"], env, tmpdir)
        prepared = run_python(SETUP_SCRIPT % {"capacity": CAPACITY}, env, tmpdir)
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

        port = load.free_port()
        env["SITE_URL"] = f"http://{HOST}:{port}"
        print(f"Starting samspill serve on {HOST}:{port}", file=sys.stderr, flush=True)
        server = load.Server(env, tmpdir, port, args.workers)
        server.wait_until_healthy(load.STARTUP_TIMEOUT)

        def check_alive():
            if not server.alive():
                raise load.BenchError(
                    f"the server exited with status {server.process.returncode} during the run; "
                    f"its log ends:\n{server.log_tail()}"
                )

        for name, path in [load.BASELINE, *pages]:
            check_alive()
            print(f"  {name} {path}", file=sys.stderr, flush=True)
            results.append(load.drive(port, name, path, args.clients, args.seconds, args.warmup))
        check_alive()
        print(f"  registrations POST {register_path}", file=sys.stderr, flush=True)
        results.append(
            drive_registrations(port, register_path, args.clients, args.seconds, args.warmup)
        )
        check_alive()
        server.stop()
        server = None
        queries = run_python(
            QUERIES_SCRIPT, env, tmpdir, json.dumps([[p for _n, p in pages], register_path])
        )
    except load.BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bench: interrupted; stopping the server", file=sys.stderr)
        return 130
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            print(f"Kept {tmpdir}", file=sys.stderr)
        else:
            shutil.rmtree(tmpdir, ignore_errors=True)

    print()
    print(
        f"samspill events benchmark: {args.workers} workers, {args.clients} clients, "
        f"{args.seconds:g} s per row after {args.warmup:g} s warm-up, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite"
    )
    print(load.table(results))
    registrations = results[-1]
    outcomes = ", ".join(f"{k} {v}" for k, v in sorted(registrations["outcomes"].items()))
    print(
        f"\nRegistrations: {registrations['rps']:.1f}/s = {registrations['rps_ratio']:.3f}x the "
        f"baseline's rps (measured: {outcomes}; {registrations['registered_in_all']} with "
        f"the warm-up; capacity {CAPACITY}, then the waiting list)."
    )
    print("\nSQL queries per request (one anonymous request, counted in-process):")
    width = max(len(path) for path in queries)
    for path, (status, count) in queries.items():
        print(f"  {path.ljust(width)}  {count:3d} queries  (HTTP {status})")
    print("\nCompare the ratios within one run; absolute numbers vary with the machine's load.")

    failed = [result for result in results if result["errors"]]
    for result in failed:
        kinds = ", ".join(f"{kind}: {count}" for kind, count in result["error_kinds"].items())
        print(f"ERRORS on {result['path']}: {kinds}", file=sys.stderr)
    if args.json:
        document = {
            "config": {
                "workers": args.workers,
                "clients": args.clients,
                "seconds": args.seconds,
                "warmup": args.warmup,
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "capacity": CAPACITY,
            },
            "baseline": load.BASELINE[1],
            "results": results,
            "queries": queries,
        }
        Path(args.json).write_text(json.dumps(load.json_safe(document), indent=2) + "\n")
        print(f"Wrote {args.json}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
