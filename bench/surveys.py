"""Surveys benchmark: the results page of a survey with 100,000 responses, against a naive count.

    .venv/bin/python bench/surveys.py [--responses 100000] [--runs 5] [--json results.json]
                                      [--keep] [--postgres postgres://user@host:port/name]

It prepares the same throwaway production instance as bench/load.py (SQLite in a temporary
directory: migrate, collectstatic, demo; with --postgres that database, dropped and created
afresh, and dropped at the end unless --keep), then bulk-loads one survey with 20 questions of every
kind (and two section breaks) and `--responses` submitted responses with their answers
(`bulk_create` in batches, fixed seed), run by the demo's first organisation, with an editor of it.

Then, in a separate process on the same database (Django's test client, production settings):

- the editor's results page (`/sporreundersokelser/<slug>/resultater/`), and the same page with a
  cross-tabulation (`?rad=…&kolonne=…`): the SQL queries of one request, and the median time over
  `--runs` runs after a warm one;
- `results.summary()` and `results.crosstab()` on their own, timed the same way;
- the same figures counted the naive way, once: every response, its answers loaded one response
  at a time, counted in dicts in Python. Its figures are checked against `results.summary()`.

The ratio naive / SQL is printed; the goal is under 1 s per page. No server is started.

Exit status: 0 all fine, 1 a page failed or the figures differ, 2 the instance could not be
prepared, 130 interrupted.
"""

import json
import sys
from urllib.parse import urlsplit, urlunsplit

import harness  # bench/harness.py: the instance, the arguments, the JSON file

DEFAULT_RESPONSES = 100_000
SLUG = "benk-kartlegging"

