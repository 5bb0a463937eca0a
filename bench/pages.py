"""Key public pages at the server's speed (issue 16), measured with wrk: anonymous and signed in.

    .venv/bin/python bench/pages.py [--seconds 10] [--connections 32] [--url NAME_OR_PATH ...]
                                    [--db sqlite|postgres] [--redis-db 11]
                                    [--anonymous-only | --signed-in-only] [--json FILE] [--keep]

It builds the harness's throwaway production instance on the demo (bench/harness.py; SQLite, or
with `--db postgres` a fresh PostgreSQL database and Redis), finds the demo's pages (the Wagtail
ones in its database, the detail pages by following links on the list pages), counts each page's
SQL queries in-process, then serves it with `samspill serve` and runs `wrk` against one URL at a
time: the baseline `/healthz/live` first, then every page anonymously, then every page signed in
as a demo member (session cookie from the login form), then the baseline again. Per row:
requests per second and its ratio to the baseline (the mean of its two runs), p50/p99 latency,
the server's CPU time per request (utime + stime of gunicorn's master and workers from /proc, the
stable figure on a shared machine), and the page cache's hit rate from the `X-Page-Cache` header
(counted by a small wrk Lua script). RSS per worker at the end.

Exit status: 0 fine, 1 some row had errors (a non-2xx answer, a redirect, a failed connection),
2 wrk is missing, the instance could not be prepared or the server did not come up (or died),
130 interrupted. bench/README.md ("Pages: wrk against the baseline") tells how to read it.
"""

import argparse
import contextlib
import http.client
import json
import math
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import harness  # bench/harness.py: the instance, the server, the arguments, the JSON file
from harness import HOST, BenchError

WRK = "wrk"
WRK_THREADS = 2
# A demo member (src/samspill/demo/data/core.json): Sara Nilsen, member of Havnescenen.
MEMBER = ("medlem@samspill.test", "samspill-medlem")
BASELINE_PATH = harness.BASELINE[1]
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/{db}"
MAX_CONNECTIONS = 1024

# --- The pages under test -------------------------------------------------------------------------
# (name, how to find the path on the demo): ("path", "/x/") a fixed path; ("page", "app.Model") the
# first live public Wagtail page of that type on the default site; ("link", FROM, PATTERN) the
# first link on the page FROM (a path, or "@name" of an earlier row) whose path matches PATTERN.
# Found at run time, so the bench follows the demo's content.
PAGES = [
    ("home", ("path", "/")),
    ("knowledge index", ("path", "/kunnskap/")),
    ("topic", ("page", "knowledge.TopicPage")),
    ("article", ("page", "knowledge.ArticlePage")),
    ("faq", ("page", "knowledge.FaqPage")),
    ("answer page", ("path", "/sporsmal/?q=Hvordan+gi+ut+musikk+n%C3%A5%3F")),
    ("event list", ("path", "/arrangementer/")),
    ("event", ("link", "/arrangementer/", r"^/arrangementer/\d+/[\w-]+/$")),
    ("directory", ("path", "/nettverk/")),
    (
        "organisation",
        ("link", "/nettverk/", r"^/nettverk/(?!oversikt/|personer/|ny-organisasjon/)[\w-]+/$"),
    ),
    ("survey list", ("path", "/sporreundersokelser/")),
    ("results", ("link", "/sporreundersokelser/", r"^/sporreundersokelser/[\w-]+/resultater/$")),
    ("programme", ("link", "/", r"^/program/[\w-]+/$")),
    ("project list", ("path", "/prosjekter/")),
    ("project", ("link", "/prosjekter/", r"^/prosjekter/[\w-]+/$")),
    ("reach matrix", ("link", "@programme", r"^/program/[\w-]+/rekkevidde/$")),
    ("idea list", ("path", "/ideer/")),
    ("idea", ("link", "/ideer/", r"^/ideer/\d+/$")),
]
# --------------------------------------------------------------------------------------------------

