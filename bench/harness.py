"""The harness every benchmark uses: a throwaway production instance, its server, the load
driver, the table of ratios against the baseline, the common arguments and the JSON file.

    import harness

    def measure(instance, args):
        instance.prepare()                      # migrate, collectstatic, demo
        loaded = instance.python(SCRIPT, "10")  # a snippet in the instance's environment
        instance.serve(args.workers)            # `samspill serve` on a free port of 127.0.0.1
        results = instance.drive(rows, args)    # the baseline first, then each row
        print(harness.table(results))
        return 1 if harness.report_errors(results) else 0

    harness.run(measure, name="x", args=args)

`Server` also starts the server of the concurrency tests (tests/served.py). Only 127.0.0.1 is ever
contacted; the server is always stopped and the temporary directory removed (unless --keep).
Exit status of `run`: the body's, 2 when the instance could not be prepared or the server did not
come up (or died), 130 when interrupted. No Django here: the instance runs in its own processes.
"""

import argparse
import contextlib
import http.client
import json
import math
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
# The baseline: a minimal view with a fixed small answer, served by the same server and stack.
BASELINE = ("baseline", "/healthz/live")
COMPARE = "Compare the ratios within one run; absolute numbers vary with the machine's load."

HOST = "127.0.0.1"  # the only host this script ever talks to
SETUP_TIMEOUT = 600  # seconds for each of migrate / collectstatic / demo
STARTUP_TIMEOUT = 60  # seconds for /healthz to answer 200
REQUEST_TIMEOUT = 10  # seconds per socket operation
MAX_SECONDS = 300
MAX_CLIENTS = 256


class BenchError(Exception):
    """The instance could not be prepared, or the server did not come up or died."""


# --- The throwaway instance -----------------------------------------------------------------------


def samspill_command() -> list[str]:
    """`<venv>/bin/samspill` beside this interpreter, else `python -m samspill.cli`."""
    script = Path(sys.executable).parent / "samspill"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "samspill.cli"]


def instance_environment(tmpdir: Path) -> dict[str, str]:
    """A production-mode environment whose every file lives in `tmpdir`; the in-process snippets
    find bench/inprocess.py on the path."""
    env = dict(os.environ)
    # Settings that could point the instance at something outside the temporary directory.
    for name in ("REDIS_URL", "MEDIA_ROOT", "SITE_URL", "WEB_CONCURRENCY", "PYTEST_VERSION"):
        env.pop(name, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "samspill.settings",
            "SAMSPILL_ENV": "production",
            "SAMSPILL_VAR_DIR": str(tmpdir),
            "DATABASE_URL": f"sqlite:///{tmpdir / 'bench.sqlite3'}",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "DEBUG": "false",
            "EMAIL_URL": "console://",
            "STATIC_ROOT": str(tmpdir / "static"),
            "MEDIA_ROOT": str(tmpdir / "media"),
            "ACCESS_LOG": "/dev/null",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(BENCH_DIR), os.environ.get("PYTHONPATH", "")])
            ),
        }
    )
    return env


def run_setup(args: list[str], env: dict[str, str], cwd: Path) -> None:
    command = [*samspill_command(), *args]
    print(f"  samspill {' '.join(args)}", file=sys.stderr, flush=True)
    try:
        result = subprocess.run(
            command,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=SETUP_TIMEOUT,
        )
    except subprocess.TimeoutExpired as error:
        message = f"`samspill {' '.join(args)}` took longer than {SETUP_TIMEOUT} s"
        raise BenchError(message) from error
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise BenchError(
            f"`samspill {' '.join(args)}` failed with exit status {result.returncode}:\n"
            f"{tail(output)}"
        )