# Runs inside the prepared instance: the survey, its responses and answers, an editor; JSON last.
LOAD_SCRIPT = r"""
import datetime, json, random, sys, time
import django
django.setup()
from django.db import transaction
from django.utils import timezone
from samspill.core import services as core_services
from samspill.core.models import Membership, Municipality, Organisation, OrganisationKind, Role, User
from samspill.surveys.models import (OTHER, Answer, Kind, Question, Response, ResponseStatus,
                                     Survey)

N = int(sys.argv[1])
SLUG = sys.argv[2]
BATCH = 2000
rng = random.Random(20261122)

owner = Organisation.objects.order_by("pk").first()
if owner is None:
    raise SystemExit("no organisation: was the demo built?")
now = timezone.now()
survey = Survey.objects.create(
    title="Benk: kartlegging av musikkbransjen", slug=SLUG, owner=owner, is_published=True,
    results_public=True, opens_at=now - datetime.timedelta(days=30),
    closes_at=now + datetime.timedelta(days=30),
)
SPEC = [
    (Kind.SECTION, "Om dere", {}),
    (Kind.ORG_KIND, "Hva slags virksomhet er dere?", {}),
    (Kind.SINGLE, "Fase", {"options": "Idé\nOppstart\nVekst\nModen"}),
    (Kind.SINGLE, "Omsetning", {"options": "Under 1 mill\n1–10 mill\n10–50 mill\nOver 50 mill",
                                "allow_other": True}),
    (Kind.MUNICIPALITY, "Kommune", {}),
    (Kind.NUMBER, "Antall ansatte", {"min_value": 0, "max_value": 10000}),
    (Kind.NUMBER, "Grunnlagt år", {"min_value": 1900, "max_value": 2026}),
    (Kind.YES_NO, "Har dere fått offentlig støtte?", {}),
    (Kind.SECTION, "Behov", {}),
    (Kind.MULTIPLE, "Hva trenger dere?", {"options": "Investering\nMentor\nMarkedsføring\n"
                                          "Juridisk hjelp\nNettverk\nLokaler", "allow_other": True}),
    (Kind.MULTIPLE, "Hvilke kanaler bruker dere?", {"options": "Strømming\nKonserter\nRadio\n"
                                                    "Sosiale medier\nPresse"}),
    (Kind.SCALE, "Hvor nyttig er et nettverk?", {"scale_max": 5}),
    (Kind.SCALE, "Hvor fornøyd er dere med støtteordningene?", {"scale_max": 10}),
    (Kind.SCALE, "Hvor lett er det å finne kompetanse?", {"scale_max": 5}),
    (Kind.YES_NO, "Vil dere komme på samlinger?", {}),
    (Kind.SINGLE, "Hvor ofte?", {"options": "Hver måned\nHvert kvartal\nHvert år"}),
    (Kind.MATRIX, "Hvor viktig er", {"options": "Kapital\nKompetanse\nMarked\nTeknologi",
                                     "scale_max": 5}),
    (Kind.MATRIX, "Hvor godt fungerer", {"options": "Rettigheter\nDistribusjon\nBooking",
                                         "scale_max": 5}),
    (Kind.SINGLE, "Største utfordring", {"options": "Kapital\nKompetanse\nMarked\nRegelverk"}),
    (Kind.SHORT_TEXT, "Hvilke samlinger?", {}),
    (Kind.LONG_TEXT, "Noe annet?", {}),
    (Kind.SINGLE, "Hvordan hørte dere om undersøkelsen?", {"options": "E-post\nNettside\nVenner"}),
]
questions = [Question.objects.create(survey=survey, sort_order=i, kind=kind, text=text, **extra)
             for i, (kind, text, extra) in enumerate(SPEC)]
asked = [q for q in questions if q.kind != Kind.SECTION]
codes = list(Municipality.objects.values_list("code", flat=True)[:60]) or ["0301"]
kinds = list(OrganisationKind.values)
TEXTS = ["Digitale møter", "Konserter i Bergen", "Workshops om rettigheter", "Mer om finansiering",
         "=1+1", "Gjerne flere samlinger i nord", "Takk for en fin undersøkelse"]

def rows_for(question):
    kind = question.kind
    options = question.option_list
    if kind == Kind.ORG_KIND:
        return [{"option": rng.choice(kinds)}]
    if kind == Kind.MUNICIPALITY:
        return [{"option": rng.choice(codes)}] if rng.random() < 0.9 else []
    if kind == Kind.SINGLE:
        if question.allow_other and rng.random() < 0.05:
            return [{"option": OTHER, "text": rng.choice(TEXTS)}]
        weights = [len(options) - i for i in range(len(options))]
        return [{"option": rng.choices(options, weights)[0]}]
    if kind == Kind.MULTIPLE:
        chosen = [{"option": o} for o in options if rng.random() < 0.35]
        if question.allow_other and rng.random() < 0.05:
            chosen.append({"option": OTHER, "text": rng.choice(TEXTS)})
        return chosen
    if kind == Kind.NUMBER:
        low, high = question.min_value, question.max_value
        if high > 5000:
            return [{"number": min(high, int(rng.expovariate(1 / 12)))}]
        return [{"number": rng.randint(low, high)}]
    if kind == Kind.SCALE:
        return [{"number": min(question.scale_max, max(1, round(rng.gauss(question.scale_max * 0.6, 1.5))))}]
    if kind == Kind.YES_NO:
        return [{"option": "yes" if rng.random() < 0.6 else "no"}]
    if kind == Kind.MATRIX:
        return [{"row": r, "number": rng.randint(1, question.scale_max)} for r in options
                if rng.random() < 0.9]
    if kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
        return [{"text": rng.choice(TEXTS)}] if rng.random() < 0.3 else []
    return []

started = time.perf_counter()
n_answers = 0
with transaction.atomic():
    for first in range(0, N, BATCH):
        size = min(BATCH, N - first)
        responses = Response.objects.bulk_create([
            Response(survey=survey, status=ResponseStatus.SUBMITTED, one_per_person=False,
                     submitted_at=now - datetime.timedelta(minutes=rng.randrange(0, 30 * 24 * 60)),
                     section=1)
            for _ in range(size)
        ])
        answers = []
        for response in responses:
            for question in asked:
                for row in rows_for(question):
                    answers.append(Answer(response_id=response.pk, question_id=question.pk,
                                          option=row.get("option", ""), row=row.get("row", ""),
                                          number=row.get("number"), text=row.get("text", "")))
        Answer.objects.bulk_create(answers, batch_size=5000)
        n_answers += len(answers)
    # A few drafts, which never count.
    Response.objects.bulk_create([Response(survey=survey, one_per_person=False) for _ in range(50)])
load_seconds = time.perf_counter() - started

editor = User.objects.filter(email="benk-redaktor@example.org").first()
if editor is None:
    editor = core_services.user_create(email="benk-redaktor@example.org", password=None,
                                       email_verified=True, name="Benk Redaktør")
if not Membership.objects.filter(user=editor, organisation=owner).exists():
    core_services.membership_create(actor=None, organisation=owner, user=editor, role=Role.EDITOR)
print(json.dumps({
    "load_seconds": load_seconds, "responses": N, "answers": n_answers, "editor": editor.pk,
    "questions": len(asked),
    "row": next(q.key for q in asked if q.text == "Fase"),
    "column": next(q.key for q in asked if q.text == "Hva trenger dere?"),
}))
"""