# Runs in the prepared instance (its environment and database), before the server starts: finds
# each page's path, then counts the SQL queries of one warm request per page, anonymous and signed
# in (force_login of the member), with Django's test client: rendered (the page cache off), and as
# served (from the page cache when it has the page: X-Page-Cache hit or shared). JSON on the last
# line.
DISCOVER_SCRIPT = """
import json, re, sys
import django
django.setup()
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import override_settings
from wagtail.models import Site
from inprocess import Captured  # bench/inprocess.py

specs, member = json.loads(sys.argv[1])
anonymous = Client(HTTP_HOST="127.0.0.1")
site = Site.objects.get(is_default_site=True)
paths, problems = {}, {}
for name, spec in specs:
    kind = spec[0]
    if kind == "path":
        paths[name] = spec[1]
    elif kind == "page":
        model = apps.get_model(spec[1])
        page = (
            model.objects.live().public().descendant_of(site.root_page).order_by("path").first()
        )
        if page is None:
            problems[name] = f"no live public {spec[1]} on the default site"
        else:
            paths[name] = page.relative_url(site)
    else:
        source = spec[1]
        if source.startswith("@"):
            source = paths.get(source[1:])
        if source is None:
            problems[name] = f"{spec[1]} was not found"
            continue
        response = anonymous.get(source)
        html = response.content.decode(errors="replace")
        pattern = re.compile(spec[2])
        found = [
            link for link in re.findall(r'href="(/[^"#?]*)', html) if pattern.match(link)
        ]
        if response.status_code != 200 or not found:
            problems[name] = (
                f"no link matching {spec[2]} on {source} (HTTP {response.status_code})"
            )
        else:
            paths[name] = found[0]

signed_in = Client(HTTP_HOST="127.0.0.1")
user = get_user_model().objects.filter(email__iexact=member).first()
if user is not None:
    signed_in.force_login(user)
queries = {}
for name, path in paths.items():
    row = {}
    for mode, client in (("anonymous", anonymous), ("signed in", signed_in)):
        if mode == "signed in" and user is None:
            continue
        client.get(path)  # first use: caches, content types (and the page cache filled)
        with override_settings(PAGE_CACHE=False), Captured() as rendered:
            response = client.get(path)
        with Captured() as served:
            served_response = client.get(path)
        row[mode] = {
            "status": response.status_code,
            "queries": len(rendered.captured_queries),
            "served_queries": len(served.captured_queries),
            "page_cache": served_response.get("X-Page-Cache"),
        }
    queries[name] = row
print(json.dumps({"paths": paths, "problems": problems, "queries": queries,
                  "member": user is not None}))
"""

# wrk's Lua: count the X-Page-Cache header and the status classes of every response, per thread,
# summed in done() into one line (parse_counts). Defining response() makes wrk parse the headers;
# nothing else is done per response.
LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) hit, miss, shared, bypass, none, other, s2, s3, sx = 0, 0, 0, 0, 0, 0, 0, 0, 0 end
function response(status, headers, body)
  if status < 300 and status >= 200 then s2 = s2 + 1
  elseif status < 400 and status >= 300 then s3 = s3 + 1
  else sx = sx + 1 end
  local v = headers["X-Page-Cache"] or headers["x-page-cache"]
  if v == nil then none = none + 1
  elseif v == "hit" then hit = hit + 1
  elseif v == "miss" then miss = miss + 1
  elseif v == "shared" then shared = shared + 1
  elseif v == "bypass" then bypass = bypass + 1
  else other = other + 1 end
end
function done(summary, latency, requests)
  local names = {"hit", "miss", "shared", "bypass", "none", "other", "s2", "s3", "sx"}
  local total = {}
  for _, name in ipairs(names) do total[name] = 0 end
  for _, thread in ipairs(threads) do
    for _, name in ipairs(names) do total[name] = total[name] + (thread:get(name) or 0) end
  end
  local parts = {}
  for _, name in ipairs(names) do table.insert(parts, name .. "=" .. total[name]) end
  io.write("page-cache-counts " .. table.concat(parts, " ") .. "\n")
