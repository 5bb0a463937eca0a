"""In-process benchmark: the key pages' time and queries, anonymous and signed in.

    .venv/bin/python bench/inprocess_pages.py [--runs 20] [--scale demo|bench]
                                              [--as anonymous,member,admin] [--url PATH ...]
                                              [--instance DIR] [--json results.json] [--keep]

It prepares the same throwaway production instance as bench/load.py (SQLite in a temporary
directory: migrate, collectstatic, demo); with `--scale bench` it then bulk-loads the bench-scale
data with the other benchmarks' own loaders: bench/projects.py's programme with 5,000 projects
(and its ideas, people and supports) and bench/network.py's 50,000 organisations. No server is
started: in a separate process on that database (Django's test client, production settings), each
key page of issue 16 is requested by each visitor (anonymous; the demo member
medlem@samspill.test; the hub admin admin@samspill.test), once to warm up, once with its SQL
queries counted, then `--runs` times: median, p90 and the ratio to `/healthz/live` timed the
same way. The floor every page pays shows in `/healthz/live` (no template, no database) against
the simplest pages.

`--instance DIR` keeps the prepared instance in DIR and reuses it on the next run (prepared
there when DIR has no database yet): handy when comparing before and after a change to the code,
not to the data.

Exit status: 0 all fine, 1 some page did not answer 200, 2 the instance could not be prepared, 130
interrupted.
"""

import json
import sys
from pathlib import Path

import harness  # bench/harness.py: the instance, the snippet runner
import network  # bench/network.py: the 50,000 organisations' loader
import projects  # bench/projects.py: the 5,000 projects' loader

VISITORS = ("anonymous", "member", "admin")
MEMBER = "medlem@samspill.test"
ADMIN = "admin@samspill.test"

# In-process, production settings: the key pages found in the database, then per visitor and page
# the status, queries of one request after a warm one, and the timings; JSON on the last line.
INPROCESS_SCRIPT = r"""
import json, sys
import django
django.setup()
from django.db import close_old_connections
from django.test import Client
from inprocess import Captured, timed  # bench/inprocess.py
from samspill.core.models import Organisation, User
from samspill.events.models import Event
from samspill.ideas.models import Idea
from samspill.knowledge.models import ArticlePage, FaqPage, KnowledgeIndexPage, TopicPage
from samspill.projects.models import Programme, Project
from samspill.surveys.models import Survey

wanted, visitors, runs, member_email, admin_email = json.loads(sys.argv[1])


def first_url(model):
    page = model.objects.live().filter(locale__language_code="nb").order_by("path").first()
    return page.url if page else None


def key_pages():
    event = Event.objects.filter(slug="mustech-norway-treff-oslo").first() or Event.objects.first()
    organisation = Organisation.objects.filter(slug="brak").first()
    survey = Survey.objects.filter(results_public=True).order_by("pk").first()
    programme = Programme.objects.order_by("pk").first()
    project = Project.objects.order_by("pk").first()
    idea = Idea.objects.order_by("pk").first()
    pages = [
        ("healthz live", "/healthz/live"),
        ("home", "/"),
        ("knowledge index", first_url(KnowledgeIndexPage)),
        ("topic", first_url(TopicPage)),
        ("article", first_url(ArticlePage)),
        ("faq", first_url(FaqPage)),
        ("answer page", "/sporsmal/?q=Hvordan+gi+ut+musikk+n%C3%A5%3F"),
        ("events", "/arrangementer/"),
        ("event", event and f"/arrangementer/{event.pk}/{event.slug}/"),
        ("directory", "/nettverk/"),
        ("organisation", organisation and f"/organisasjoner/{organisation.slug}/"),
        ("surveys", "/sporreundersokelser/"),
        ("results", survey and f"/sporreundersokelser/{survey.slug}/resultater/"),
        ("programme", programme and f"/program/{programme.slug}/"),
        ("projects", "/prosjekter/"),
        ("project", project and f"/prosjekter/{project.slug}/"),
        ("reach", programme and f"/program/{programme.slug}/rekkevidde/"),
        ("ideas", "/ideer/"),
        ("idea", idea and f"/ideer/{idea.pk}/"),
    ]
    if wanted:
        pages = [(n, p) for n, p in pages if n in wanted or p in wanted]
        known = {n for n, _p in pages} | {p for _n, p in pages}
        pages += [(p, p) for p in wanted if p.startswith("/") and p not in known]
    return pages


users = {"member": member_email, "admin": admin_email}
pages = key_pages()
results = {}
for visitor in visitors:
    client = Client(HTTP_HOST="127.0.0.1")
    if visitor != "anonymous":
        client.force_login(User.objects.get(email=users[visitor]))
    rows = results[visitor] = []
    for name, path in pages:
        row = {"name": name, "path": path}
        rows.append(row)
        if path is None:
            row["status"] = "not in the database"
            continue
        try:
            client.get(path)  # first use: caches, content types, connections
            with Captured() as context:
                response = client.get(path)
            # Each timed request ends as a server ends it (Django's test client leaves it out):
            # the connection is closed unless CONN_MAX_AGE keeps it, so the next request may
            # open a new one.
            row |= {"status": response.status_code, "queries": len(context.captured_queries),
                    "bytes": len(response.content)} | timed(
                lambda: client.get(path), runs, warm=False, after=close_old_connections)
        except Exception as error:  # a page being written may still raise
            row["status"] = f"{type(error).__name__}: {error}"[:120]
print(json.dumps({"pages": results}))
"""