# In-process, production settings: the pages' queries and times, the SQL figures against the
# naive per-response loop.
INPROCESS_SCRIPT = r"""
import json, sys, time
import django
django.setup()
from django.test import Client
from django.utils import translation
from inprocess import Captured, timed  # bench/inprocess.py
from samspill.core.models import User
from samspill.surveys import results
from samspill.surveys.models import OTHER, Answer, Kind, Response, ResponseStatus, Survey


slug, editor_pk, row_key, column_key, runs, *rest = json.loads(sys.argv[1])
skip_naive = bool(rest and rest[0])
translation.activate("nb")
survey = Survey.objects.get(slug=slug)
questions = list(survey.questions.all())
by_key = {q.key: q for q in questions}


client = Client(HTTP_HOST="127.0.0.1")
client.force_login(User.objects.get(pk=editor_pk))
page = f"/sporreundersokelser/{slug}/resultater/"
crosstab_page = f"{page}?rad={row_key}&kolonne={column_key}"
timings, statuses = {}, {}
first = {}
for name, path in (("results page", page), ("results page with cross-tabulation", crosstab_page)):
    started = time.perf_counter()
    response = client.get(path)
    # The first request counts the survey's tally (and then the pair) in SQL.
    first[name] = (time.perf_counter() - started) * 1000
    statuses[name] = response.status_code
    with Captured() as context:
        client.get(path)
    timings[name] = timed(lambda: client.get(path), runs) | {
        "queries": len(context.captured_queries), "status": response.status_code,
        "bytes": len(response.content)}

with Captured() as context:
    summary = results.summary(survey, public=False, questions=questions)
timings["results.summary()"] = timed(
    lambda: results.summary(survey, public=False, questions=questions), runs
) | {"queries": len(context.captured_queries)}
row_q, column_q = by_key[row_key], by_key[column_key]
with Captured() as context:
    table = results.crosstab(survey, row_q, column_q, public=False)
timings["results.crosstab()"] = timed(
    lambda: results.crosstab(survey, row_q, column_q, public=False), runs
) | {"queries": len(context.captured_queries)}


# The naive way: every submitted response, its answers loaded one response at a time, counted in
# dicts (what a first version without GROUP BY would do).
def naive():
    respondents = 0
    options, numbers, answered, rows = {}, {}, {}, {}
    cross = {}
    for response in Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED):
        respondents += 1
        mine = list(response.answers.all())
        seen = set()
        row_values, column_values = [], []
        for answer in mine:
            question = by_key.get(f"q{answer.question_id}")
            seen.add(answer.question_id)
            if answer.row:
                rows.setdefault((answer.question_id, answer.row), []).append(answer.number)
            elif answer.number is not None:
                numbers.setdefault(answer.question_id, []).append(answer.number)
            elif answer.option:
                key = (answer.question_id, answer.option)
                options[key] = options.get(key, 0) + 1
            if question is row_q:
                row_values.append(answer.option)
            if question is column_q:
                column_values.append(answer.option)
        for question_id in seen:
            answered[question_id] = answered.get(question_id, 0) + 1
        for r in row_values:
            for c in column_values:
                cross[(r, c)] = cross.get((r, c), 0) + 1
    means = {k: sum(v) / len(v) for k, v in numbers.items()}
    row_means = {k: sum(v) / len(v) for k, v in rows.items()}
    return respondents, options, means, row_means, answered, cross, rows


if skip_naive:  # --no-naive: the figures are not compared
    def naive():
        return summary.respondents, {}, {}, {}, {}, {}, {}
with Captured() as context:
    started = time.perf_counter()
    respondents, options, means, row_means, answered, cross, row_numbers = naive()
    naive_ms = (time.perf_counter() - started) * 1000
timings["naive per-response loop"] = {"median_ms": naive_ms, "min_ms": naive_ms,
                                      "max_ms": naive_ms, "runs": 1,
                                      "queries": len(context.captured_queries)}

# The SQL figures must be the naive ones.
differences = []
if skip_naive:
    summary = results.summary(survey, public=False, questions=[])
    table.rows = []
if summary.respondents != respondents:
    differences.append(f"respondents {summary.respondents} != {respondents}")
for result in summary.questions:
    pk = result.question.pk
    # A matrix counts the respondents of its most answered row (its rows are checked below).
    if result.kind != Kind.MATRIX and (result.answered or 0) != answered.get(pk, 0):
        differences.append(f"{result.key} answered {result.answered} != {answered.get(pk, 0)}")
    if result.kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.YES_NO, Kind.ORG_KIND, Kind.MUNICIPALITY):
        for bar in result.bars:
            if (bar.count or 0) != options.get((pk, bar.key), 0):
                differences.append(f"{result.key} {bar.key}: {bar.count} != "
                                   f"{options.get((pk, bar.key), 0)}")
    if result.kind in (Kind.SCALE, Kind.NUMBER) and result.mean is not None:
        if abs(result.mean - means[pk]) > 1e-6:
            differences.append(f"{result.key} mean {result.mean} != {means[pk]}")
    for row in result.rows:
        if (row.count or 0) != len(row_numbers.get((pk, row.label), [])):
            differences.append(f"{result.key} {row.label} count {row.count}")
        if row.mean is not None and abs(row.mean - row_means[(pk, row.label)]) > 1e-6:
            differences.append(f"{result.key} {row.label} mean {row.mean}")
for row, cells in table.rows:
    for column, cell in zip(table.columns, cells):
        if (cell or 0) != cross.get((row.key, column.key), 0):
            differences.append(f"crosstab {row.key}/{column.key}: {cell}")

# Last (the figures above are compared first): one new answer through the service, and the
# next request of the cross-tabulated page, which must show it.
from samspill.surveys import services
started = time.perf_counter()
services.response_submit(survey=survey, answers={row_q.key: row_q.option_list[0]})
submit_ms = (time.perf_counter() - started) * 1000
started = time.perf_counter()
after = client.get(crosstab_page)
next_ms = (time.perf_counter() - started) * 1000
import re
# The new count of respondents, in whatever thousands separator the language writes.
groups = f"{respondents + 1:,}".split(",")
pattern = "(?<![0-9])" + "[ ,.\u00a0\u202f]?".join(groups) + "(?![0-9])"
if not re.search(pattern, after.content.decode()):
    differences.append("the new answer is not on the next request")
print(json.dumps({"timings": timings, "statuses": statuses, "differences": differences[:20],
                  "naive_ms": naive_ms, "first_ms": first, "submit_ms": submit_ms,
                  "next_ms": next_ms}))
"""