end
"""
CACHE_KINDS = ("hit", "miss", "shared", "bypass", "none", "other")


# --- Parsing wrk's output (pure; tests/bench/test_pages.py) ---------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def to_ms(value: str, unit: str) -> float:
    return float(value) * _UNITS[unit]


def parse_wrk(output: str) -> dict:
    """Requests, rps, latency percentiles (ms) and errors from `wrk --latency` output."""
    result = {
        "requests": 0,
        "wrk_seconds": math.nan,
        "rps": math.nan,
        "p50_ms": math.nan,
        "p75_ms": math.nan,
        "p90_ms": math.nan,
        "p99_ms": math.nan,
        "non_2xx_3xx": 0,
        "socket_errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0},
    }
    for percent, value, unit in re.findall(
        r"^\s+(50|75|90|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.MULTILINE
    ):
        result[f"p{percent}_ms"] = to_ms(value, unit)
    if match := re.search(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h)", output, re.MULTILINE):
        result["requests"] = int(match[1])
        result["wrk_seconds"] = to_ms(match[2], match[3]) / 1000
    if match := re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE):
        result["rps"] = float(match[1])
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        result["non_2xx_3xx"] = int(match[1])
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        result["socket_errors"] = dict(
            zip(("connect", "read", "write", "timeout"), map(int, match.groups()), strict=True)
        )
    return result


def parse_counts(output: str) -> dict | None:
    """The Lua script's line: {"hit": n, ..., "s2": 2xx, "s3": 3xx, "sx": other statuses}."""
    match = re.search(r"^page-cache-counts (.*)$", output, re.MULTILINE)
    if not match:
        return None
    counts = {}
    for item in match[1].split():
        key, _, value = item.partition("=")
        counts[key] = int(float(value))
    return counts


def hit_rate(counts: dict | None) -> float:
    """Share of responses served from the page cache (hit, or shared for a member); NaN when no
    response had the X-Page-Cache header (no page cache on this page, or none yet)."""
    if not counts:
        return math.nan
    total = sum(counts.get(kind, 0) for kind in CACHE_KINDS)
    if not total or counts.get("none", 0) == total:
        return math.nan
    return (counts.get("hit", 0) + counts.get("shared", 0)) / total


def row_errors(parsed: dict, counts: dict | None) -> dict[str, int]:
    """What makes a row fail: a non-2xx answer (a redirect too), a failed connection or a
    timeout. Read errors are left out: wrk counts the server closing a keep-alive connection."""
    errors = {}
    if counts is not None:
        if counts.get("s3"):
            errors["HTTP 3xx"] = counts["s3"]
        if counts.get("sx"):
            errors["HTTP 4xx/5xx"] = counts["sx"]
    elif parsed["non_2xx_3xx"]:
        errors["HTTP 4xx/5xx"] = parsed["non_2xx_3xx"]
    for kind in ("connect", "write", "timeout"):
        if parsed["socket_errors"].get(kind):
            errors[f"socket {kind}"] = parsed["socket_errors"][kind]
    if not parsed["requests"]:
        errors["no requests"] = 1
    return errors


# --- The server's processes: CPU time and memory from /proc ---------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
IDLE_WINDOW = 0.3  # seconds
IDLE_CPU = 0.02  # CPU seconds within IDLE_WINDOW that still count as idle (timers, heartbeats)


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat from the state on (field 3); the name may hold spaces."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def process_tree(root: int) -> dict[int, int]:
    """{pid: parent} of `root` and every live descendant."""
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit() and (fields := _stat(int(entry.name))):
            parents[int(entry.name)] = int(fields[1])
    tree = {root: parents.get(root, 0)}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree[pid] = parent
                grew = True
    return tree


