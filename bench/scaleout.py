"""The scale-out profile, run as a whole: `make scaleout` (and a step of .ci/run).

    python bench/scaleout.py [--ports 8141,8142] [--redis-url redis://127.0.0.1:6379/5]
                             [--postgres postgres://postgres@127.0.0.1:5432] [--keep]

It starts what the README's "Production" section describes for more than one machine, on this one:

- SAMSPILL_ENV=production with a fresh PostgreSQL database (`scaleout_<random>`, dropped at the
  end), `samspill migrate` + `collectstatic` + `demo`;
- REDIS_URL for the cache, the sessions and the rate limits (the Redis database given, emptied at
  the start and the end);
- email through SMTP to a sink this script listens with (it counts what the workers deliver);
- TWO app servers (`samspill serve`, gunicorn) on two ports, and TWO `samspill worker`s.

Then, against both servers (the tests' `SAMSPILL_TARGETS`: every request goes to the servers in
turn, so a session or a count written through one is read through the other):

1. /healthz on each server: database and cache answer, both workers seen;
2. a rate limit is shared by the two servers through Redis: `surveys.respond` at 6/h, twelve
   requests alternating between the servers, exactly six pass (and the counter is in Redis, not
   in the database table);
3. the events and ideas concurrency tests (tests/events/test_concurrency.py: 200 simultaneous
   registrations for 50 seats, and more; tests/ideas/test_concurrency.py: 200 people and one
   person 20 times support one idea) and the walk of every role in production mode
   (tests/walk/test_walk.py), through pytest;
4. the task queue drains: the workers sent every email the registrations asked for, and both
   workers took tasks;
5. requests per second against one app server, then against both (the same number of clients).

It prints a summary, exits 1 when anything failed (2 when the profile could not be set up), and
always stops every process it started, drops its database and empties its Redis database.
"""

import argparse
import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import harness
from harness import HOST, BenchError, Server, drive, run_setup, samspill_command

ROOT = harness.BENCH_DIR.parent
RATE_LIMIT_SCOPE = "surveys.respond"
RATE_LIMIT = 6
TESTS = [
    "tests/events/test_concurrency.py",
    "tests/ideas/test_concurrency.py",
    "tests/walk/test_walk.py",
]
TEST_TIMEOUT = 900


# --- An SMTP sink: the workers' emails arrive here ------------------------------------------------


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())
        self.wfile.flush()

    def handle(self) -> None:
        self.reply("220 scaleout sink")
        recipients: list[str] = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.reply("250-scaleout")
                self.reply("250 8BITMIME")
            elif verb in {"HELO", "NOOP"}:
                self.reply("250 ok")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 ok")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[-1].strip(" <>"))
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 end with .")
                while self.rfile.readline() not in (b".\r\n", b".\n", b""):
                    pass
                self.server.received(recipients)
                self.reply("250 queued")
            elif verb == "RSET":
                recipients = []
                self.reply("250 ok")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


class SMTPSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__((HOST, 0), _SMTPHandler)
        self.lock = threading.Lock()
        self.messages = 0
        self.recipients: set[str] = set()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def received(self, recipients: list[str]) -> None:
        with self.lock:
            self.messages += 1
            self.recipients.update(r.lower() for r in recipients)


# --- The profile ----------------------------------------------------------------------------------


def bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def get_json(port: int, path: str) -> tuple[int, dict | None]:
    connection = http.client.HTTPConnection(HOST, port, timeout=15)
    try:
        connection.request("GET", path, headers={"Accept": "application/json"})
        response = connection.getresponse()
        raw = response.read()
        try:
            return response.status, json.loads(raw)
        except ValueError:
            return response.status, None
    finally:
        connection.close()


