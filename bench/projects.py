"""Projects benchmark: the project list, the reach matrix and the ideas sorted by support with
5,000 projects, 50,000 ideas and 1,000,000 supports, against the load baseline.

    .venv/bin/python bench/projects.py [--projects 5000] [--ideas 50000] [--users 20000]
                                       [--supports 1000000] [--seconds 10] [--clients 8]
                                       [--workers 2] [--warmup 1] [--runs 5]
                                       [--json results.json] [--keep]

It prepares the same throwaway production instance as bench/load.py (SQLite in a temporary
directory: migrate, collectstatic, demo), then bulk-loads, in one transaction with a fixed seed,
one programme (three themes, the demo's 29 municipalities as participants, two of them without
a project), 600 organisations, `--projects` projects (themes, municipalities, partners, milestones,
funding), `--users` people, `--ideas` ideas and `--supports` supports: each person supports the
same number of distinct ideas, drawn from a long-tailed popularity, written with `executemany`;
`Idea.support_count` is set from the rows and checked against them. The load time is printed.

Then it serves the instance with `samspill serve` and, one at a time for a fixed time: the
baseline `/healthz/live`, the project list, the reach matrix, the ideas by support, a
municipality's page and a yearly report, and the API's projects, reach and ideas. After the
server stops, in a separate process on the same database (Django's test client, production
settings): the SQL queries of one anonymous request per page and its median time over `--runs`
runs, with `/healthz/live` timed the same way. A page that is not there yet shows up as an error
row (and in the query table with its HTTP status); it never stops the run.

Exit status: 0 all fine, 1 some URL had errors or the support counts differ from the rows, 2 the
instance could not be prepared or the server did not come up (or died), 130 interrupted.
"""

import json
import sys

import harness  # bench/harness.py: the instance, the server, the load driver, the table

SLUG = "benk-program"
DEFAULT_PROJECTS = 5_000
DEFAULT_IDEAS = 50_000
DEFAULT_USERS = 20_000
DEFAULT_SUPPORTS = 1_000_000