def cpu_seconds(root: int) -> float:
    """utime + stime of `root` and its live descendants, plus their reaped children's (cutime +
    cstime): `samspill serve`, gunicorn's master and its workers, restarted ones included."""
    ticks = 0
    for pid in process_tree(root):
        if fields := _stat(pid):
            ticks += sum(int(value) for value in fields[11:15])
    return ticks / CLOCK_TICKS


def wait_idle(root: int, timeout: float = 60.0) -> float:
    """Wait until the server has used no CPU for a moment: the requests wrk left in flight when
    it stopped (one per connection, and the listen queue) are served after wrk has gone. Returns
    the CPU seconds at that point."""
    deadline = time.monotonic() + timeout
    last = cpu_seconds(root)
    while time.monotonic() < deadline:
        time.sleep(IDLE_WINDOW)
        now = cpu_seconds(root)
        if now - last <= IDLE_CPU:
            return now
        last = now
    print(f"  (the server was still busy after {timeout:.0f} s)", file=sys.stderr)
    return last


def worker_rss_mb(root: int) -> list[float]:
    """VmRSS of gunicorn's workers (the leaves of the server's process tree), in MB."""
    tree = process_tree(root)
    leaves = [pid for pid in tree if pid != root and pid not in tree.values()]
    sizes = []
    for pid in sorted(leaves):
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{pid}/status").read_text()
            if match := re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE):
                sizes.append(int(match[1]) / 1024)
    return sizes


# --- HTTP: signing in, checking a page ------------------------------------------------------------


def request(
    port: int, method: str, path: str, headers: dict | None = None, body: bytes | None = None
):
    connection = http.client.HTTPConnection(HOST, port, timeout=harness.REQUEST_TIMEOUT)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def cookies_of(response, jar: dict[str, str]) -> dict[str, str]:
    """The jar after a response's Set-Cookie headers, as a browser keeps it: a cookie set empty
    or with Max-Age=0 is deleted (the login's "signed in" message, shown once)."""
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        value, _, attributes = rest.partition(";")
        if not value.strip('"') or "max-age=0" in attributes.lower().replace(" ", ""):
            jar.pop(name.strip(), None)
        else:
            jar[name.strip()] = value
    return jar


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def sign_in(port: int, email: str, password: str) -> str:
    """Sign in through the login form, as a browser does; the Cookie header of the session."""
    response, body = request(port, "GET", "/konto/login/")
    jar = cookies_of(response, {})
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if response.status != 200 or not match:
        raise BenchError(f"the login form /konto/login/ answered {response.status} without a form")
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": match[1].decode(), "login": email, "password": password}
    ).encode()
    origin = f"http://{HOST}:{port}"
    response, _ = request(
        port,
        "POST",
        "/konto/login/",
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(jar),
            "Origin": origin,
            "Referer": f"{origin}/konto/login/",
        },
        form,
    )
    cookies_of(response, jar)
    check, _ = request(port, "GET", "/konto/profil/", {"Cookie": cookie_header(jar)})
    # The profile shows the login's message and deletes its cookie: a browser sends it no more.
    cookies_of(check, jar)
    if response.status != 302 or check.status != 200:
        raise BenchError(
            f"could not sign in as {email}: the login form answered {response.status}, "
            f"/konto/profil/ then {check.status}"
        )
    return cookie_header(jar)


# --- wrk ------------------------------------------------------------------------------------------


def wrk_command(
    port: int, path: str, seconds: int, connections: int, cookie: str | None, lua: Path | None
) -> list[str]:
    command = [
        WRK,
        "-c",
        str(connections),
        "-t",
        str(min(WRK_THREADS, connections)),
        "-d",
        f"{seconds}s",
        "--timeout",
        f"{harness.REQUEST_TIMEOUT}s",
        "--latency",
        "-H",
        "Accept: text/html,application/xhtml+xml,*/*;q=0.8",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if lua is not None:
        command += ["-s", str(lua)]
    return [*command, f"http://{HOST}:{port}{path}"]


def run_wrk(command: list[str], seconds: int) -> str:
    try:
        result = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=seconds + 2 * harness.REQUEST_TIMEOUT + 30,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"wrk did not finish: {' '.join(command)}") from error
    if result.returncode != 0:
        raise BenchError(f"wrk failed ({result.returncode}): {result.stderr.strip()[:500]}")
    return result.stdout


