"""Network benchmark: the directory and match suggestions with 50,000 organisations, against the
load baseline.

    .venv/bin/python bench/network.py [--organisations 50000] [--seconds 10] [--clients 8]
                                      [--workers 2] [--warmup 1] [--runs 20]
                                      [--json results.json] [--keep]

It prepares the same throwaway production instance as bench/load.py (SQLite in a temporary
directory: migrate, collectstatic, demo), then bulk-loads the organisations in one transaction
(Organisation, OrganisationProfile, audiences and 3–6 needs and offers each, `bulk_create` in
batches, with fixed-seed distributions over kinds, municipalities of the demo's places, founded
years and sizes) and fills the directory's search table (`network.search.reindex_all()`, when it
exists). Then it serves the instance with `samspill serve` and, one at a time for a fixed time:

- the baseline `/healthz/live`,
- the directory with three facets, a text search, the unfiltered directory and the API's list
  with the same three facets.

After the server stops, in a separate process on the same database (Django's test client,
production settings): the SQL queries of each page (one anonymous request after a warm one),
`network.selectors.matches_for(org)` timed in-process over `--runs` runs, and
`/api/v1/actors/<slug>/matches` for a signed-in member of that organisation, timed the same way
and compared with `/healthz/live` timed in-process. A page that is not there yet shows up as an
error row (and in the query table with its HTTP status); it never stops the run.

Exit status: 0 all fine, 1 some URL had errors, 2 the instance could not be prepared or the server
did not come up (or died), 130 interrupted.
"""

import json
import sys

import harness  # bench/harness.py: the instance, the server, the load driver, the table

DEFAULT_ORGANISATIONS = 50_000

# The three-facet directory page: what an investor looks for, start-ups in Oslo that need investment.
FACETS = "kind=startup&region=03&needs=investment"