# Runs inside the prepared instance: the programme, organisations, projects, people, ideas and
# supports in one transaction; JSON on the last line.
LOAD_SCRIPT = r"""
import datetime, json, random, sys, time
import django
django.setup()
from django.db import connection, transaction
from django.utils import timezone
from samspill.core.models import Municipality, Organisation, User
from samspill.ideas.models import Idea, IdeaSupport
from samspill.projects.models import Funding, Milestone, Programme, Project, Theme

N_PROJECTS, N_IDEAS, N_USERS, N_SUPPORTS = (int(a) for a in sys.argv[1:5])
SLUG = sys.argv[5]
N_ORGANISATIONS = 600
BATCH = 5000
rng = random.Random(20261122)
today = timezone.localdate()
now = timezone.now()

# Musikmetropolen's eight first, then every other municipality of the demo's places (13 Danish and
# 16 Norwegian ones: 29 participants).
FIRST = ["165", "183", "175", "259", "265", "260", "250", "217"]
places = list(Municipality.objects.order_by("country", "code"))
if len(places) < 10:
    raise SystemExit("too few municipalities: was the demo built?")
first = [m for code in FIRST for m in places if (m.country, m.code) == ("DK", code)]
participants = (first + [m for m in places if m not in first])[:30]
# The last two take part in no project: the reach page's indicator has something to show.
with_projects = participants[:-2]
muni_weights = [6 if m in first else 2 for m in with_projects]

THEMES = [("talent", "Talent- og karriereutvikling", "Talent- og karriereudvikling",
           "Talent and career development"),
          ("venues", "Utvikling av spillesteder og scener", "Udvikling af spillesteder og scener",
           "Development of venues and stages"),
          ("industry", "Musikkbransjens infrastruktur", "Musikbranchens infrastruktur",
           "Music industry infrastructure")]
KINDS = ["venue", "festival", "education", "association", "studio", "label", "booking",
         "municipality"]
WORDS = ["Talentcamp", "Sangskrivning", "Koncertformat", "Spillestedsnetværk", "Musikskole",
         "Bandkonkurrence", "Kompetenceforløb", "Konference", "Publikumsudvikling", "Mentorordning",
         "Øvelokaler", "Festival", "Booking", "Produktion", "Rettigheder"]
STATUSES = ["proposed"] * 70 + ["under_review"] * 12 + ["accepted"] * 10 + ["declined"] * 6 + \
    ["project"] * 2


def stamp(value):
    # How Django stores a datetime on SQLite with USE_TZ: naive UTC text.
    return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")


started = time.perf_counter()
totals = {}
with transaction.atomic():
    cursor = connection.cursor()
    cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB for this connection's load
    programme = Programme.objects.create(
        name="Benkprogrammet", slug=SLUG, lead="Et stort program til ytelsesmåling.",
        vision="Mange prosjekter, mange idéer.", starts_on=datetime.date(2012, 1, 1),
        ends_on=datetime.date(2027, 12, 31))
    themes = [Theme.objects.create(programme=programme, slug=s, name_nb=nb, name_da=da,
                                   name_en=en, sort_order=n)
              for n, (s, nb, da, en) in enumerate(THEMES)]
    programme.municipalities.set(participants)  # held by the instance until the save below

    organisations = Organisation.objects.bulk_create([
        Organisation(name=f"Benk organisasjon {i + 1}", slug=f"benk-org-{i + 1}",
                     kind=rng.choice(KINDS), country=municipality.country,
                     municipality=municipality,
                     summary="Organisasjon lastet for ytelsesmålingen.")
        for i, municipality in enumerate(rng.choices(with_projects, muni_weights,
                                                     k=N_ORGANISATIONS))])
    programme.secretariat = organisations[0]
    programme.save()
    totals["organisations"] = len(organisations)

    # Projects, latest first when listed: starts over 2012–2026, 3–36 months long.
    first_day = datetime.date(2012, 1, 1)
    span_days = (datetime.date(2026, 12, 31) - first_day).days
    specs = []
    for i in range(N_PROJECTS):
        starts = first_day + datetime.timedelta(days=rng.randrange(span_days))
        ends = starts + datetime.timedelta(days=rng.randint(90, 1100))
        if starts > today:
            status = "planned"
        elif ends >= today:
            status = "running"
        else:
            status = "stopped" if rng.random() < 0.05 else "completed"
        specs.append((starts, ends, status))
    projects = []
    for first in range(0, N_PROJECTS, BATCH):
        projects += Project.objects.bulk_create([
            Project(programme=programme, title=f"{rng.choice(WORDS)} {i + 1}",
                    slug=f"benk-prosjekt-{i + 1}",
                    summary="Et prosjekt lastet for ytelsesmålingen, med partnere i flere kommuner.",
                    body="<p>Prosjektets historie.</p>", status=status, starts_on=starts,
                    ends_on=ends, lead_organisation=rng.choice(organisations),
                    participants=rng.randint(5, 2000))
            for i, (starts, ends, status) in enumerate(specs[first:first + BATCH], start=first)])
    field = Project._meta.get_field
    ThemeLink = field("themes").remote_field.through
    MuniLink = field("municipalities").remote_field.through
    PartnerLink = field("partners").remote_field.through
    # The column of the partner in the link table (the partner may be a proxy of Organisation).
    partner_column = field("partners").m2m_reverse_field_name() + "_id"
    theme_links, muni_links, partner_links, milestones, funding = [], [], [], [], []
    for project in projects:
        for theme in rng.sample(themes, rng.choice([1, 1, 2, 3])):
            theme_links.append(ThemeLink(project_id=project.pk, theme_id=theme.pk))
        chosen = {m.pk for m in rng.choices(with_projects, muni_weights, k=rng.randint(1, 4))}
        muni_links += [MuniLink(project_id=project.pk, municipality_id=pk) for pk in chosen]
        partners = {o.pk for o in rng.sample(organisations, rng.randint(0, 3))}
        partners.discard(project.lead_organisation_id)
        partner_links += [PartnerLink(**{"project_id": project.pk, partner_column: pk})
                          for pk in partners]
        for n in range(rng.randint(0, 3)):
            progress = 100 if project.status == "completed" else (
                0 if project.status == "planned" else rng.randrange(0, 101, 10))
            milestones.append(Milestone(project_id=project.pk, title=f"Milepæl {n + 1}",
                                        progress=progress, sort_order=n))
        funding.append(Funding(project_id=project.pk, source="Kulturaftalen",
                               amount=rng.randrange(50_000, 500_000, 5_000), sort_order=0))
    for model, rows in ((ThemeLink, theme_links), (MuniLink, muni_links),
                        (PartnerLink, partner_links), (Milestone, milestones),
                        (Funding, funding)):
        model.objects.bulk_create(rows, batch_size=BATCH)
    totals |= {"projects": len(projects), "project themes": len(theme_links),
               "project municipalities": len(muni_links), "partners": len(partner_links),
               "milestones": len(milestones)}

    # People: unusable passwords, fictional addresses.
    users = []
    for first in range(0, N_USERS, BATCH):
        users += User.objects.bulk_create([
            User(email=f"benk-{i + 1}@example.org", name=f"Benk Person {i + 1}", password="!",
                 is_active=True)
            for i in range(first, min(N_USERS, first + BATCH))])
    user_pks = [u.pk for u in users]
    totals["users"] = len(users)

    # Ideas over the last two years, each with a theme and a municipality.
    IdeaTheme = Idea.themes.through
    IdeaMuni = Idea.municipalities.through
    idea_pks = []
    for first in range(0, N_IDEAS, BATCH):
        batch = []
        for i in range(first, min(N_IDEAS, first + BATCH)):
            status = rng.choice(STATUSES)
            batch.append(Idea(
                programme=programme, title=f"Idé {i + 1}: {rng.choice(WORDS).lower()}",
                description="En idé lastet for ytelsesmålingen.",
                author_id=rng.choice(user_pks), status=status,
                status_reason="For bred." if status == "declined" else "",
                project_id=rng.choice(projects).pk if status == "project" else None,
                created_at=now - datetime.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))))
        ideas = Idea.objects.bulk_create(batch)
        IdeaTheme.objects.bulk_create(
            [IdeaTheme(idea_id=idea.pk, theme_id=rng.choice(themes).pk) for idea in ideas])
        IdeaMuni.objects.bulk_create(
            [IdeaMuni(idea_id=idea.pk, municipality_id=rng.choice(with_projects).pk)
             for idea in ideas])
        idea_pks += [idea.pk for idea in ideas]
    totals["ideas"] = len(idea_pks)

    # Supports: each person the same number of distinct ideas, drawn from a long tail (a few
    # ideas gather thousands, most a handful), so that sorting by support means something.
    per_user = N_SUPPORTS // N_USERS
    popularity = list(range(len(idea_pks)))
    rng.shuffle(popularity)
    cum, total = [], 0.0
    for rank in range(len(idea_pks)):
        total += 1.0 / (rank + 20) ** 0.9
        cum.append(total)
    stamps = [stamp(now - datetime.timedelta(minutes=m))
              for m in rng.sample(range(365 * 24 * 60), 5000)]
    draw_started = time.perf_counter()
    rows, counts = [], [0] * len(idea_pks)
    for user_pk in user_pks:
        chosen = set()
        while len(chosen) < per_user:
            for rank in rng.choices(popularity, cum_weights=cum, k=per_user - len(chosen)):
                chosen.add(rank)
        for index in chosen:
            counts[index] += 1
            rows.append((idea_pks[index], user_pk, stamps[len(rows) % 5000]))
    drawn_seconds = time.perf_counter() - draw_started
    rows.sort()  # by idea, then person: the unique index is filled in order
    table = IdeaSupport._meta.db_table
    cursor.executemany(f"INSERT INTO {table} (idea_id, user_id, created_at) VALUES (%s, %s, %s)",
                       rows)
    cursor.executemany(f"UPDATE {Idea._meta.db_table} SET support_count = %s WHERE id = %s",
                       [(count, pk) for pk, count in zip(idea_pks, counts) if count])
    totals["supports"] = len(rows)
    del rows
load_seconds = time.perf_counter() - started

# The counts must equal the rows.
cursor = connection.cursor()
cursor.execute(
    f"SELECT COUNT(*) FROM {Idea._meta.db_table} i WHERE i.programme_id = %s AND "
    f"i.support_count != (SELECT COUNT(*) FROM {IdeaSupport._meta.db_table} s "
    f"WHERE s.idea_id = i.id)", [programme.pk])
wrong_counts = cursor.fetchone()[0]
top = list(Idea.objects.filter(programme=programme).order_by("-support_count")
           .values_list("support_count", flat=True)[:3])
print(json.dumps({
    "load_seconds": load_seconds, "draw_seconds": drawn_seconds, "totals": totals,
    "per_user": per_user, "wrong_counts": wrong_counts, "top_supports": top,
    "median_supports": sorted(counts)[len(counts) // 2],
    "municipality": f"dk-{FIRST[0]}",
    "supports_in_all": IdeaSupport.objects.count(),
}))
"""