def measure_row(
    instance: harness.Instance,
    name: str,
    path: str,
    mode: str,
    args,
    lua: Path,
    cookie: str | None = None,
) -> dict:
    """One URL: a check that it answers 200, a warm-up, then wrk with the CPU time around it."""
    instance.server.check_alive()
    row = {"name": name, "path": path, "mode": mode}
    headers = {"Accept": "text/html"} | ({"Cookie": cookie} if cookie else {})
    response, _ = request(instance.port, "GET", path, headers)
    if response.status != 200:
        return row | {"requests": 0, "rps": math.nan, "errors": {f"HTTP {response.status}": 1}}
    print(
        f"  {mode} {name} {path}: {args.clients} connections, {args.warmup:g} s warm-up + "
        f"{args.wrk_seconds} s",
        file=sys.stderr,
        flush=True,
    )
    if args.warmup > 0:
        warm = max(1, round(args.warmup))
        run_wrk(wrk_command(instance.port, path, warm, args.clients, cookie, None), warm)
    pid = instance.server.process.pid
    command = wrk_command(instance.port, path, args.wrk_seconds, args.clients, cookie, lua)
    cpu_before = wait_idle(pid)  # the warm-up's last requests are served first
    output = run_wrk(command, args.wrk_seconds)
    cpu = wait_idle(pid) - cpu_before
    parsed = parse_wrk(output)
    counts = parse_counts(output)
    # The server also serves the requests in flight when wrk stopped (one per connection), and
    # the CPU time includes them.
    served = parsed["requests"] + args.clients
    return (
        row
        | parsed
        | {
            "cpu_seconds": round(cpu, 3),
            "cpu_ms": cpu * 1000 / served if served else math.nan,
            "page_cache": counts,
            "hit_rate": hit_rate(counts),
            "errors": row_errors(parsed, counts),
        }
    )


# --- Output ---------------------------------------------------------------------------------------


def fmt_rate(value: float) -> str:
    return "-" if math.isnan(value) else f"{value * 100:.0f}%"


def reference_of(first: dict, last: dict) -> dict:
    """The baseline the ratios divide by: the mean of its runs at the start and the end (the one
    that has figures, when the other has none)."""
    reference = {}
    for key in ("rps", "cpu_ms"):
        values = [row.get(key, math.nan) for row in (first, last)]
        values = [value for value in values if not math.isnan(value)]
        reference[key] = sum(values) / len(values) if values else math.nan
    return reference


def table(rows: list[dict], baseline: dict, queries: dict) -> str:
    header = [
        "page",
        "queries",
        "hit q",
        "rps",
        "ratio",
        "p50 ms",
        "p99 ms",
        "CPU ms/req",
        "CPU ratio",
        "hit rate",
        "errors",
    ]
    lines = [header]
    for row in rows:
        row["rps_ratio"] = harness.ratio(row["rps"], baseline["rps"])
        # The baseline's CPU per request over the page's: the share of the baseline's rate the
        # page would reach on a machine of its own (1.00 = as cheap as the bare view).
        row["cpu_ratio"] = harness.ratio(baseline.get("cpu_ms", math.nan), row.get("cpu_ms", 0))
        counted = queries.get(row["name"], {}).get(row["mode"], {})
        count = counted.get("queries")
        from_cache = counted.get("page_cache") in ("hit", "shared")
        lines.append(
            [
                row["name"],
                "-" if count is None else str(count),
                str(counted["served_queries"]) if from_cache else "-",
                harness.fmt(row["rps"]),
                f"{harness.fmt(row['rps_ratio'], 2)}x",
                harness.fmt(row.get("p50_ms", math.nan), 1),
                harness.fmt(row.get("p99_ms", math.nan), 1),
                harness.fmt(row.get("cpu_ms", math.nan), 2),
                f"{harness.fmt(row['cpu_ratio'], 2)}x",
                fmt_rate(row.get("hit_rate", math.nan)),
                str(sum(row["errors"].values())),
            ]
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for index, line in enumerate(lines):
        cells = [
            cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i])
            for i, cell in enumerate(line)
        ]
        out.append("  ".join(cells).rstrip())
        if index == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