# Runs inside the prepared instance: bulk-loads the organisations, fills the search table, picks
# the organisation whose matches are timed and a member of it; JSON on the last line.
LOAD_SCRIPT = r"""
import json, random, sys, time, datetime
import django
django.setup()
from django.db import transaction
from django.utils import timezone
from samspill.core import services as core_services
from samspill.core.models import Audience, Membership, Municipality, Organisation, Role, User
from samspill.network.models import NeedOffer, NeedOfferCategory, OrganisationProfile

N = int(sys.argv[1])
BATCH = 1000
rng = random.Random(20260505)

# kind: (weight, needs weights, offers weights, audiences)
KINDS = {
    "startup": (22, {"investment": 6, "partnerships": 4, "marketing": 3, "mentoring": 2,
                     "legal": 1, "grants-funding": 2, "talent-recruitment": 1},
                    {"technology": 6, "data-analytics": 4, "marketing": 1, "distribution": 1},
                ["start-up", "company"]),
    "venue": (12, {"booking": 6, "marketing": 4, "technology": 2, "data-analytics": 2,
                   "grants-funding": 1},
                  {"venues": 6, "rehearsal-space": 3, "talent-recruitment": 1, "partnerships": 1},
              ["organiser-venue"]),
    "label": (10, {"distribution": 5, "data-analytics": 4, "marketing": 3, "rights-management": 1},
                  {"partnerships": 4, "talent-recruitment": 3, "distribution": 1},
              ["self-employed", "company"]),
    "studio": (8, {"marketing": 4, "booking": 2, "technology": 1},
                  {"studios": 6, "rehearsal-space": 2, "mentoring": 1},
               ["self-employed"]),
    "festival": (6, {"booking": 4, "technology": 3, "marketing": 3, "grants-funding": 2,
                     "partnerships": 1},
                    {"venues": 4, "talent-recruitment": 2, "marketing": 1},
                 ["organiser-venue"]),
    "booking": (6, {"venues": 4, "data-analytics": 2, "marketing": 1},
                   {"booking": 6, "talent-recruitment": 2, "partnerships": 1},
                ["organiser-venue"]),
    "management": (6, {"booking": 3, "legal": 2, "distribution": 2, "grants-funding": 1},
                      {"mentoring": 4, "marketing": 2, "talent-recruitment": 2, "legal": 1},
                   ["self-employed"]),
    "publisher": (4, {"technology": 3, "data-analytics": 3, "partnerships": 1},
                     {"rights-management": 5, "mentoring": 2, "talent-recruitment": 1},
                  ["self-employed"]),
    "investor": (4, {"partnerships": 4, "data-analytics": 1},
                    {"investment": 6, "mentoring": 4, "partnerships": 1},
                 ["start-up"]),
    "education": (3, {"partnerships": 3, "studios": 2, "venues": 1},
                     {"talent-recruitment": 4, "mentoring": 3, "rehearsal-space": 1},
                  ["student"]),
    "association": (7, {"data-analytics": 2, "partnerships": 3, "grants-funding": 2},
                       {"partnerships": 4, "mentoring": 3, "legal": 1, "grants-funding": 1},
                    ["self-employed", "organiser-venue"]),
}
SIZES = [("1", 22), ("2-10", 46), ("11-50", 20), ("51-200", 8), ("200+", 4)]
# Rough weights by municipality code (the bigger cities hold more of the sector).
CITY_WEIGHT = {"0301": 30, "4601": 12, "5001": 10, "1103": 8, "4204": 5, "5501": 5, "101": 25,
               "751": 10, "147": 5}
FIRST = ["Lyd", "Tone", "Klang", "Takt", "Bølge", "Puls", "Rytme", "Nord", "Fjord", "Kyst",
         "Vind", "Stjerne", "Lys", "Ekko", "Strøm", "Spor", "Note", "Melodi", "Scene", "Bass"]
LAST = {"startup": ["lab", "app", "tech", "data", "verk"], "venue": ["scenen", "huset", "hallen"],
        "label": [" Plater", " Records", " Musikk"], "studio": [" Studio", " Lydstudio"],
        "festival": ["festivalen", " Festival"], "booking": [" Booking", " Agency"],
        "management": [" Management", " Artist"], "publisher": [" Forlag", " Publishing"],
        "investor": [" Kapital", " Invest", " Engler"], "education": ["skolen", " Akademi"],
        "association": ["foreningen", " Forum", "rådet"]}
SUMMARY = {
    "startup": "Oppstartsselskap som lager {thing} for musikkbransjen.",
    "venue": "Spillested med konserter og klubbkvelder flere dager i uka.",
    "label": "Uavhengig plateselskap som gir ut {genre} og holder releasekonserter.",
    "studio": "Innspillingsstudio for {genre}, med miks og mastring.",
    "festival": "Festival med konserter for {genre} hver sommer.",
    "booking": "Bookingbyrå som setter opp konserter og turneer i Norden.",
    "management": "Management for artister innen {genre}.",
    "publisher": "Musikkforlag for låtskrivere innen {genre}.",
    "investor": "Investorer som går inn i tidligfase-selskaper innen kultur og teknologi.",
    "education": "Utdanning i lydteknikk og musikkproduksjon.",
    "association": "Forening for musikere og arrangører innen {genre}.",
}
THINGS = ["en app for vokalopptak", "billettsystem med analyse", "verktøy for metadata",
          "en tjeneste for øvingsrom", "strømmedata for plateselskaper", "lydanalyse med KI"]
GENRES = ["pop", "jazz", "folkemusikk", "elektronika", "rock", "hiphop", "klassisk", "viser"]

def weighted(pairs):
    items, weights = zip(*pairs)
    return items, list(weights)

municipalities = list(Municipality.objects.select_related("region").order_by("country", "code"))
if not municipalities:
    raise SystemExit("no municipalities: was the demo built?")
muni_weights = [CITY_WEIGHT.get(m.code, 2) * (3 if m.country == "NO" else 1) for m in municipalities]
categories = {c.slug: c.pk for c in NeedOfferCategory.objects.all()}
audiences = {a.slug: a.pk for a in Audience.objects.all()}
kind_names, kind_weights = weighted([(k, v[0]) for k, v in KINDS.items()])
size_names, size_weights = weighted(SIZES)
years = list(range(1960, 2026))
year_weights = [1 + max(0, y - 1990) ** 1.6 for y in years]  # most founded recently
now = timezone.now()
AudienceLink = Organisation.audiences.through

def pick(weights_by_slug, k):
    pool = [(s, w) for s, w in weights_by_slug.items() if s in categories]
    chosen = []
    while pool and len(chosen) < k:
        slugs, weights = zip(*pool)
        s = rng.choices(slugs, weights)[0]
        chosen.append(s)
        pool = [(x, w) for x, w in pool if x != s]
    return chosen

started = time.perf_counter()
totals = {"organisations": 0, "needs_offers": 0, "profiles": 0, "audiences": 0}
with transaction.atomic():
    for first in range(0, N, BATCH):
        specs = []
        for i in range(first, min(N, first + BATCH)):
            kind = rng.choices(kind_names, kind_weights)[0]
            municipality = rng.choices(municipalities, muni_weights)[0]
            name = f"{rng.choice(FIRST)}{rng.choice(LAST[kind])} {i + 1}"
            summary = SUMMARY[kind].format(thing=rng.choice(THINGS), genre=rng.choice(GENRES))
            description = (
                f"<p>{summary} Vi holder til i {municipality.name} og samarbeider gjerne med "
                f"andre i nettverket.</p>"
            )
            specs.append((kind, municipality, name, summary, description))
        organisations = Organisation.objects.bulk_create([
            Organisation(name=name, slug=f"benk-{first + n + 1}", kind=kind,
                         country=municipality.country, municipality=municipality,
                         summary=summary, description=description, is_public=True)
            for n, (kind, municipality, name, summary, description) in enumerate(specs)
        ])
        profiles, rows, links = [], [], []
        for organisation in organisations:
            _w, needs_w, offers_w, serves = KINDS[organisation.kind]
            profiles.append(OrganisationProfile(
                organisation=organisation,
                founded_year=rng.choices(years, year_weights)[0],
                size=rng.choices(size_names, size_weights)[0],
                last_active_at=now - datetime.timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60)),
            ))
            total = rng.randint(3, 6)
            n_needs = rng.randint(1, min(4, total - 1))
            for direction, slugs in (("need", pick(needs_w, n_needs)),
                                     ("offer", pick(offers_w, total - n_needs))):
                for slug in slugs:
                    rows.append(NeedOffer(organisation=organisation, direction=direction,
                                          category_id=categories[slug],
                                          text=f"{direction} {slug}: {organisation.name}"))
            for slug in serves:
                if slug in audiences and rng.random() < 0.7:
                    links.append(AudienceLink(organisation_id=organisation.pk,
                                              audience_id=audiences[slug]))
        OrganisationProfile.objects.bulk_create(profiles)
        NeedOffer.objects.bulk_create(rows)
        AudienceLink.objects.bulk_create(links)
        totals["organisations"] += len(organisations)
        totals["profiles"] += len(profiles)
        totals["needs_offers"] += len(rows)
        totals["audiences"] += len(links)
load_seconds = time.perf_counter() - started

# The directory's full-text search reads a table of stems that signals keep up to date; bulk_create
# sends no signals, so it is filled here, as an operator would after an import.
reindex = {"available": False}
try:
    from samspill.network import search
except ImportError as error:
    reindex["error"] = f"{type(error).__name__}: {error}"
else:
    if hasattr(search, "reindex_all"):
        started = time.perf_counter()
        indexed = search.reindex_all()
        reindex = {"available": True, "seconds": time.perf_counter() - started,
                   "indexed": indexed}

# The organisation whose matches are timed: the demo's start-up Stemmeverk when the network demo
# ran, else a loaded start-up in Oslo that needs investment.
org = Organisation.objects.filter(slug="stemmeverk").first()
if org is None:
    org = (Organisation.objects.filter(slug__startswith="benk-", kind="startup",
                                       municipality__code="0301",
                                       needs_offers__direction="need",
                                       needs_offers__category__slug="investment")
           .order_by("pk").first())
member = User.objects.filter(email="benk-medlem@example.org").first()
if member is None:
    member = core_services.user_create(email="benk-medlem@example.org", password=None,
                                       email_verified=True, name="Benk Medlem")
if not Membership.objects.filter(user=member, organisation=org).exists():
    core_services.membership_create(actor=None, organisation=org, user=member, role=Role.MEMBER)
print(json.dumps({
    "load_seconds": load_seconds,
    "totals": totals,
    "reindex": reindex,
    "organisations_in_all": Organisation.objects.count(),
    "needs_offers_in_all": NeedOffer.objects.count(),
    "match_org": org.slug,
    "match_org_name": org.name,
    "member": member.pk,
    "facet_hits": Organisation.objects.filter(
        kind="startup", municipality__region__code="03",
        needs_offers__direction="need", needs_offers__category__slug="investment",
    ).distinct().count(),
}))
"""

