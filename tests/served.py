"""A real server for concurrency tests: a fresh database of its own, `samspill serve`, and
requests fired at once.

`served(tmp_path_factory, name, setup_script)` builds the database (SQLite: a file in a temporary
directory; PostgreSQL, when the suite runs on it: a temporary database on the same server),
migrates it with `samspill migrate` (once per test process; later instances start from a copy),
runs the test's setup script in the server's environment,
serves it with gunicorn (2 worker processes, 4 threads each; the benchmarks' `bench/harness.Server`,
so both start and stop a server the same way), and yields the `Instance`: its
`prepared` data, `at_once()` to release many requests together from a barrier, `request()` for
one, and `database.rows()` to read what the server wrote through a connection of its own.

Against servers that run elsewhere: with `SAMSPILL_TARGETS=http://127.0.0.1:8141,http://…:8142`
(the scale-out profile, bench/scaleout.py) no server is started. The test process then runs with
the targets' own settings (their DATABASE_URL, REDIS_URL), the setup script writes into their
database, `request()` goes to the first target and `at_once()` spreads its calls over all of
them in turn.
"""

import atexit
import http.client
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings

from bench.harness import HOST, STARTUP_TIMEOUT, BenchError, Server, free_port, samspill_command
from bench.harness import tail as _tail

SETUP_TIMEOUT = 180
REQUEST_TIMEOUT = 60

# Base URLs of servers started by someone else (bench/scaleout.py); empty: start our own.
TARGETS = [
    url.strip().rstrip("/")
    for url in os.environ.get("SAMSPILL_TARGETS", "").split(",")
    if url.strip()
]


def target_addresses() -> list[tuple[str, int]]:
    addresses = []
    for url in TARGETS:
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"SAMSPILL_TARGETS takes http://host:port URLs, not {url!r}")
        addresses.append((parts.hostname, parts.port or 80))
    return addresses


# --- The database ---------------------------------------------------------------------------------


class Database:
    """A fresh database for the server, and a direct connection to read it afterwards."""

    def __init__(self, tmpdir: Path | None, existing: bool = False):
        default = settings.DATABASES["default"]
        self.postgres = "postgresql" in default["ENGINE"]
        self.existing = existing  # the targets' database: neither created nor dropped here
        if existing and not self.postgres:
            self.path = Path(default["NAME"])
            self.url = f"sqlite:///{self.path}"
        elif self.postgres:
            self.server = {
                "host": default.get("HOST") or "127.0.0.1",
                "port": int(default.get("PORT") or 5432),
                "user": default.get("USER") or "postgres",
                "password": default.get("PASSWORD") or None,
            }
            self.name = (
                default["NAME"]
                if existing
                else f"samspill_conc_{os.getpid()}_{secrets.token_hex(3)}"
            )
            password = quote(self.server["password"] or "", safe="")
            auth = quote(self.server["user"], safe="") + (f":{password}" if password else "")
            self.url = f"postgres://{auth}@{self.server['host']}:{self.server['port']}/{self.name}"
        else:
            self.path = tmpdir / "concurrency.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def _admin(self):
        import psycopg

        return psycopg.connect(**self.server, dbname="postgres", autocommit=True)

    def create(self, template: "Database | None" = None) -> None:
        """An empty database, or a copy of `template` (a migrated one)."""
        if self.existing:
            return
        if self.postgres:
            with self._admin() as connection:
                if template is None:
                    connection.execute(f'CREATE DATABASE "{self.name}"')
                else:
                    connection.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{template.name}"')
        elif template is not None:
            source = sqlite3.connect(template.path)
            target = sqlite3.connect(self.path)
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()

    def drop(self) -> None:
        if self.postgres and not self.existing:
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
    def __init__(self, tmpdir: Path, database: Database, env: dict | None = None):
        self.tmpdir = tmpdir
        self.database = database
        self.port = free_port()
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
                **(env or {}),
            }
        )
        self.server: Server | None = None

    def address(self, index: int) -> tuple[str, int]:
        """Where call number `index` goes."""
        return HOST, self.port

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

    def prepare(self, setup_script: str, migrate: bool = True) -> dict:
        """Migrate (unless the database is a copy of a migrated one), then run `setup_script` in
        the server's environment; its last line of output is JSON (what the test needs to know
        of the data it made)."""
        if migrate:
            self.run([*samspill_command(), "migrate", "--noinput"])
        output = self.run([sys.executable, "-c", setup_script])
        return json.loads(output.strip().splitlines()[-1])

    def start(self) -> None:
        self.server = Server(self.env, self.tmpdir, self.port, workers=2)
        try:
            self.server.wait_until_healthy(STARTUP_TIMEOUT)
        except BenchError as error:
            pytest.fail(str(error))

    def log(self) -> str:
        return self.server.log_tail() if self.server else "(no server log)"

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()

    def request(
        self, method: str, path: str, body=None, timeout: float = REQUEST_TIMEOUT, headers=None
    ):
        connection = http.client.HTTPConnection(*self.address(0), timeout=timeout)
        try:
            headers = {"Accept": "application/json", **(headers or {})}
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

    def at_once(self, calls: list[tuple]) -> list[Reply]:
        """Every call, (method, path, body) or (method, path, body, headers), on its own
        connection, all released together; the replies in call order."""
        replies: list[Reply | None] = [None] * len(calls)
        barrier = threading.Barrier(len(calls))
        failures = []

        def one(index: int, method: str, path: str, body, extra=None) -> None:
            connection = http.client.HTTPConnection(*self.address(index), timeout=REQUEST_TIMEOUT)
            try:
                connection.connect()
                data = json.dumps(body).encode() if body is not None else None
                headers = {
                    "Accept": "application/json",
                    "Content-Type": "application/json",
                    **(extra or {}),
                }
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


