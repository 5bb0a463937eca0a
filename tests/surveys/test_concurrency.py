"""Answering under real concurrency: hundreds of simultaneous responses against `samspill serve`.

Like `tests/events/test_concurrency.py` (whose server harness this copies): the test builds a
fresh database of its own (SQLite: a file in a temporary directory; PostgreSQL, when the suite
runs on it: a temporary database on the same server), migrates it with `samspill migrate`, creates
the surveys, and serves it with gunicorn (2 worker processes, 4 threads each). Then it fires POSTs
at once from a thread pool released by a barrier and checks what the database holds afterwards,
through a connection of its own.

- 200 distinct anonymous responses all land, each exactly once and complete;
- 20 responses with one personal link: the database's unique constraint lets exactly one in, the
  others get 409 `already_answered`.
"""

import contextlib
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
RUSH = 200  # simultaneous anonymous responses
TWINS = 20  # simultaneous responses with one invitation token
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
        output = self.run([sys.executable, "-c", SETUP_SCRIPT])
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


SETUP_SCRIPT = textwrap.dedent(
    """
    import datetime, json
    import django
    django.setup()
    from django.utils import timezone
    from samspill.core.models import Organisation
    from samspill.surveys.models import Invitation, Question, Survey

    owner = Organisation.objects.create(
        name="Konsertfabrikken", slug="konsertfabrikken", kind="venue", country="NO"
    )
    now = timezone.now()

    def make(slug, mode):
        survey = Survey.objects.create(
            title=slug, slug=slug, owner=owner, mode=mode, is_published=True,
            opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=7),
        )
        questions = [
            Question.objects.create(
                survey=survey, sort_order=0, kind="single", text="Fase",
                options="Idé\\nOppstart\\nVekst", required=True,
            ),
            Question.objects.create(
                survey=survey, sort_order=1, kind="number", text="Ansatte", min_value=0,
                max_value=100000, required=True,
            ),
            Question.objects.create(
                survey=survey, sort_order=2, kind="short_text", text="Navn", required=True
            ),
        ]
        return survey, [q.key for q in questions]

    rush, rush_keys = make("rush", "anonymous")
    twins, twin_keys = make("tvillinger", "invitation")
    token = Invitation.objects.create(survey=twins, label="Bergen kommune").token
    print(json.dumps({
        "rush": {"id": rush.pk, "slug": rush.slug, "keys": rush_keys},
        "twins": {"id": twins.pk, "slug": twins.slug, "keys": twin_keys, "token": token},
    }))
    """
)


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    tmpdir = tmp_path_factory.mktemp("survey-concurrency")
    database = Database(tmpdir)
    database.create()
    server = None
    try:
        started = time.perf_counter()
        server = Instance(tmpdir, database)
        server.surveys = server.prepare()
        server.start()
        print(f"\nmigrate, surveys and server start: {time.perf_counter() - started:.1f} s")
        yield server
    finally:
        if server is not None:
            server.stop()
        database.drop()


def _report(label: str, replies: list[Reply]) -> str:
    spent = max(r.finished for r in replies) - min(r.started for r in replies)
    slowest = max(r.finished - r.started for r in replies)
    return f"{label}: {len(replies)} requests in {spent:.2f} s (slowest {slowest:.2f} s)"


PHASES = ["Idé", "Oppstart", "Vekst"]


def _answers(keys: list[str], n: int) -> dict:
    fase, ansatte, navn = keys
    return {fase: PHASES[n % 3], ansatte: n, navn: f"Respondent {n}"}


def test_simultaneous_anonymous_responses_all_land_once_and_complete(instance):
    survey = instance.surveys["rush"]
    url = f"/api/v1/surveys/{survey['slug']}/responses"
    calls = [("POST", url, {"answers": _answers(survey["keys"], n)}) for n in range(RUSH)]
    replies = instance.at_once(calls)
    timing = _report(f"{instance.database.url.split(':')[0]} anonymous responses", replies)

    statuses = [reply.status for reply in replies]
    assert statuses == [201] * RUSH, {s: statuses.count(s) for s in set(statuses)}
    ids = {reply.body["id"] for reply in replies}
    assert len(ids) == RUSH

    rows = instance.database.rows(
        "SELECT id, status, submitted_at FROM surveys_response WHERE survey_id = %s",
        (survey["id"],),
    )
    assert {row[0] for row in rows} == ids
    assert {row[1] for row in rows} == {"submitted"}
    assert all(row[2] is not None for row in rows)

    # Every response holds its three answers, and each respondent's answers are its own.
    answers = instance.database.rows(
        "SELECT a.response_id, q.text, a.option, a.number, a.text FROM surveys_answer a "
        "JOIN surveys_question q ON q.id = a.question_id "
        "JOIN surveys_response r ON r.id = a.response_id WHERE r.survey_id = %s",
        (survey["id"],),
    )
    assert len(answers) == 3 * RUSH
    by_response: dict[int, dict] = {}
    for response_id, question, option, number, text in answers:
        by_response.setdefault(response_id, {})[question] = (option, number, text)
    assert set(by_response) == ids
    seen = set()
    for values in by_response.values():
        n = values["Ansatte"][1]
        assert values["Navn"][2] == f"Respondent {n}"
        assert values["Fase"][0] == PHASES[n % 3]
        seen.add(n)
    assert seen == set(range(RUSH))
    print("\n" + timing)


def test_simultaneous_responses_with_one_invitation_let_one_in(instance):
    survey = instance.surveys["twins"]
    url = f"/api/v1/surveys/{survey['slug']}/responses"
    calls = [
        ("POST", url, {"answers": _answers(survey["keys"], n), "token": survey["token"]})
        for n in range(TWINS)
    ]
    replies = instance.at_once(calls)
    statuses = sorted(reply.status for reply in replies)
    assert statuses == [201] + [409] * (TWINS - 1), {s: statuses.count(s) for s in set(statuses)}
    assert {r.body["error"]["code"] for r in replies if r.status == 409} == {"already_answered"}
    winner = next(r for r in replies if r.status == 201)
    rows = instance.database.rows(
        "SELECT id, status FROM surveys_response WHERE survey_id = %s", (survey["id"],)
    )
    assert rows == [(winner.body["id"], "submitted")]
    count = instance.database.rows(
        "SELECT COUNT(*) FROM surveys_answer WHERE response_id = %s", (winner.body["id"],)
    )
    assert count == [(3,)]
    print("\n" + _report("same invitation", replies))