# In-process, production settings: SQL queries per page, matches_for timed, the matches API timed
# for a signed-in member, and /healthz/live timed the same way as the in-process baseline.
INPROCESS_SCRIPT = r"""
import json, sys
import django
django.setup()
from django.test import Client
from inprocess import Captured, timed  # bench/inprocess.py
from samspill.core.models import Organisation, User
from samspill.network.selectors import matches_for

paths, slug, member_pk, runs = json.loads(sys.argv[1])
client = Client(HTTP_HOST="127.0.0.1")
queries = {}
for path in paths:
    try:
        client.get(path)  # first use: caches, content types
        with Captured() as context:
            response = client.get(path)
        queries[path] = [response.status_code, len(context.captured_queries)]
    except Exception as error:  # a page being written may still raise
        queries[path] = [f"{type(error).__name__}", 0]

timings = {}
timings["baseline /healthz/live"] = timed(lambda: client.get("/healthz/live"), runs)
org = Organisation.objects.select_related("municipality").get(slug=slug)
with Captured() as context:
    found = matches_for(org)
timings["matches_for"] = timed(lambda: matches_for(org), runs)
timings["matches_for"]["queries"] = len(context.captured_queries)
sample = [
    {"name": m.organisation.name, "kind": m.organisation.kind, "score": m.score,
     "reasons": [f"{d} {c.slug}" for d, c in m.reasons]}
    for m in found[:3]
]
api = f"/api/v1/actors/{slug}/matches"
member = User.objects.get(pk=member_pk)
client.force_login(member)
try:
    response = client.get(api)
    status = response.status_code
    with Captured() as context:
        client.get(api)
    timings["GET " + api] = timed(lambda: client.get(api), runs) | {
        "status": status, "queries": len(context.captured_queries)}
except Exception as error:
    timings["GET " + api] = {"status": f"{type(error).__name__}: {error}"[:120]}
print(json.dumps({"queries": queries, "timings": timings, "matches": len(found),
                  "sample": sample}))
"""


