"""Load benchmark: samspill's pages against a minimal baseline, on a throwaway production instance.

    .venv/bin/python bench/load.py [--seconds 10] [--clients 8] [--workers 2] [--url /path ...]
                                   [--warmup 1] [--json results.json] [--keep]

It builds a production-mode hub on SQLite in a temporary directory (migrate, collectstatic, demo),
serves it with `samspill serve` on a free port of 127.0.0.1, then drives one URL at a time with
concurrent keep-alive clients for a fixed time, the baseline `/healthz/live` first. The table shows
requests/second, p50/p95/p99 latency and errors per URL, and each page's ratio to the baseline.
Only 127.0.0.1 is ever contacted; the server is always stopped at the end. bench/README.md tells
how to read the numbers and how to add a page.

Exit status: 0 all fine, 1 some URL had errors, 2 the instance could not be prepared or the server
did not come up (or died), 130 interrupted.
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
from pathlib import Path

# --- The pages under test -------------------------------------------------------------------------
# (name, path). Add a page here when an issue adds one: paths only, served by the demo hub.
PAGES = [
    ("home", "/"),
    ("organisations", "/organisasjoner/"),
    ("organisation", "/organisasjoner/brak/"),
    ("api organisations", "/api/v1/organisations"),
    ("api organisation", "/api/v1/organisations/brak"),
    ("knowledge index", "/kunnskap/"),
    ("topic", "/kunnskap/skatt-og-status/"),
    (
        "article",
        "/kunnskap/skatt-og-status/jeg-er-bade-selvstendig-naeringsdrivende-og-ansatt-hva-gjelder-for-meg/",
    ),
    ("guide result", "/kunnskap/selvstendig-ansatt-eller-begge/?svar=0"),
    ("question", "/sporsmal/?q=Hvordan+gi+ut+musikk+n%C3%A5%3F"),
    ("api answers", "/api/v1/answers?q=m%C3%A5+jeg+registrere+ENK"),
    ("api articles", "/api/v1/articles"),
    ("events", "/arrangementer/"),
    # The demo builds its events in a fixed order on a fresh instance: the second is Mustech
    # Norway's meetup in Oslo, three weeks ahead (samspill/demo/data/events.json).
    ("event", "/arrangementer/2/mustech-norway-treff-oslo/"),
    ("api events", "/api/v1/events"),
    ("api event", "/api/v1/events/2"),
]
# The baseline: a minimal view with a fixed small answer, served by the same server and stack.
BASELINE = ("baseline", "/healthz/live")
# --------------------------------------------------------------------------------------------------

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

    Requests that start before `measure_from` warm the server up and are not recorded.
    """

    def __init__(self, port: int, path: str, start: threading.Barrier, measure_from, end):
        super().__init__(daemon=True)
        self.port = port
        self.path = path
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
        headers = {"Accept": "text/html,application/json;q=0.9,*/*;q=0.8", "User-Agent": "bench"}
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
            for attempt in (1, 2):
                try:
                    connection.request("GET", self.path, headers=headers)
                    response = connection.getresponse()
                    response.read()
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
            else:
                self._error(f"HTTP {status}")
        connection.close()


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list (NaN when empty)."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def drive(port: int, name: str, path: str, clients: int, seconds: float, warmup: float) -> dict:
    barrier = threading.Barrier(clients + 1)
    measure_from = [math.inf]
    end = [math.inf]
    threads = [Client(port, path, barrier, measure_from, end) for _ in range(clients)]
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
    for thread in threads:
        for kind, count in thread.error_samples.items():
            samples[kind] = samples.get(kind, 0) + count
    if stuck:
        samples["client still waiting after the time limit"] = stuck
    finish = max([thread.last_finish for thread in threads] + [end[0]])
    elapsed = max(finish - measure_from[0], 1e-9)
    return {
        "name": name,
        "path": path,
        "requests": len(latencies),
        "ok": ok,
        "errors": errors,
        "error_kinds": samples,
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


# --- Command line ---------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark samspill's pages against a minimal baseline (bench/README.md).",
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="measured time per URL (10)")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured warm-up per URL (1)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads (8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (2)")
    parser.add_argument(
        "--url",
        action="append",
        metavar="PATH",
        help="bench only this path (or a name from PAGES); repeat for several. The baseline always "
        "runs first.",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (database, server log)"
    )
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be more than 0 and at most {MAX_SECONDS}")
    if not 0 <= args.warmup <= 60:
        parser.error("--warmup must be between 0 and 60")
    if not 1 <= args.clients <= MAX_CLIENTS:
        parser.error(f"--clients must be between 1 and {MAX_CLIENTS}")
    if not 1 <= args.workers <= 32:
        parser.error("--workers must be between 1 and 32")
    args.pages = select_pages(parser, args.url)
    return args


def select_pages(parser: argparse.ArgumentParser, wanted: list[str] | None) -> list[tuple]:
    if not wanted:
        return list(PAGES)
    by_name = dict(PAGES)
    by_path = {path: name for name, path in PAGES}
    pages = []
    for item in wanted:
        if item in by_name:
            page = (item, by_name[item])
        elif item.startswith("/") and not item.startswith("//"):
            # A path on the local server only: never a scheme or another host.
            page = (by_path.get(item, item), item)
        else:
            parser.error(f"--url takes a path starting with / or a name from PAGES, not {item!r}")
        if page[1] != BASELINE[1] and page not in pages:
            pages.append(page)
    return pages


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    # A SIGTERM (from make, CI or a terminal closing) unwinds like Ctrl+C, so the server is stopped.
    def on_sigterm(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)
    # Ctrl+C as well, even where the shell started us with SIGINT ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)

    tmpdir = Path(tempfile.mkdtemp(prefix="samspill-bench-"))
    server = None
    results: list[dict] = []
    try:
        env = instance_environment(tmpdir)
        print(f"Preparing a production instance in {tmpdir}", file=sys.stderr, flush=True)
        run_setup(["migrate", "--noinput"], env, tmpdir)
        run_setup(["collectstatic", "--noinput"], env, tmpdir)
        run_setup(["demo"], env, tmpdir)

        port = free_port()
        env["SITE_URL"] = f"http://{HOST}:{port}"
        print(
            f"Starting samspill serve on {HOST}:{port} with {args.workers} workers",
            file=sys.stderr,
            flush=True,
        )
        server = Server(env, tmpdir, port, args.workers)
        server.wait_until_healthy(STARTUP_TIMEOUT)

        for name, path in [BASELINE, *args.pages]:
            if not server.alive():
                raise BenchError(
                    f"the server exited with status {server.process.returncode} during the run; "
                    f"its log ends:\n{server.log_tail()}"
                )
            print(
                f"  {name} {path}: {args.clients} clients, {args.warmup:g} s warm-up + "
                f"{args.seconds:g} s",
                file=sys.stderr,
                flush=True,
            )
            results.append(drive(port, name, path, args.clients, args.seconds, args.warmup))

        if not server.alive():
            raise BenchError(
                f"the server exited with status {server.process.returncode} during the run; "
                f"its log ends:\n{server.log_tail()}"
            )
    except BenchError as error:
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
        f"samspill load benchmark: {args.workers} workers, {args.clients} clients, "
        f"{args.seconds:g} s per URL after {args.warmup:g} s warm-up, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(table(results))
    print()
    print("Compare the ratios within one run; absolute numbers vary with the machine's load.")

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
            },
            "baseline": BASELINE[1],
            "results": results,
        }
        Path(args.json).write_text(json.dumps(json_safe(document), indent=2) + "\n")
        print(f"Wrote {args.json}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
