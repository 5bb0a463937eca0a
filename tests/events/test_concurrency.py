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

import contextlib
import datetime
import http.client
import json
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

pytestmark = [pytest.mark.xdist_group("server")]

HOST = "127.0.0.1"
CAPACITY = 50
RUSH = 200  # simultaneous registrations for the 50 seats
CANCELS = 10  # simultaneous cancellations of confirmed registrations
TWINS = 20  # simultaneous registrations with one address
SETUP_TIMEOUT = 180
STARTUP_TIMEOUT = 60
REQUEST_TIMEOUT = 60


def _samspill() -> list[str]:
    script = Path(sys.executable).parent / "samspill"
    return [str(script)] if script.exists() else [sys.executable, "-m", "samspill.cli"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.splitlines()[-lines:])


# --- The database ---------------------------------------------------------------------------------


class Database:
    """A fresh database for the server, and a direct connection to read it afterwards."""

    def __init__(self, tmpdir: Path):
        default = settings.DATABASES["default"]
        self.postgres = "postgresql" in default["ENGINE"]
        if self.postgres:
            self.server = {
                "host": default.get("HOST") or "127.0.0.1",
                "port": int(default.get("PORT") or 5432),
                "user": default.get("USER") or "postgres",
                "password": default.get("PASSWORD") or None,
            }
            self.name = f"samspill_conc_{os.getpid()}_{secrets.token_hex(3)}"
            password = quote(self.server["password"] or "", safe="")
            auth = quote(self.server["user"], safe="") + (f":{password}" if password else "")
            self.url = f"postgres://{auth}@{self.server['host']}:{self.server['port']}/{self.name}"
        else:
            self.path = tmpdir / "concurrency.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def _admin(self):
        import psycopg

        return psycopg.connect(**self.server, dbname="postgres", autocommit=True)

    def create(self) -> None:
        if self.postgres:
            with self._admin() as connection:
                connection.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        if self.postgres:
            with self._admin() as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Run a query on a fresh connection (`%s` placeholders on both databases)."""
        if self.postgres:
            import psycopg

            with psycopg.connect(**self.server, dbname=self.name) as connection:
                return connection.execute(sql, params).fetchall()
        connection = sqlite3.connect(self.path, timeout=30)
        try:
            return connection.execute(sql.replace("%s", "?"), params).fetchall()
        finally:
            connection.close()


# --- The server -----------------------------------------------------------------------------------


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


@dataclass
class Reply:
    status: int
    body: dict | None
    started: float
    finished: float


class Instance:
    def __init__(self, tmpdir: Path, database: Database):
        self.tmpdir = tmpdir
        self.database = database
        self.port = _free_port()
        self.env = {
            key: value
            for key, value in os.environ.items()
            # PYTEST_VERSION would switch the settings to test mode; the others could point the
            # server at something outside the temporary directory.
            if key not in {"PYTEST_VERSION", "REDIS_URL", "MEDIA_ROOT", "STATIC_ROOT", "SITE_URL"}
        }
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "samspill.settings",
                "SAMSPILL_ENV": "development",
                "DEBUG": "false",
                "DATABASE_URL": database.url,
                "SAMSPILL_VAR_DIR": str(tmpdir),
                "SECRET_KEY": secrets.token_urlsafe(50),
                "SAMSPILL_RATE_LIMITS": "off",
                "TASKS_IMMEDIATE": "false",  # emails wait in the database queue
                "SITE_URL": f"http://{HOST}:{self.port}",
                "LOG_LEVEL": "WARNING",
                "PYTHONUNBUFFERED": "1",
            }
        )
        self.process = None
        self.log_path = tmpdir / "server.log"
        self._log = None

    def run(self, command: list[str]) -> str:
        result = subprocess.run(
            command,
            env=self.env,
            cwd=self.tmpdir,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=SETUP_TIMEOUT,
        )
        if result.returncode != 0:
            pytest.fail(
                f"{' '.join(command[-3:])} failed ({result.returncode}):\n"
                f"{_tail(result.stdout + result.stderr)}"
            )
        return result.stdout

    def prepare(self) -> dict:
        self.run([*_samspill(), "migrate", "--noinput"])
        output = self.run([sys.executable, "-c", SETUP_SCRIPT % {"capacity": CAPACITY}])
        return json.loads(output.strip().splitlines()[-1])

    def start(self) -> None:
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [*_samspill(), "serve", "--host", HOST, "--port", str(self.port), "--workers", "2"],
            env=self.env,
            cwd=self.tmpdir,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends gunicorn and workers
        )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(
                    f"samspill serve exited with {self.process.returncode} before /healthz "
                    f"answered; its log:\n{self.log()}"
                )
            try:
                status, _body = self.request("GET", "/healthz", timeout=2)
                if status == 200:
                    return
                last = f"HTTP {status}"
            except OSError as error:
                last = f"{type(error).__name__}: {error}"
            time.sleep(0.2)
        pytest.fail(
            f"/healthz did not answer 200 within {STARTUP_TIMEOUT} s ({last}):\n{self.log()}"
        )

    def log(self) -> str:
        if self._log:
            self._log.flush()
        try:
            return _tail(self.log_path.read_text(errors="replace"))
        except OSError:
            return "(no server log)"

    def stop(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(timeout=20)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
            if self.process.poll() is None:
                self.process.wait(timeout=10)
        if self._log:
            self._log.close()

    def request(self, method: str, path: str, body=None, timeout: float = REQUEST_TIMEOUT):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            headers = {"Accept": "application/json"}
            data = None
            if body is not None:
                data = json.dumps(body).encode()
                headers["Content-Type"] = "application/json"
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None)
        finally:
            connection.close()

    def at_once(self, calls: list[tuple[str, str, dict | None]]) -> list[Reply]:
        """Every call on its own connection, all released together; the replies in call order."""
        replies: list[Reply | None] = [None] * len(calls)
        barrier = threading.Barrier(len(calls))
        failures = []

        def one(index: int, method: str, path: str, body) -> None:
            connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
            try:
                connection.connect()
                data = json.dumps(body).encode() if body is not None else None
                headers = {"Accept": "application/json", "Content-Type": "application/json"}
                barrier.wait(timeout=60)
                started = time.perf_counter()
                connection.request(method, path, body=data, headers=headers)
                response = connection.getresponse()
                raw = response.read()
                replies[index] = Reply(
                    response.status,
                    json.loads(raw) if raw else None,
                    started,
                    time.perf_counter(),
                )
            except Exception as error:  # reported below, with the server's log
                failures.append(f"{method} {path}: {type(error).__name__}: {error}")
            finally:
                connection.close()

        threads = [
            threading.Thread(target=one, args=(i, *call), daemon=True)
            for i, call in enumerate(calls)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT + 60)
        if failures or any(reply is None for reply in replies):
            pytest.fail(
                f"{len(failures)} requests failed, e.g. {failures[:3]}; the server log:\n"
                f"{self.log()}"
            )
        return replies


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    tmpdir = tmp_path_factory.mktemp("concurrency")
    database = Database(tmpdir)
    database.create()
    server = None
    try:
        started = time.perf_counter()
        server = Instance(tmpdir, database)
        server.events = server.prepare()
        server.start()
        print(f"\nmigrate, events and server start: {time.perf_counter() - started:.1f} s")
        yield server
    finally:
        if server is not None:
            server.stop()
        database.drop()


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
    event_id = instance.events["rush"]
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
    event_id = instance.events["twins"]
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