def parse_args(argv):
    parser = harness.arguments(
        "Benchmark the network directory and match suggestions with 50,000 organisations "
        "against the baseline (bench/README.md)."
    )
    parser.add_argument(
        "--organisations",
        type=int,
        default=DEFAULT_ORGANISATIONS,
        help=f"organisations to bulk-load ({DEFAULT_ORGANISATIONS})",
    )
    parser.add_argument(
        "--runs", type=int, default=20, help="in-process runs of the match timings (20)"
    )
    return harness.parse(parser, argv, organisations=(1, 1_000_000), runs=(1, 1000))


def pages() -> list[tuple[str, str]]:
    return [
        ("directory 3 facets", f"/nettverk/?{FACETS}"),
        ("directory search", "/nettverk/?q=konserter"),
        ("directory", "/nettverk/"),
        ("api actors 3 facets", f"/api/v1/actors?{FACETS}"),
    ]


def main(argv=None) -> int:
    args = parse_args(argv)

    def measure(instance: harness.Instance) -> int:
        rows = pages()
        instance.prepare()
        print(f"  bulk-loading {args.organisations} organisations", file=sys.stderr, flush=True)
        loaded = instance.python(LOAD_SCRIPT, str(args.organisations))
        print(
            f"  loaded in {loaded['load_seconds']:.1f} s; search table: {loaded['reindex']}",
            file=sys.stderr,
            flush=True,
        )
        instance.serve(args.workers)
        results = instance.drive(rows, args)
        instance.stop()
        print("  in-process: queries per page, match timings", file=sys.stderr, flush=True)
        inprocess = instance.python(
            INPROCESS_SCRIPT,
            json.dumps([[p for _n, p in rows], loaded["match_org"], loaded["member"], args.runs]),
        )
        report(args, loaded, results, inprocess)
        failed = harness.report_errors(results)
        harness.write_json(args.json, args, loaded=loaded, results=results, inprocess=inprocess)
        return 1 if failed else 0

    return harness.run(measure, name="network", args=args)