class Targets(Instance):
    """Servers that run already (`SAMSPILL_TARGETS`): nothing to start or stop; calls go to each
    target in turn, and setup scripts run with this process's environment (the targets')."""

    def __init__(self, tmpdir: Path):
        self.tmpdir = tmpdir
        self.database = Database(None, existing=True)
        self.addresses = target_addresses()
        self.port = self.addresses[0][1]
        self.env = {key: value for key, value in os.environ.items() if key != "PYTEST_VERSION"}
        self.server = None

    def address(self, index: int) -> tuple[str, int]:
        return self.addresses[index % len(self.addresses)]

    def start(self) -> None:
        pass

    def log(self) -> str:
        return f"(the servers at {', '.join(TARGETS)} keep their own logs)"


_migrated: list["Database"] = []


def _migrated_template(tmp_path_factory) -> "Database":
    """One migrated database per test process, copied for each served instance: migrating is most
    of a server's setup time (the concurrency tests share the worker of xdist group "server")."""
    if not _migrated:
        tmpdir = tmp_path_factory.mktemp("migrated")
        template = Database(tmpdir)
        template.create()
        atexit.register(template.drop)
        Instance(tmpdir, template).run([*samspill_command(), "migrate", "--noinput"])
        _migrated.append(template)
    return _migrated[0]


def served(tmp_path_factory, name: str, setup_script: str, env: dict | None = None):
    """A generator for a module-scoped fixture: the running instance, stopped and dropped after.
    `env` adds to or overrides the server's environment. With `SAMSPILL_TARGETS`, the instance
    is the targets (`env` is theirs already)."""
    started = time.perf_counter()
    if TARGETS:
        targets = Targets(tmp_path_factory.mktemp(name))
        targets.prepared = targets.prepare(setup_script, migrate=False)
        print(f"\n{name} data on {', '.join(TARGETS)}: {time.perf_counter() - started:.1f} s")
        yield targets
        return
    template = _migrated_template(tmp_path_factory)
    tmpdir = tmp_path_factory.mktemp(name)
    database = Database(tmpdir)
    database.create(template)
    server = None
    try:
        server = Instance(tmpdir, database, env)
        server.prepared = server.prepare(setup_script, migrate=False)
        server.start()
        print(f"\nmigrate, {name} data and server start: {time.perf_counter() - started:.1f} s")
        yield server
    finally:
        if server is not None:
            server.stop()
        database.drop()