def parse_args(argv):
    parser = harness.arguments(
        "Benchmark a survey's results page with 100,000 responses against a naive "
        "per-response count (bench/README.md).",
        load=False,
    )
    parser.add_argument(
        "--responses",
        type=int,
        default=DEFAULT_RESPONSES,
        help=f"submitted responses to bulk-load ({DEFAULT_RESPONSES})",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page (5)")
    parser.add_argument(
        "--no-naive",
        action="store_true",
        help="skip the naive per-response loop (minutes, or more on a busy machine); the "
        "figures are then not compared",
    )
    parser.add_argument(
        "--reuse",
        metavar="DIR",
        help="measure again on an instance kept with --keep (its database migrated, its tallies "
        "dropped; no load); with --postgres, the database it was kept on (used as it is)",
    )
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="run on this PostgreSQL database (postgres://user@host:port/name): dropped and "
        "created afresh, dropped at the end unless --keep",
    )
    return harness.parse(parser, argv, responses=(1, 1_000_000), runs=(1, 100))


def main(argv=None) -> int:
    args = parse_args(argv)

    def measure(instance: harness.Instance) -> int:
        instance.prepare()
        print(f"  bulk-loading {args.responses} responses", file=sys.stderr, flush=True)
        loaded = instance.python(LOAD_SCRIPT, str(args.responses), SLUG)
        print(
            f"  loaded {loaded['responses']} responses with {loaded['answers']} answers in "
            f"{loaded['load_seconds']:.1f} s",
            file=sys.stderr,
            flush=True,
        )
        print("  in-process: pages, figures, the naive loop", file=sys.stderr, flush=True)
        inprocess = instance.python(
            INPROCESS_SCRIPT,
            json.dumps(
                [SLUG, loaded["editor"], loaded["row"], loaded["column"], args.runs, args.no_naive]
            ),
        )
        failed = report(args, loaded, inprocess)
        harness.write_json(args.json, args, loaded=loaded, inprocess=inprocess)
        return 1 if failed else 0

    if args.reuse:
        return reuse(args)
    if not args.postgres:
        return harness.run(measure, name="surveys", args=args)
    import psycopg  # only with --postgres

    parts = urlsplit(args.postgres)
    name = parts.path.lstrip("/")
    admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        return harness.run(measure, name="surveys", args=args, env={"DATABASE_URL": args.postgres})
    finally:
        if not args.keep:
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# A kept instance again: what LOAD_SCRIPT printed, read back; the tallies dropped, so that the
# warm request counts them as after a load.
REUSE_SCRIPT = r"""
import json, sys
import django
django.setup()
from samspill.core.models import User
from samspill.surveys.models import Answer, Response, ResponseStatus, ResultsTally, Survey
survey = Survey.objects.get(slug=sys.argv[1])
ResultsTally.objects.all().delete()
asked = [q for q in survey.questions.all() if not q.is_section]
print(json.dumps({
    "load_seconds": 0.0,
    "responses": Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED).count(),
    "answers": Answer.objects.filter(response__survey=survey).count(),
    "editor": User.objects.get(email="benk-redaktor@example.org").pk,
    "questions": len(asked),
    "row": next(q.key for q in asked if q.text == "Fase"),
    "column": next(q.key for q in asked if q.text == "Hva trenger dere?"),
}))
"""