# --- Command line ---------------------------------------------------------------------------------


def parse_args(argv: list[str] | None):
    parser = harness.arguments(
        "Key public pages against /healthz/live with wrk, anonymous and signed in (issue 16; "
        "bench/README.md)."
    )
    parser.add_argument(
        "--connections",
        dest="clients",
        type=int,
        metavar="N",
        help="wrk's concurrent connections (32; --clients is the same)",
    )
    parser.set_defaults(clients=32)
    for action in parser._actions:  # the harness's --clients is --connections here
        if "--clients" in action.option_strings:
            action.help = argparse.SUPPRESS
    parser.add_argument(
        "--url",
        action="append",
        metavar="NAME_OR_PATH",
        help="bench only this page (a name from PAGES, or a path); repeat for several. The "
        "baseline always runs first.",
    )
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--postgres", default=POSTGRES, help=f"with --db postgres: the server ({POSTGRES})"
    )
    parser.add_argument(
        "--redis-db",
        type=int,
        default=11,
        help="with --db postgres: the Redis database number on 127.0.0.1:6379, emptied before "
        "and after (11)",
    )
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--anonymous-only", action="store_true", help="no signed-in rows")
    modes.add_argument("--signed-in-only", action="store_true", help="no anonymous rows")
    args = harness.parse(parser, argv, clients=(1, MAX_CONNECTIONS), redis_db=(0, 15))
    # wrk takes whole seconds.
    args.wrk_seconds = max(1, round(args.seconds))
    args.pages = select_pages(parser, args.url)
    return args


def select_pages(parser, wanted: list[str] | None) -> list[tuple]:
    if not wanted:
        return list(PAGES)
    by_name = dict(PAGES)
    selected = []
    for item in wanted:
        if item in by_name:
            page = (item, by_name[item])
        elif item.startswith("/") and not item.startswith("//"):
            page = (item, ("path", item))  # a path on the local server only
        else:
            parser.error(f"--url takes a name from PAGES or a path starting with /, not {item!r}")
        if page not in selected:
            selected.append(page)
    # A page found through another ("@programme") needs that one found too (not measured).
    names = {name for name, _ in selected}
    for _name, spec in list(selected):
        if spec[0] == "link" and spec[1].startswith("@") and spec[1][1:] not in names:
            selected.insert(0, (spec[1][1:], by_name[spec[1][1:]]))
            names.add(spec[1][1:])
    return selected