# In-process, production settings: the SQL queries and the median time of each page, with
# /healthz/live timed the same way.
INPROCESS_SCRIPT = r"""
import json, sys
import django
django.setup()
from django.test import Client
from inprocess import Captured, timed  # bench/inprocess.py


paths, runs = json.loads(sys.argv[1])
client = Client(HTTP_HOST="127.0.0.1")


pages = {}
for path in ["/healthz/live", *paths]:
    try:
        client.get(path)  # first use: caches, content types
        with Captured() as context:
            response = client.get(path)
        pages[path] = {"status": response.status_code, "queries": len(context.captured_queries),
                       "bytes": len(response.content)} | timed(
                           lambda: client.get(path), runs, warm=False)
    except Exception as error:  # a page being written may still raise
        pages[path] = {"status": f"{type(error).__name__}: {error}"[:120]}
print(json.dumps({"pages": pages}))
"""


def parse_args(argv):
    parser = harness.arguments(
        "Benchmark the project list, the reach matrix and the ideas by support with "
        "5,000 projects, 50,000 ideas and 1,000,000 supports against the baseline "
        "(bench/README.md)."
    )
    parser.add_argument(
        "--projects", type=int, default=DEFAULT_PROJECTS, help=f"projects ({DEFAULT_PROJECTS})"
    )
    parser.add_argument("--ideas", type=int, default=DEFAULT_IDEAS, help=f"ideas ({DEFAULT_IDEAS})")
    parser.add_argument(
        "--users", type=int, default=DEFAULT_USERS, help=f"supporting people ({DEFAULT_USERS})"
    )
    parser.add_argument(
        "--supports",
        type=int,
        default=DEFAULT_SUPPORTS,
        help=f"supports, shared equally among the people ({DEFAULT_SUPPORTS})",
    )
    parser.add_argument("--runs", type=int, default=5, help="in-process runs per page (5)")
    parser.add_argument(
        "--load-only",
        action="store_true",
        help="prepare and load, print the load figures, serve nothing",
    )
    args = harness.parse(
        parser,
        argv,
        projects=(1, 200_000),
        ideas=(1, 1_000_000),
        users=(1, 1_000_000),
        supports=(0, 10_000_000),
        runs=(1, 100),
    )
    if args.supports // args.users > args.ideas:
        parser.error("each person can support each idea only once: --supports / --users > --ideas")
    return args