def report(args, loaded: dict, results: list[dict], inprocess: dict) -> None:
    totals = loaded["totals"]
    print()
    print(
        f"samspill network benchmark: {loaded['organisations_in_all']} organisations "
        f"({totals['organisations']} bulk-loaded with {totals['needs_offers']} needs and offers "
        f"in {loaded['load_seconds']:.1f} s), {harness.load_summary(args)}, {harness.machine()}, "
        f"SQLite"
    )
    reindex = loaded["reindex"]
    if reindex.get("available"):
        print(
            f"Search table: network.search.reindex_all() indexed {reindex['indexed']} in "
            f"{reindex['seconds']:.1f} s"
        )
    else:
        print(f"Search table: not filled (no network.search.reindex_all: {reindex})")
    print(f"Three facets ({FACETS}) match {loaded['facet_hits']} organisations.")
    print(harness.table(results))

    print("\nSQL queries per request (one anonymous request after a warm one, in-process):")
    width = max(len(path) for path in inprocess["queries"])
    for path, (status, count) in inprocess["queries"].items():
        print(f"  {path.ljust(width)}  {count:3d} queries  (HTTP {status})")

    timings = inprocess["timings"]
    base = timings["baseline /healthz/live"]["median_ms"]
    print(
        f"\nMatch suggestions of {loaded['match_org_name']} ({loaded['match_org']}), in-process, "
        f"{args.runs} runs ({inprocess['matches']} matches):"
    )
    for name, timing in timings.items():
        if "median_ms" not in timing:
            print(f"  {name}: {timing.get('status')}")
            continue
        extra = []
        if timing.get("queries"):
            extra.append(f"{timing['queries']} queries")
        elif "queries" in timing:
            extra.append("queries not seen by the in-process capture")
        if "status" in timing:
            extra.append(f"HTTP {timing['status']}")
        print(
            f"  {name.ljust(48)} median {timing['median_ms']:8.2f} ms  min {timing['min_ms']:8.2f}"
            f"  p95 {timing['p95_ms']:8.2f}  = {timing['median_ms'] / base:6.1f}x the baseline"
            + (f"  ({', '.join(extra)})" if extra else "")
        )
    for match in inprocess["sample"]:
        print(f"    {match['name']} ({match['kind']}, score {match['score']}): {match['reasons']}")
    print(f"\n{harness.COMPARE}")


if __name__ == "__main__":
    sys.exit(main())