def parse_args(argv):
    parser = harness.arguments(
        "Time the key pages in-process, anonymous and signed in (bench/README.md).", load=False
    )
    parser.add_argument("--runs", type=int, default=20, help="timed requests per page (20)")
    parser.add_argument(
        "--scale",
        choices=("demo", "bench"),
        default="demo",
        help="demo: the demo hub; bench: plus 5,000 projects and 50,000 organisations (demo)",
    )
    parser.add_argument(
        "--as",
        dest="visitors",
        default=",".join(VISITORS),
        help=f"visitors, comma-separated, of {', '.join(VISITORS)} (all)",
    )
    parser.add_argument(
        "--url",
        action="append",
        metavar="PAGE",
        help="only this page (a name from the table or a path); repeat for several",
    )
    parser.add_argument(
        "--instance",
        metavar="DIR",
        help="prepare the instance in DIR (when it has no database yet) and keep it for reuse",
    )
    args = harness.parse(parser, argv, runs=(1, 1000))
    args.visitors = [v.strip() for v in args.visitors.split(",") if v.strip()]
    if not args.visitors or set(args.visitors) - set(VISITORS):
        parser.error(f"--as takes visitors among {', '.join(VISITORS)}")
    for item in args.url or []:
        if item.startswith("//") or "://" in item:
            parser.error(f"--url takes a page name or a local path, not {item!r}")
    return args


def load_bench_scale(instance: harness.Instance) -> dict:
    """bench/projects.py's and bench/network.py's loaders, with their default sizes."""
    print(
        f"  bulk-loading {projects.DEFAULT_PROJECTS} projects (bench/projects.py)",
        file=sys.stderr,
        flush=True,
    )
    loaded_projects = instance.python(
        projects.LOAD_SCRIPT,
        *(
            str(n)
            for n in (
                projects.DEFAULT_PROJECTS,
                projects.DEFAULT_IDEAS,
                projects.DEFAULT_USERS,
                projects.DEFAULT_SUPPORTS,
            )
        ),
        projects.SLUG,
    )
    print(
        f"  bulk-loading {network.DEFAULT_ORGANISATIONS} organisations (bench/network.py)",
        file=sys.stderr,
        flush=True,
    )
    loaded_network = instance.python(network.LOAD_SCRIPT, str(network.DEFAULT_ORGANISATIONS))
    return {
        "projects": loaded_projects["totals"],
        "organisations": loaded_network["organisations_in_all"],
    }


def main(argv=None) -> int:
    args = parse_args(argv)

    def measure(instance: harness.Instance) -> int:
        loaded: dict = {}
        if not (instance.tmpdir / "bench.sqlite3").exists():
            instance.prepare()
            if args.scale == "bench":
                loaded = load_bench_scale(instance)
        print("  in-process: queries and times per page", file=sys.stderr, flush=True)
        measured = instance.python(
            INPROCESS_SCRIPT,
            json.dumps([args.url or [], args.visitors, args.runs, MEMBER, ADMIN]),
        )
        failed = report(args, measured["pages"])
        harness.write_json(args.json, args, loaded=loaded, pages=measured["pages"])
        return 1 if failed else 0

    if args.instance:
        directory = Path(args.instance).resolve()
        directory.mkdir(parents=True, exist_ok=True)
        instance = harness.Instance(directory)
        # A reused instance keeps its secret key, so its sessions stay valid between runs.
        key_file = directory / "bench_secret_key"
        if not key_file.exists():
            key_file.write_text(instance.env["SECRET_KEY"])
        instance.env["SECRET_KEY"] = key_file.read_text()
        try:
            return measure(instance)
        except harness.BenchError as error:
            print(f"bench: {error}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            return 130
    return harness.run(measure, name="inprocess-pages", args=args)


def report(args, pages: dict) -> bool:
    """Print one table per visitor; whether a page did not answer 200."""
    print()
    print(
        f"samspill in-process pages: {args.runs} runs per page, {args.scale} scale, "
        f"{harness.machine()}, SQLite"
    )
    failed = False
    for visitor, rows in pages.items():
        base = next((r.get("median_ms") for r in rows if r["path"] == "/healthz/live"), None)
        print(f"\n{visitor}:")
        print(
            f"  {'page':<16} {'queries':>7} {'median ms':>9} {'p90 ms':>7} {'cpu ms':>7} "
            f"{'vs live':>8}  path"
        )
        for row in rows:
            if "median_ms" not in row:
                print(f"  {row['name']:<16} {row['status']}  {row['path'] or ''}")
                failed = True
                continue
            vs = f"{row['median_ms'] / base:7.1f}x" if base else ""
            status = "" if row["status"] == 200 else f"  (HTTP {row['status']})"
            print(
                f"  {row['name']:<16} {row['queries']:7d} {row['median_ms']:9.2f} "
                f"{row['p90_ms']:7.2f} {row['cpu_median_ms']:7.2f} {vs:>8}  {row['path']}{status}"
            )
            failed = failed or row["status"] != 200
    print(f"\n{harness.COMPARE}")
    return failed


if __name__ == "__main__":
    sys.exit(main())