def pages(municipality: str) -> list[tuple[str, str]]:
    return [
        ("projects", "/prosjekter/"),
        ("reach", f"/program/{SLUG}/rekkevidde/"),
        ("ideas by support", "/ideer/?sort=support"),
        ("municipality", f"/program/{SLUG}/kommuner/{municipality}/"),
        ("report 2019", f"/program/{SLUG}/rapport/2019/"),
        ("api projects", "/api/v1/projects"),
        ("api reach", f"/api/v1/reach?programme={SLUG}"),
        ("api ideas", "/api/v1/ideas?sort=support"),
    ]


def main(argv=None) -> int:
    args = parse_args(argv)

    def measure(instance: harness.Instance) -> int:
        instance.prepare()
        print(
            f"  bulk-loading {args.projects} projects, {args.users} people, {args.ideas} ideas "
            f"and {args.supports} supports",
            file=sys.stderr,
            flush=True,
        )
        loaded = instance.python(
            LOAD_SCRIPT,
            *(str(n) for n in (args.projects, args.ideas, args.users, args.supports)),
            SLUG,
        )
        print(
            f"  loaded in {loaded['load_seconds']:.1f} s: {loaded['totals']}",
            file=sys.stderr,
            flush=True,
        )
        rows = pages(loaded["municipality"])
        results: list[dict] = []
        inprocess: dict = {}
        if not args.load_only:
            instance.serve(args.workers)
            results = instance.drive(rows, args)
            instance.stop()
            print("  in-process: queries and times per page", file=sys.stderr, flush=True)
            inprocess = instance.python(
                INPROCESS_SCRIPT, json.dumps([[p for _n, p in rows], args.runs])
            )
        failed = report(args, loaded, results, inprocess)
        harness.write_json(args.json, args, loaded=loaded, results=results, inprocess=inprocess)
        return 1 if failed else 0

    return harness.run(measure, name="projects", args=args)