def commit() -> str:
    """The checked-out commit of this source tree, for the record ("" outside git)."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=harness.BENCH_DIR,
            capture_output=True,
            text=True,
            timeout=10,
        )
        return result.stdout.strip()
    return ""


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which(WRK) is None:
        print(
            "bench: wrk is not installed; install the Debian package: apt-get install -y wrk",
            file=sys.stderr,
        )
        return 2
    wanted = set(args.url or [])
    env: dict[str, str] = {}
    postgres = None
    redis_url = None
    engine = "SQLite"
    if args.db == "postgres":
        postgres = harness.Postgres(args.postgres)
        redis_url = REDIS.format(db=args.redis_db)
        name = f"bench_pages_{os.getpid()}_{secrets.token_hex(3)}"
        try:
            harness.flush_redis(redis_url)
            env["DATABASE_URL"] = postgres.create(name)
        except Exception as error:
            print(f"bench: PostgreSQL or Redis: {error}", file=sys.stderr)
            return 2
        env["REDIS_URL"] = redis_url
        engine = f"PostgreSQL ({name}) with Redis ({redis_url})"

    def measure(instance: harness.Instance) -> int:
        instance.prepare()
        started = time.perf_counter()
        found = instance.python(DISCOVER_SCRIPT, json.dumps([args.pages, MEMBER[0]]))
        paths, queries = found["paths"], found["queries"]
        print(
            f"  found {len(paths)} pages and counted their queries in "
            f"{time.perf_counter() - started:.1f} s",
            file=sys.stderr,
            flush=True,
        )
        for name, problem in found["problems"].items():
            print(f"  NOT FOUND {name}: {problem}", file=sys.stderr)
        measured = [
            (name, path)
            for name, path in paths.items()
            if not wanted or name in wanted or path in wanted or name == path
        ]
        lua = instance.tmpdir / "page_cache.lua"
        lua.write_text(LUA)
        instance.serve(args.workers)
        baseline = measure_row(instance, *harness.BASELINE, "anonymous", args, lua)
        anonymous, signed_in = [], []
        if not args.signed_in_only:
            for name, path in measured:
                anonymous.append(measure_row(instance, name, path, "anonymous", args, lua))
        if not args.anonymous_only:
            cookie = sign_in(instance.port, *MEMBER)
            for name, path in measured:
                signed_in.append(
                    measure_row(instance, name, path, "signed in", args, lua, cookie=cookie)
                )
        # The baseline again: the machine's load drifts during a run; ratios use both.
        baseline_end = measure_row(
            instance, "baseline (end)", BASELINE_PATH, "anonymous", args, lua
        )
        reference = reference_of(baseline, baseline_end)
        instance.server.check_alive()
        rss = worker_rss_mb(instance.server.process.pid)
        instance.stop()

        print()
        print(
            f"samspill pages benchmark (wrk): {args.workers} workers, {args.clients} connections, "
            f"{WRK_THREADS} wrk threads, {args.wrk_seconds} s per row after {args.warmup:g} s "
            f"warm-up, {harness.machine()}, {engine}, commit {commit() or '?'}"
        )
        for title, rows in (("Anonymous", anonymous), ("Signed in", signed_in)):
            if rows:
                print(f"\n{title} ({'as ' + MEMBER[0] if title == 'Signed in' else 'no cookie'}):")
                print(table([baseline, baseline_end, *rows], reference, queries))
        print("\nPaths:")
        for name, path in paths.items():
            print(f"  {name}: {path}")
        if rss:
            print("\nRSS per worker at the end: " + ", ".join(f"{size:.0f} MB" for size in rss))
        print(
            "\nratio: rps / the baseline's rps in this run (the mean of its two rows, first and last). "
            "CPU ratio: the baseline's CPU ms per "
            "request / the page's (the stable figure on a shared machine). queries: one warm "
            "request in-process, rendered (hit q: the same request served from the page cache). "
            "hit rate: responses with X-Page-Cache hit or shared."
        )
        print(harness.COMPARE)
        failed = False
        for row in [baseline, baseline_end, *anonymous, *signed_in]:
            if row["errors"]:
                failed = True
                kinds = ", ".join(f"{kind}: {count}" for kind, count in row["errors"].items())
                print(f"ERRORS on {row['mode']} {row['path']}: {kinds}", file=sys.stderr)
        if found["problems"]:
            failed = True
        harness.write_json(
            args.json,
            args,
            engine=engine,
            commit=commit(),
            paths=paths,
            problems=found["problems"],
            queries=queries,
            baseline_rows=[baseline, baseline_end],
            reference=reference,
            anonymous=anonymous,
            signed_in=signed_in,
            worker_rss_mb=rss,
        )
        return 1 if failed else 0

    try:
        return harness.run(measure, name="pages", args=args, env=env)
    finally:
        if postgres is not None and not args.keep:
            with contextlib.suppress(Exception):
                postgres.drop_all()
        if redis_url is not None:
            with contextlib.suppress(BenchError):
                harness.flush_redis(redis_url)


if __name__ == "__main__":
    sys.exit(main())