def reuse(args) -> int:
    from pathlib import Path

    instance = harness.Instance(
        Path(args.reuse), {"DATABASE_URL": args.postgres} if args.postgres else None
    )
    try:
        harness.run_setup(["migrate", "--noinput"], instance.env, instance.tmpdir)
        loaded = instance.python(REUSE_SCRIPT, SLUG)
        inprocess = instance.python(
            INPROCESS_SCRIPT,
            json.dumps(
                [SLUG, loaded["editor"], loaded["row"], loaded["column"], args.runs, args.no_naive]
            ),
        )
    except harness.BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    failed = report(args, loaded, inprocess)
    harness.write_json(args.json, args, loaded=loaded, inprocess=inprocess)
    return 1 if failed else 0


def report(args, loaded: dict, inprocess: dict) -> bool:
    """Print the figures; whether they differ from the naive count or a page failed."""
    print()
    print(
        f"samspill surveys benchmark: {loaded['responses']} submitted responses with "
        f"{loaded['answers']} answers to {loaded['questions']} questions (bulk-loaded in "
        f"{loaded['load_seconds']:.1f} s), {args.runs} runs, {harness.machine()}, "
        f"{'PostgreSQL' if args.postgres else 'SQLite'}"
    )
    timings = inprocess["timings"]
    width = max(len(name) for name in timings)
    for name, timing in timings.items():
        extra = [f"{timing['queries']} queries"]
        if "status" in timing:
            extra.append(f"HTTP {timing['status']}, {timing['bytes'] // 1024} KiB")
        print(
            f"  {name.ljust(width)}  median {timing['median_ms']:9.1f} ms  "
            f"min {timing['min_ms']:9.1f}  max {timing['max_ms']:9.1f}  ({', '.join(extra)})"
        )
    for name, ms in inprocess.get("first_ms", {}).items():
        print(f"  first request, {name} (counts the tally in SQL): {ms:9.1f} ms")
    if "submit_ms" in inprocess:
        print(
            f"  one new answer through services.response_submit: {inprocess['submit_ms']:.1f} ms; "
            f"the next cross-tabulated page (shows it): {inprocess['next_ms']:.1f} ms"
        )
    naive = inprocess["naive_ms"]
    summary = timings["results.summary()"]["median_ms"]
    crosstab = timings["results.crosstab()"]["median_ms"]
    print(
        f"\nNaive per-response loop / SQL (summary + cross-tabulation): "
        f"{naive / max(summary + crosstab, 0.001):.1f}x"
    )
    slow = [
        name
        for name in ("results page", "results page with cross-tabulation")
        if timings[name]["median_ms"] > 1000
    ]
    print(
        "Goal under 1 s per page: "
        + ("met" if not slow else f"NOT met for {', '.join(slow)}")
        + "."
    )
    failed = bool(inprocess["differences"]) or any(
        status != 200 for status in inprocess["statuses"].values()
    )
    if inprocess["differences"]:
        print("FIGURES DIFFER from the naive count:", file=sys.stderr)
        for line in inprocess["differences"]:
            print(f"  {line}", file=sys.stderr)
    elif args.no_naive:
        print("The naive loop was skipped (--no-naive): the figures were not compared.")
    else:
        print("The SQL figures equal the naive ones.")
    return failed


if __name__ == "__main__":
    sys.exit(main())