def report(args, loaded: dict, results: list[dict], inprocess: dict) -> bool:
    """Print the figures; whether a count is wrong or a row had errors."""
    totals = loaded["totals"]
    print()
    print(
        f"samspill projects benchmark: {totals['projects']} projects ({totals['partners']} "
        f"partner links, {totals['project municipalities']} municipality links), "
        f"{totals['ideas']} ideas, {totals['supports']} supports by {totals['users']} people "
        f"({loaded['per_user']} each), bulk-loaded in {loaded['load_seconds']:.1f} s "
        f"(drawing {loaded['draw_seconds']:.1f} s); {harness.load_summary(args)}, "
        f"{harness.machine()}, SQLite"
    )
    print(
        f"Supports per idea: top {loaded['top_supports']}, median {loaded['median_supports']}; "
        + (
            "every Idea.support_count equals its rows."
            if not loaded["wrong_counts"]
            else f"{loaded['wrong_counts']} ideas have a support_count that differs from the rows!"
        )
    )
    failed = bool(loaded["wrong_counts"])
    if results:
        print(harness.table(results))
        print("\nIn-process (Django's test client, one anonymous request after a warm one):")
        timings = inprocess["pages"]
        base = timings.get("/healthz/live", {}).get("median_ms") or 0
        width = max(len(path) for path in timings)
        for path, page in timings.items():
            if "queries" not in page:
                print(f"  {path.ljust(width)}  {page['status']}")
                continue
            vs = f"  = {page['median_ms'] / base:6.1f}x /healthz/live" if base else ""
            print(
                f"  {path.ljust(width)}  {page['queries']:3d} queries  median "
                f"{page['median_ms']:8.1f} ms{vs}  (HTTP {page['status']}, "
                f"{page['bytes'] // 1024} KiB)"
            )
        print(f"\n{harness.COMPARE}")
        failed = harness.report_errors(results) or failed
    return failed


if __name__ == "__main__":
    sys.exit(main())