def post_json(port: int, path: str, body: dict) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=15)
    try:
        connection.request(
            "POST",
            path,
            body=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


class Profile:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.tmpdir = Path(tempfile.mkdtemp(prefix="samspill-scaleout-"))
        server = urlsplit(args.postgres)
        self.pg = {
            "host": server.hostname or "127.0.0.1",
            "port": server.port or 5432,
            "user": server.username or "postgres",
            "password": server.password,
        }
        self.db_name = f"scaleout_{secrets.token_hex(4)}"
        self.db_created = False
        self.redis_url = args.redis_url
        self.sink = SMTPSink()
        self.servers: list[Server] = []
        self.workers: list[subprocess.Popen] = []
        self.worker_logs: list = []
        self.ports = self._ports(args.ports)
        self.env = self._environment()
        self.failures: list[str] = []
        self.summary: list[str] = []
        self.timings: list[tuple[str, float]] = []

    # --- setup --------------------------------------------------------------------------------

    def _ports(self, wanted: str) -> list[int]:
        ports = []
        for text in wanted.split(","):
            port = int(text)
            if not bindable(port):
                replacement = harness.free_port()
                print(f"port {port} is taken; using {replacement}", file=sys.stderr)
                port = replacement
            ports.append(port)
        if len(ports) < 2:
            raise BenchError("--ports needs two ports (two app servers)")
        return ports

    def _environment(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"PYTEST_VERSION", "WEB_CONCURRENCY", "SAMSPILL_TARGETS"}
            and not key.startswith(("S3_", "AWS_"))
        }
        password = f":{self.pg['password']}" if self.pg["password"] else ""
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "samspill.settings",
                "SAMSPILL_ENV": "production",
                "SAMSPILL_VAR_DIR": str(self.tmpdir),
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": f"{HOST},localhost",
                "DEBUG": "false",
                "DATABASE_URL": (
                    f"postgres://{self.pg['user']}{password}@{self.pg['host']}:{self.pg['port']}"
                    f"/{self.db_name}"
                ),
                "REDIS_URL": self.redis_url,
                "EMAIL_URL": f"smtp://{HOST}:{self.sink.port}",
                # The test's client speaks plain HTTP to the app servers (nothing is in front).
                "SECURE_SSL_REDIRECT": "false",
                "SITE_URL": f"http://{HOST}:{self.ports[0]}",
                "STATIC_ROOT": str(self.tmpdir / "static"),
                "MEDIA_ROOT": str(self.tmpdir / "media"),
                # The load comes from one address: lift the limits it meets, keep one to check.
                "SAMSPILL_RATE_LIMITS": (
                    f"events.register=100000/h,events.confirm=100000/h,"
                    f"{RATE_LIMIT_SCOPE}={RATE_LIMIT}/h"
                ),
                "TASKS_HEARTBEAT_INTERVAL": "2",
                "ACCESS_LOG": "/dev/null",
                "LOG_LEVEL": "WARNING",
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    def _pg_admin(self):
        import psycopg

        return psycopg.connect(**self.pg, dbname="postgres", autocommit=True, connect_timeout=5)

    def _redis(self):
        import redis

        return redis.Redis.from_url(self.redis_url, socket_connect_timeout=3)

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        import psycopg

        with psycopg.connect(**self.pg, dbname=self.db_name) as connection:
            return connection.execute(sql, params).fetchall()

    def timed(self, label: str, started: float) -> None:
        seconds = time.perf_counter() - started
        self.timings.append((label, seconds))
        print(f"  {label}: {seconds:.1f} s", file=sys.stderr, flush=True)

    def check(self, ok: bool, what: str) -> bool:
        line = f"{'ok  ' if ok else 'FAIL'} {what}"
        self.summary.append(line)
        print(line, flush=True)
        if not ok:
            self.failures.append(what)
        return ok

    def set_up(self) -> None:
        started = time.perf_counter()
        try:
            with self._pg_admin() as connection:
                connection.execute(f'CREATE DATABASE "{self.db_name}"')
            self.db_created = True
        except Exception as error:
            raise BenchError(f"PostgreSQL at {self.args.postgres}: {error}") from error
        try:
            self._redis().flushdb()
        except Exception as error:
            raise BenchError(f"Redis at {self.redis_url}: {error}") from error
        # collectstatic needs no database: it runs beside migrate and the demo.
        static = subprocess.Popen(
            [*samspill_command(), "collectstatic", "--noinput", "-v", "0"],
            env=self.env,
            cwd=self.tmpdir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            run_setup(["migrate", "--noinput"], self.env, self.tmpdir)
            self.timed("migrate (collectstatic beside it)", started)
            step = time.perf_counter()
            run_setup(["demo"], self.env, self.tmpdir)
            self.timed("demo", step)
        finally:
            output, _ = static.communicate(timeout=harness.SETUP_TIMEOUT)
        if static.returncode != 0:
            raise BenchError(f"collectstatic failed:\n{harness.tail(output.decode())}")
        self.timed("fresh database ready (migrate, demo, collectstatic)", started)

        started = time.perf_counter()
        for number, port in enumerate(self.ports, start=1):
            directory = self.tmpdir / f"server-{number}"
            directory.mkdir()
            self.servers.append(Server(self.env, directory, port, workers=self.args.workers))
        for number in (1, 2):
            log = open(self.tmpdir / f"worker-{number}.log", "wb")  # noqa: SIM115 - closed in stop
            self.worker_logs.append(log)
            self.workers.append(
                subprocess.Popen(
                    [*samspill_command(), "worker", "--interval", "0.2"],
                    env=self.env,
                    cwd=self.tmpdir,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        for server in self.servers:
            server.wait_until_healthy(harness.STARTUP_TIMEOUT)
        self.timed("two app servers and two workers up", started)

    # --- the checks ---------------------------------------------------------------------------

    def check_health(self) -> None:
        deadline = time.monotonic() + 20
        reports = {}
        while time.monotonic() < deadline:
            reports = {port: get_json(port, "/healthz") for port in self.ports}
            if all(
                status == 200 and (body or {}).get("tasks", {}).get("workers_seen") == 2
                for status, body in reports.values()
            ):
                break
            time.sleep(0.5)
        for port, (status, body) in reports.items():
            body = body or {}
            self.check(
                status == 200
                and body.get("database") == "ok"
                and body.get("cache") == "ok"
                and body.get("tasks", {}).get("workers_seen") == 2,
                f"/healthz on :{port} answers {status}: database {body.get('database')}, cache "
                f"{body.get('cache')}, workers seen {body.get('tasks', {}).get('workers_seen')}",
            )

    def check_shared_rate_limit(self) -> None:
        status, body = get_json(self.ports[0], "/api/v1/surveys")
        items = (body or {}).get("items") if isinstance(body, dict) else body
        if status != 200 or not items:
            self.check(
                False,
                f"a published survey for the rate limit check (GET /api/v1/surveys: {status})",
            )
            return
        path = f"/api/v1/surveys/{items[0]['slug']}/responses"
        attempts = 2 * RATE_LIMIT
        statuses = [post_json(self.ports[n % 2], path, {"answers": {}}) for n in range(attempts)]
        passed = [s for s in statuses if s != 429]
        in_redis = len(list(self._redis().scan_iter("samspill:*:rl:*")))
        in_database = self.rows("SELECT COUNT(*) FROM core_ratelimitcounter")[0][0]
        self.check(
            len(passed) == RATE_LIMIT
            and statuses[RATE_LIMIT:] == [429] * RATE_LIMIT
            and all(s < 500 for s in statuses)
            and in_redis >= 1
            and in_database == 0,
            f"rate limit {RATE_LIMIT_SCOPE}={RATE_LIMIT}/h shared by both servers: "
            f"{attempts} requests alternating between them, {len(passed)} passed, "
            f"{statuses.count(429)} refused (429); counters in Redis {in_redis}, in the "
            f"database {in_database}",
        )

    def run_tests(self) -> None:
        started = time.perf_counter()
        env = dict(self.env)
        env["SAMSPILL_TARGETS"] = ",".join(f"http://{HOST}:{port}" for port in self.ports)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-s",
            "--no-header",
            "-o",
            "console_output_style=classic",
            *TESTS,
        ]
        print(f"  SAMSPILL_TARGETS={env['SAMSPILL_TARGETS']} pytest {' '.join(TESTS)}", flush=True)
        try:
            result = subprocess.run(
                command,
                env=env,
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=TEST_TIMEOUT,
            )
            output, code = result.stdout + result.stderr, result.returncode
        except subprocess.TimeoutExpired as error:
            output, code = f"{error.stdout or ''}\npytest took longer than {TEST_TIMEOUT} s", 1
        self.timed("concurrency tests and walk against both servers", started)
        keep = (
            "registrations",
            "cancellations",
            "same address",
            "simultaneous supports",
            "walk ",
            "requests per server",
            "passed",
            "failed",
            "error",
            "FAILED",
            "ERROR",
        )
        for line in output.splitlines():
            if any(word in line for word in keep):
                print(f"    {line.strip().lstrip('.')[:220]}")
        if code != 0:
            print(harness.tail(output, 80))
        last = [line for line in output.splitlines() if line.strip()][-1:] or ["(no output)"]
        self.check(code == 0, f"pytest against both servers: {last[0].strip()}")

    def check_counts(self) -> None:
        """What the concurrency tests left in the database, counted again here."""
        rows = self.rows(
            "SELECT r.status, COUNT(*), COUNT(DISTINCT LOWER(r.email)) FROM events_registration r "
            "JOIN events_event e ON e.id = r.event_id WHERE e.title = 'Rush' GROUP BY r.status"
        )
        counts = {status: count for status, count, _distinct in rows}
        total = sum(counts.values())
        distinct = self.rows(
            "SELECT COUNT(DISTINCT LOWER(r.email)) FROM events_registration r "
            "JOIN events_event e ON e.id = r.event_id WHERE e.title = 'Rush'"
        )[0][0]
        capacity = self.rows("SELECT capacity FROM events_event WHERE title = 'Rush'")
        capacity = capacity[0][0] if capacity else None
        self.check(
            total == 200 and distinct == 200 and counts.get("confirmed") == capacity,
            f"events: 200 simultaneous registrations across both servers for {capacity} seats "
            f"(then 10 cancellations at once): confirmed {counts.get('confirmed', 0)}, "
            f"waitlisted {counts.get('waitlisted', 0)}, cancelled {counts.get('cancelled', 0)}, "
            f"{distinct} distinct people, no duplicates",
        )
        ideas = self.rows(
            "SELECT i.support_count, COUNT(s.id), COUNT(DISTINCT s.user_id) FROM ideas_idea i "
            "JOIN projects_programme p ON p.id = i.programme_id "
            "JOIN ideas_ideasupport s ON s.idea_id = i.id "
            "WHERE p.slug = 'idestotte' GROUP BY i.id, i.support_count"
        )
        support_count, supports, people = ideas[0] if ideas else (None, 0, 0)
        self.check(
            support_count == supports == people == 201,
            f"ideas: 200 people at once plus one person 20 times at once, across both servers: "
            f"support count {support_count}, {supports} supports by {people} people",
        )

    def check_queue_drained(self) -> None:
        deadline = time.monotonic() + 90
        tasks = {}
        while time.monotonic() < deadline:
            status, body = get_json(self.ports[1], "/healthz")
            tasks = (body or {}).get("tasks", {})
            if status == 200 and tasks.get("ready") == 0 and tasks.get("running") == 0:
                break
            time.sleep(0.5)
        failed, workers = self.rows(
            "SELECT COUNT(*) FILTER (WHERE status = 'FAILED'), "
            "COUNT(DISTINCT worker_ids ->> 0) FILTER (WHERE status = 'SUCCESSFUL') "
            "FROM django_tasks_database_dbtaskresult"
        )[0]
        registrations = self.rows(
            "SELECT COUNT(DISTINCT LOWER(email)) FROM events_registration "
            "WHERE LOWER(email) LIKE 'deltaker%%@example.org'"
        )[0][0]
        reached = sum(1 for r in self.sink.recipients if r.startswith("deltaker"))
        self.check(
            tasks.get("ready") == 0
            and tasks.get("running") == 0
            and failed == 0
            and workers == 2
            and registrations > 0
            and reached == registrations,
            f"task queue drained (ready {tasks.get('ready')}, running {tasks.get('running')}, "
            f"failed {failed}); tasks done by {workers} workers; {self.sink.messages} emails "
            f"through SMTP, reaching {reached} of {registrations} registered guests",
        )

    def measure(self) -> None:
        started = time.perf_counter()
        clients, seconds, warmup = self.args.clients, self.args.seconds, 1.0
        lines = []
        for name, path in [("baseline", "/healthz/live"), ("home page", "/")]:
            one = drive(self.ports[0], name, path, clients, seconds, warmup)
            both: list[dict] = [{}, {}]

            def half(index: int, name=name, path=path, both=both) -> None:
                both[index] = drive(self.ports[index], name, path, clients // 2, seconds, warmup)

            threads = [threading.Thread(target=half, args=(i,)) for i in (0, 1)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            rps_both = sum(result["rps"] for result in both)
            errors = one["errors"] + sum(result["errors"] for result in both)
            lines.append(
                f"{name} {path}: one server {one['rps']:.1f} rps (p50 {one['p50_ms']:.0f} ms), "
                f"both servers {rps_both:.1f} rps ({rps_both / max(one['rps'], 1e-9):.2f}x), "
                f"{clients} clients, {seconds:g} s each; errors {errors}"
            )
            self.check(errors == 0, f"no errors under load on {path}")
        self.timed("requests per second, one server against both", started)
        self.summary.extend(lines)
        for line in lines:
            print(f"  {line}")

    # --- teardown -----------------------------------------------------------------------------

    def stop(self) -> None:
        for server in self.servers:
            with contextlib.suppress(Exception):
                server.stop()
        for worker in self.workers:
            if worker.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(worker.pid, signal.SIGTERM)
        for worker in self.workers:
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.wait(timeout=15)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(worker.pid, signal.SIGKILL)
        for log in self.worker_logs:
            log.close()
        self.sink.shutdown()
        self.sink.server_close()
        if self.db_created:
            try:
                with self._pg_admin() as connection:
                    connection.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
            except Exception as error:
                print(f"could not drop {self.db_name}: {error}", file=sys.stderr)
        with contextlib.suppress(Exception):
            self._redis().flushdb()
        if self.args.keep:
            print(f"kept {self.tmpdir} (server and worker logs)", file=sys.stderr)
        else:
            shutil.rmtree(self.tmpdir, ignore_errors=True)

    def logs(self) -> str:
        parts = [f"server :{server.port}:\n{server.log_tail()}" for server in self.servers]
        for number in (1, 2):
            path = self.tmpdir / f"worker-{number}.log"
            if path.exists():
                parts.append(f"worker {number}:\n{harness.tail(path.read_text(errors='replace'))}")
        return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ports", default=os.environ.get("SCALEOUT_PORTS", "8141,8142"))
    parser.add_argument(
        "--redis-url", default=os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/5")
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("SCALEOUT_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument("--clients", type=int, default=16, help="for the requests per second")
    parser.add_argument("--seconds", type=float, default=4.0, help="per measurement")
    parser.add_argument("--keep", action="store_true", help="keep the logs' directory")
    args = parser.parse_args(argv)

    def on_sigterm(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)
    began = time.perf_counter()
    profile = None
    try:
        profile = Profile(args)
        print(
            f"Scale-out profile: PostgreSQL database {profile.db_name}, Redis {args.redis_url}, "
            f"app servers on :{profile.ports[0]} and :{profile.ports[1]}, two workers",
            flush=True,
        )
        profile.set_up()
        profile.check_health()
        profile.check_shared_rate_limit()
        profile.run_tests()
        profile.check_counts()
        profile.check_queue_drained()
        profile.measure()
        for server in profile.servers:
            profile.check(server.alive(), f"app server :{server.port} still running at the end")
        for number, worker in enumerate(profile.workers, start=1):
            profile.check(worker.poll() is None, f"worker {number} still running at the end")
    except BenchError as error:
        print(f"scaleout: {error}", file=sys.stderr)
        if profile is not None:
            print(profile.logs(), file=sys.stderr)
        code = 2
    except KeyboardInterrupt:
        print("scaleout: interrupted", file=sys.stderr)
        code = 130
    else:
        code = 1 if profile.failures else 0
        if code:
            print(profile.logs(), file=sys.stderr)
    finally:
        if profile is not None:
            profile.stop()
    total = time.perf_counter() - began
    if profile is not None:
        print("\n=== scale-out summary")
        for line in profile.summary:
            print(line)
        for label, seconds in profile.timings:
            print(f"time: {label}: {seconds:.1f} s")
    print(f"time: total {total:.1f} s; {'PASSED' if code == 0 else 'FAILED'}")
    return code


if __name__ == "__main__":
    sys.exit(main())