def run_python(script: str, env: dict[str, str], cwd: Path, *args: str) -> dict:
    """Run a snippet with this interpreter in the instance's environment; its last line is JSON."""
    try:
        result = subprocess.run(
            [sys.executable, "-c", script, *args],
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=SETUP_TIMEOUT,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"a snippet took longer than {SETUP_TIMEOUT} s") from error
    if result.returncode != 0:
        raise BenchError(
            f"a snippet failed ({result.returncode}):\n{tail(result.stdout + result.stderr)}"
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


class Server:
    """`samspill serve` as a subprocess in its own process group, always stopped by stop()."""

    def __init__(self, env: dict[str, str], cwd: Path, port: int, workers: int):
        self.port = port
        self.log_path = cwd / "server.log"
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        command = [
            *samspill_command(),
            "serve",
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            str(workers),
        ]
        self.process = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl+C in the terminal reaches us, and we stop it in order
        )

    def log_tail(self) -> str:
        try:
            self._log.flush()
            return tail(self.log_path.read_text(errors="replace"))
        except OSError:
            return "(no server log)"

    def alive(self) -> bool:
        return self.process.poll() is None

    def check_alive(self) -> None:
        if not self.alive():
            raise BenchError(
                f"the server exited with status {self.process.returncode} during the run; "
                f"its log ends:\n{self.log_tail()}"
            )

    def wait_until_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last = "no answer yet"
        while time.monotonic() < deadline:
            if not self.alive():
                raise BenchError(
                    f"the server exited with status {self.process.returncode} before /healthz "
                    f"answered; its log ends:\n{self.log_tail()}"
                )
            connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
            try:
                connection.request("GET", "/healthz")
                response = connection.getresponse()
                body = response.read()
                if response.status == 200:
                    return
                last = f"HTTP {response.status}: {body[:200]!r}"
            except OSError as error:
                last = f"{type(error).__name__}: {error}"
            finally:
                connection.close()
            time.sleep(0.25)
        raise BenchError(
            f"/healthz did not answer 200 within {timeout:.0f} s (last: {last}); "
            f"the server log ends:\n{self.log_tail()}"
        )

    def stop(self) -> None:
        """SIGTERM to the server's process group (gunicorn's graceful stop), SIGKILL if it hangs."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=20)
        # Whatever is left of the group (a gunicorn worker that did not stop) is killed.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        if self.process.poll() is None:
            self.process.wait(timeout=10)
        self._log.close()


# --- The load -------------------------------------------------------------------------------------

RETRYABLE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class Client(threading.Thread):
    """One keep-alive connection that requests `path` in a loop until `end`.

    Requests that start before `measure_from` warm the server up and are not recorded. A GET by
    default; with `bodies` (a callable giving each request's JSON body) a POST, and `outcome`
    names each successful answer from its body (counted in `outcomes`).
    """

    def __init__(
        self,
        port: int,
        path: str,
        start: threading.Barrier,
        measure_from,
        end,
        bodies: Callable[[], dict] | None = None,
        outcome: Callable[[bytes], str] | None = None,
    ):
        super().__init__(daemon=True)
        self.port = port
        self.path = path
        self.bodies = bodies
        self.outcome = outcome
        self.outcomes: dict[str, int] = {}
        self.start_barrier = start
        self.measure_from = measure_from  # a one-item list, filled in after the barrier
        self.end = end
        self.latencies: list[float] = []  # seconds, successful and failed requests alike
        self.ok = 0
        self.errors = 0
        self.reconnects = 0
        self.error_samples: dict[str, int] = {}
        self.last_finish = 0.0

    def _connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)

    def _error(self, kind: str) -> None:
        self.errors += 1
        self.error_samples[kind] = self.error_samples.get(kind, 0) + 1

    def run(self) -> None:
        connection = self._connection()
        used = False  # whether this connection has served a request (a keep-alive reuse)
        if self.bodies is None:
            method = "GET"
            headers = {
                "Accept": "text/html,application/json;q=0.9,*/*;q=0.8",
                "User-Agent": "bench",
            }
        else:
            method = "POST"
            headers = {"Content-Type": "application/json", "Accept": "application/json"}
        try:
            self.start_barrier.wait(timeout=30)
        except threading.BrokenBarrierError:
            return
        while True:
            started = time.perf_counter()
            if started >= self.end[0]:
                break
            status = None
            failure = None
            body = None if self.bodies is None else json.dumps(self.bodies()).encode()
            payload = b""
            for attempt in (1, 2):
                try:
                    connection.request(method, self.path, body=body, headers=headers)
                    response = connection.getresponse()
                    payload = response.read()
                    status = response.status
                    used = not response.will_close
                    if response.will_close:
                        connection.close()
                        connection = self._connection()
                    break
                except RETRYABLE as error:
                    connection.close()
                    connection = self._connection()
                    # The server may close an idle keep-alive connection at any time; a browser
                    # retries once on a fresh one, and so do we. A fresh connection failing is real.
                    if used and attempt == 1:
                        used = False
                        self.reconnects += 1
                        continue
                    failure = f"{type(error).__name__}"
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
                continue  # warm-up
            self.latencies.append(finished - started)
            if failure is not None:
                self._error(failure)
            elif 200 <= status < 300:
                self.ok += 1
                if self.outcome is not None:
                    kind = self.outcome(payload)
                    self.outcomes[kind] = self.outcomes.get(kind, 0) + 1
            else:
                self._error(f"HTTP {status}")
        connection.close()


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list (NaN when empty)."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def drive(
    port: int,
    name: str,
    path: str,
    clients: int,
    seconds: float,
    warmup: float,
    bodies: Callable[[], dict] | None = None,
    outcome: Callable[[bytes], str] | None = None,
) -> dict:
    """`clients` connections request `path` for `warmup` + `seconds`; the measured figures.
    With `bodies`, POSTs (see Client), and `outcomes` counts each successful answer's kind."""
    barrier = threading.Barrier(clients + 1)
    measure_from = [math.inf]
    end = [math.inf]
    threads = [
        Client(port, path, barrier, measure_from, end, bodies, outcome) for _ in range(clients)
    ]
    # The times are set before the barrier releases anyone, so no client sees the placeholders.
    for thread in threads:
        thread.start()
    now = time.perf_counter()
    measure_from[0] = now + warmup
    end[0] = now + warmup + seconds
    barrier.wait(timeout=30)
    # Every client stops starting requests at `end`; one in flight ends within REQUEST_TIMEOUT.
    for thread in threads:
        thread.join(timeout=max(0.0, end[0] - time.perf_counter()) + 2 * REQUEST_TIMEOUT + 5)
    stuck = sum(thread.is_alive() for thread in threads)
    latencies = sorted(value for thread in threads for value in thread.latencies)
    ok = sum(thread.ok for thread in threads)
    errors = sum(thread.errors for thread in threads) + stuck
    samples: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    for thread in threads:
        for kind, count in thread.error_samples.items():
            samples[kind] = samples.get(kind, 0) + count
        for kind, count in thread.outcomes.items():
            outcomes[kind] = outcomes.get(kind, 0) + count
    if stuck:
        samples["client still waiting after the time limit"] = stuck
    finish = max([thread.last_finish for thread in threads] + [end[0]])
    elapsed = max(finish - measure_from[0], 1e-9)
    return {
        "name": name,
        "path": path if bodies is None else f"POST {path}",
        "requests": len(latencies),
        "ok": ok,
        "errors": errors,
        "error_kinds": samples,
        **({"outcomes": outcomes} if outcome is not None else {}),
        "reconnects": sum(thread.reconnects for thread in threads),
        "seconds": round(elapsed, 3),
        "rps": ok / elapsed,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
    }


# --- Output ---------------------------------------------------------------------------------------


def ratio(value: float, base: float) -> float:
    if not base or math.isnan(value) or math.isnan(base):
        return math.nan
    return value / base


def fmt(value: float, digits: int = 1) -> str:
    return "-" if math.isnan(value) else f"{value:.{digits}f}"


def table(results: list[dict]) -> str:
    base = results[0]
    header = ["url", "path", "rps", "p50 ms", "p95 ms", "p99 ms", "errors", "vs baseline"]
    rows = [header]
    for result in results:
        rps_ratio = ratio(result["rps"], base["rps"])
        p50_ratio = ratio(result["p50_ms"], base["p50_ms"])
        result["rps_ratio"] = rps_ratio
        result["p50_ratio"] = p50_ratio
        rows.append(
            [
                result["name"],
                result["path"],
                fmt(result["rps"]),
                fmt(result["p50_ms"], 2),
                fmt(result["p95_ms"], 2),
                fmt(result["p99_ms"], 2),
                str(result["errors"]),
                f"{fmt(rps_ratio, 2)}x rps, {fmt(p50_ratio, 1)}x p50",
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    numeric = {2, 3, 4, 5, 6}
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def json_safe(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_safe(item) for item in value]
    return value


def report_errors(results: list[dict]) -> bool:
    """Print each row's errors to standard error; whether there were any."""
    failed = [result for result in results if result["errors"]]
    for result in failed:
        kinds = ", ".join(f"{kind}: {count}" for kind, count in result["error_kinds"].items())
        print(f"ERRORS on {result['path']}: {kinds}", file=sys.stderr)
    return bool(failed)


def load_summary(args: argparse.Namespace) -> str:
    """How the rows were driven, for a benchmark's first line."""
    return (
        f"{args.workers} workers, {args.clients} clients, {args.seconds:g} s per row after "
        f"{args.warmup:g} s warm-up"
    )


def machine() -> str:
    return f"{os.cpu_count()} CPUs, Python {platform.python_version()}"


def write_json(path: str | None, args: argparse.Namespace, **sections) -> None:
    """The run's configuration (every argument but --json and --keep, and the machine) and
    `sections` as JSON, when --json asked for it."""
    if not path:
        return
    config = {k: v for k, v in vars(args).items() if k not in {"json", "keep", "pages", "url"}}
    config |= {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    document = {"config": config, "baseline": BASELINE[1], **sections}
    Path(path).write_text(json.dumps(json_safe(document), indent=2) + "\n")
    print(f"Wrote {path}", file=sys.stderr)


# --- PostgreSQL and Redis ------------------------------------------------------------------------


class Postgres:
    """Throwaway databases on a PostgreSQL server (`url` without a database name), created by a
    benchmark and dropped by `drop_all()`."""

    def __init__(self, url: str):
        self.url = url
        self.created: list[str] = []

    def _admin(self):
        import psycopg

        return psycopg.connect(self.url_for("postgres"), autocommit=True)

    def url_for(self, name: str) -> str:
        parts = urlsplit(self.url)
        return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))

    def create(self, name: str) -> str:
        with self._admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return self.url_for(name)

    def size(self, name: str) -> int:
        with self._admin() as connection:
            return connection.execute("SELECT pg_database_size(%s)", (name,)).fetchone()[0]

    def drop_all(self) -> None:
        with self._admin() as connection:
            for name in self.created:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def flush_redis(url: str) -> None:
    """Empty the Redis database of `url` (a benchmark's own number, before and after a run)."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).flushdb()
    except Exception as error:
        raise BenchError(f"Redis at {url}: {error}") from error


# --- The run --------------------------------------------------------------------------------------


class Instance:
    """The throwaway production instance of one run, in its own temporary directory."""

    def __init__(self, tmpdir: Path, env: dict[str, str] | None = None):
        self.tmpdir = tmpdir
        self.env = instance_environment(tmpdir) | (env or {})
        self.server: Server | None = None
        self.port: int | None = None

    def prepare(self) -> None:
        """migrate, collectstatic and the demo hub."""
        print(f"Preparing a production instance in {self.tmpdir}", file=sys.stderr, flush=True)
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["demo"]):
            run_setup(command, self.env, self.tmpdir)

    def python(self, script: str, *args: str) -> dict:
        return run_python(script, self.env, self.tmpdir, *args)

    def serve(self, workers: int) -> None:
        self.port = free_port()
        self.env["SITE_URL"] = f"http://{HOST}:{self.port}"
        print(
            f"Starting samspill serve on {HOST}:{self.port} with {workers} workers",
            file=sys.stderr,
            flush=True,
        )
        self.server = Server(self.env, self.tmpdir, self.port, workers)
        self.server.wait_until_healthy(STARTUP_TIMEOUT)

    def drive(self, rows: list[tuple[str, str]], args: argparse.Namespace) -> list[dict]:
        """The baseline, then each (name, path) row, under --clients for --seconds each."""
        results = []
        for name, path in [BASELINE, *rows]:
            self.server.check_alive()
            print(
                f"  {name} {path}: {args.clients} clients, {args.warmup:g} s warm-up + "
                f"{args.seconds:g} s",
                file=sys.stderr,
                flush=True,
            )
            results.append(drive(self.port, name, path, args.clients, args.seconds, args.warmup))
        self.server.check_alive()
        return results

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


def run(
    body: Callable[[Instance], int],
    *,
    name: str,
    args: argparse.Namespace,
    env: dict[str, str] | None = None,
) -> int:
    """Run `body` with a fresh instance; stop its server and remove it whatever happens."""

    # A SIGTERM (from make, CI or a terminal closing) unwinds like Ctrl+C, so the server is stopped.
    def on_sigterm(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)
    # Ctrl+C as well, even where the shell started us with SIGINT ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)

    instance = Instance(Path(tempfile.mkdtemp(prefix=f"samspill-bench-{name}-")), env)
    try:
        return body(instance)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bench: interrupted; stopping the server", file=sys.stderr)
        return 130
    finally:
        instance.stop()
        if args.keep:
            print(f"Kept {instance.tmpdir}", file=sys.stderr)
        else:
            shutil.rmtree(instance.tmpdir, ignore_errors=True)


# --- Command line ---------------------------------------------------------------------------------


def arguments(description: str, *, load: bool = True) -> argparse.ArgumentParser:
    """The arguments every benchmark takes: --json and --keep, and with `load` the load driver's
    --seconds, --warmup, --clients and --workers. A script adds its own before `parse`."""
    parser = argparse.ArgumentParser(description=description)
    if load:
        parser.add_argument(
            "--seconds", type=float, default=10.0, help="measured time per row (10)"
        )
        parser.add_argument(
            "--warmup", type=float, default=1.0, help="unmeasured warm-up per row (1)"
        )
        parser.add_argument("--clients", type=int, default=8, help="concurrent client threads (8)")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (2)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (database, server log)"
    )
    return parser


def parse(
    parser: argparse.ArgumentParser, argv: list[str] | None, **ranges: tuple[int, int]
) -> argparse.Namespace:
    """Parse and check the common arguments, and each `name=(low, high)` integer range."""
    args = parser.parse_args(argv)
    if hasattr(args, "seconds"):
        if not 0 < args.seconds <= MAX_SECONDS:
            parser.error(f"--seconds must be more than 0 and at most {MAX_SECONDS}")
        if not 0 <= args.warmup <= 60:
            parser.error("--warmup must be between 0 and 60")
        ranges = {"clients": (1, MAX_CLIENTS), "workers": (1, 32), **ranges}
    for name, (low, high) in ranges.items():
        if not low <= getattr(args, name) <= high:
            option = "--" + name.replace("_", "-")
            parser.error(f"{option} must be between {low:,} and {high:,}")
    return args
