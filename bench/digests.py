"""Digest benchmark: the daily digests of 20,000 people who follow 50 things each.

    .venv/bin/python bench/digests.py [--people 20000] [--follows 50] [--events 200]
                                      [--quiet 0.1] [--memory-people 2000] [--json results.json]
                                      [--keep]

It prepares the same throwaway production instance as bench/load.py (SQLite in a temporary
directory: migrate, collectstatic, demo), then, in the instance (fixed seed):

1. **Load**: `--people` people (languages mixed: bokmål, nynorsk, Danish, English; 5 % chose the
   weekly digest for news), the things they follow (the demo's organisations and topics and
   `things` bulk-made organisations), and `--follows` Follow rows per person (`bulk_create`). A
   share `--quiet` of the people follows only "quiet" organisations, about which nothing happens.
2. **A day of news**: `--events` events (news and new events, 3 to 1) through
   `notifications.notify_followers`, each about one followed thing (not a quiet one): timed.
3. **The baseline**: one immediate notification email (`mail.send_templated` of
   core/email/notification, as the worker sends the urgent kinds), 200 of them in a transaction
   rolled back: milliseconds per email.
4. **The daily digest**: `digests.send_digests("daily")`, once, as the worker's job runs it:
   total time, emails, notifications, the queries of each batch (the largest and smallest must be
   equal whatever the people in it: bounded per batch, not per person), emails rendered per
   second, the ratio of one digest email to one baseline email, and the process's peak memory
   (ru_maxrss) before and after.
5. **Memory**: the digests of the first `--memory-people` people built again (their rows reset)
   under tracemalloc: the peak of Python's allocations, which must not grow with the batches.
6. **Checks**: every person with something new got exactly one email, nobody without anything
   new (the quiet ones, the weekly ones) got one, and a second run sends nothing. A failed check
   fails the run.

Exit status: 0 all fine, 1 a check failed, 2 the instance could not be prepared, 130
interrupted. The functions below also run in tests/bench/test_digests.py with 50 people.
"""

import json
import random
import resource
import sys
import time
import tracemalloc

try:
    import harness  # bench/harness.py: the instance, the arguments, the JSON file
except ImportError:  # imported by the smoke test from the repository root
    from bench import harness

DEFAULT_PEOPLE = 20_000
DEFAULT_FOLLOWS = 50
DEFAULT_EVENTS = 200
THINGS = 300  # bulk-made organisations, besides the demo's; a fifth of them are quiet
LANGUAGES = [("nb", 60), ("nn", 10), ("da", 20), ("en", 10)]
NEWS, EVENTS = "bench.news", "bench.events"
SEED = 20261207
SEND_BATCH = 100  # samspill.core.mail.SEND_BATCH: emails per sending task


# --- In the instance (Django set up) --------------------------------------------------------------


def register_kinds() -> None:
    """Two kinds like the apps' (news and new events), with groups and counts."""
    from django.utils.translation import gettext_lazy, ngettext

    from samspill.core import registry

    registry.register_notification_kind(
        registry.NotificationKind(
            name=NEWS,
            label=lambda: gettext_lazy("News"),
            group=lambda: gettext_lazy("News"),
            count=lambda n: ngettext("%(n)s notification", "%(n)s notifications", n) % {"n": n},
            order=10,
        )
    )
    registry.register_notification_kind(
        registry.NotificationKind(
            name=EVENTS,
            label=lambda: gettext_lazy("Events"),
            group=lambda: gettext_lazy("Events"),
            order=20,
        )
    )


def _things(things: int = THINGS):
    """(quiet organisations, the followed things: the others, the demo's organisations and
    topics), the same in every process."""
    from samspill.core.models import Organisation

    made = list(Organisation.objects.filter(slug__startswith="benk-digest-").order_by("pk"))
    quiet = made[: things // 5]
    followed = [*made[things // 5 :], *Organisation.objects.exclude(slug__startswith="benk-")]
    try:
        from samspill.knowledge.models import TopicPage

        followed.extend(TopicPage.objects.live().order_by("pk"))
    except ImportError:
        pass
    return quiet, followed


def load(*, people: int, quiet: float, things: int = THINGS) -> dict:
    """The organisations and the people (no follows yet). Returns the ids of the quiet people
    and of those on the weekly digest for news."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from samspill.core.models import NotificationSetting, Organisation

    rng = random.Random(SEED)
    User = get_user_model()
    started = time.perf_counter()
    with transaction.atomic():
        Organisation.objects.bulk_create(
            Organisation(
                name=f"Benk-aktør {n + 1}",
                slug=f"benk-digest-{n + 1}",
                kind="association",
                is_public=True,
            )
            for n in range(things)
        )
        languages, weights = zip(*LANGUAGES, strict=True)
        users = User.objects.bulk_create(
            User(
                email=f"benk-digest-{n + 1}@example.org",
                name=f"Benk {n + 1}",
                password="!",
                preferred_language=rng.choices(languages, weights)[0],
            )
            for n in range(people)
        )
        n_quiet = int(people * quiet)
        weekly = [person for person in users[n_quiet:] if rng.random() < 0.05]
        NotificationSetting.objects.bulk_create(
            NotificationSetting(user=person, kind=NEWS, delivery="weekly") for person in weekly
        )
    quiet_things, followed = _things(things)
    return {
        "people": people,
        "things": len(quiet_things) + len(followed),
        "quiet_ids": [person.pk for person in users[:n_quiet]],
        "weekly_ids": [person.pk for person in weekly],
        "people_seconds": time.perf_counter() - started,
    }


def follow(*, first: int, last: int, follows: int, n_quiet: int, things: int = THINGS) -> int:
    """Follow rows for the people `first` to `last` (by their place in the load): each follows
    `follows` things, the quiet ones only quiet organisations. One executemany per 20,000 rows."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from samspill.core.models import Follow

    quiet_things, followed = _things(things)
    ids = list(
        get_user_model()
        .objects.filter(email__startswith="benk-digest-")
        .order_by("pk")
        .values_list("pk", flat=True)[first:last]
    )
    types = {}
    for thing in quiet_things + followed:
        model = type(thing)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model).pk
    table = Follow._meta.db_table
    sql = (
        f"INSERT INTO {table} (user_id, content_type_id, object_id, auto, created_at) "
        "VALUES (%s, %s, %s, %s, %s)"
    )
    now = timezone.now()
    rows = []
    made = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for index, pk in enumerate(ids, start=first):
            rng = random.Random(SEED * 1_000_003 + index)
            pool = quiet_things if index < n_quiet else followed
            for thing in rng.sample(pool, min(follows, len(pool))):
                rows.append((pk, types[type(thing)], thing.pk, False, now))
            if len(rows) >= 20_000:
                cursor.executemany(sql, rows)
                made += len(rows)
                rows = []
        if rows:
            cursor.executemany(sql, rows)
            made += len(rows)
    return made


def notify(*, first: int, last: int, things: int = THINGS) -> int:
    """Events `first` to `last` of the day through `notifications.notify_followers`, each about
    one followed thing (news and new events, three to one). Returns how many were told."""
    from django.db import transaction

    from samspill.core import notifications

    register_kinds()
    _quiet, followed = _things(things)
    told = 0
    for n in range(first, last):
        rng = random.Random(SEED + n)
        kind = EVENTS if n % 4 == 3 else NEWS
        thing = rng.choice(followed)
        title = f"Nytt om {thing}: sak {n + 1}" if kind == NEWS else f"Arrangement {n + 1}"
        with transaction.atomic():
            told += notifications.notify_followers(
                kind=kind,
                objs=[thing],
                title=title,
                text="Et kort sammendrag av saken, slik det står i ingressen. " * 2,
                url=f"/nyheter/sak-{n + 1}/",
                subject=thing,
            )
    return told


def baseline(runs: int = 200) -> dict:
    """Milliseconds per immediate notification email (send_templated: opt-out checks, render,
    store), in a transaction rolled back."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from samspill.core.mail import send_templated
    from samspill.core.models import Notification

    person = get_user_model().objects.filter(email__startswith="benk-digest-").first()
    row = Notification(user=person, kind=NEWS, title="Ledig plass", text="Tekst", url="/x/")

    class Rollback(Exception):
        pass

    started = time.perf_counter()
    try:
        with transaction.atomic():
            for _ in range(runs):
                send_templated(
                    "core/email/notification",
                    to=person.email,
                    recipient=person,
                    context={"notification": row, "person": person},
                    kind=NEWS,
                )
            raise Rollback
    except Rollback:
        pass
    return {"ms_per_email": (time.perf_counter() - started) * 1000 / runs, "runs": runs}


def measure() -> dict:
    """The daily digest, once: time, emails, the queries of each batch, peak memory."""
    from inprocess import Captured  # bench/inprocess.py

    from samspill.core import digests

    batches = []
    real_batch = digests.send_batch

    def counted_batch(delivery, user_ids):
        with Captured() as context:
            started = time.perf_counter()
            done = real_batch(delivery, user_ids)
        batches.append(
            {
                "people": len(user_ids),
                "queries": len(context.captured_queries),
                "seconds": time.perf_counter() - started,
                "emails": done["emails"],
            }
        )
        return done

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    digests.send_batch = counted_batch
    try:
        started = time.perf_counter()
        with Captured() as everything:
            result = digests.send_digests("daily")
        seconds = time.perf_counter() - started
    finally:
        digests.send_batch = real_batch
    return {
        "result": result,
        "seconds": seconds,
        "queries": len(everything.captured_queries),
        "batches": batches,
        "rss_before_mb": rss_before / 1024,
        "rss_after_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def memory(people: int) -> dict:
    """The digests of the first `people` due people built again under tracemalloc (their rows
    reset, their queued emails removed): the peak of Python's allocations per batch."""
    from samspill.core import digests
    from samspill.core.models import Notification, OutgoingEmail

    ids = list(
        Notification.objects.filter(delivery="daily", emailed_at__isnull=False)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()[:people]
    )
    if not ids:
        return {"people": 0, "peaks_mb": []}
    Notification.objects.filter(user_id__in=ids, delivery="daily").update(emailed_at=None)
    last = OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    peaks = []
    tracemalloc.start()
    try:
        for start in range(0, len(ids), digests.BATCH):
            tracemalloc.reset_peak()
            digests.send_batch("daily", ids[start : start + digests.BATCH])
            peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
    finally:
        tracemalloc.stop()
    OutgoingEmail.objects.filter(pk__gt=last).delete()  # the copies made here: not counted
    return {"people": len(ids), "peaks_mb": peaks}


def check(figures: dict) -> dict:
    """Each person with something new got one email; nobody else did; a second run sends none."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from samspill.core import digests
    from samspill.core.models import Notification, OutgoingEmail

    User = get_user_model()
    told = set(
        Notification.objects.filter(delivery="daily", user__email__startswith="benk-digest-")
        .values_list("user_id", flat=True)
        .distinct()
    )
    addresses = dict(
        User.objects.filter(email__startswith="benk-digest-").values_list("email", "pk")
    )
    per_address = dict(
        OutgoingEmail.objects.filter(kind=digests.DIGEST_KIND, to__startswith="benk-digest-")
        .values_list("to")
        .annotate(n=Count("pk"))
    )
    emailed = {addresses[address]: n for address, n in per_address.items()}
    problems = []
    twice = [pk for pk, n in emailed.items() if n > 1]
    if twice:
        problems.append(f"{len(twice)} people got more than one digest")
    missing = told - set(emailed)
    if missing:
        problems.append(f"{len(missing)} people with something new got no digest")
    quiet_emailed = set(figures["quiet_ids"]) & set(emailed)
    if quiet_emailed:
        problems.append(f"{len(quiet_emailed)} people with nothing new got a digest")
    weekly_only = set(figures["weekly_ids"]) - told
    weekly_emailed = weekly_only & set(emailed)
    if weekly_emailed:
        problems.append(f"{len(weekly_emailed)} people with only weekly news got a daily digest")
    again = digests.send_digests("daily")
    if again["emails"]:
        problems.append(f"a second run sent {again['emails']} emails")
    return {
        "told": len(told),
        "emailed": len(emailed),
        "quiet": len(figures["quiet_ids"]),
        "quiet_emailed": len(quiet_emailed),
        "weekly_only": len(weekly_only),
        "second_run": again,
        "problems": problems,
    }


LOAD_SCRIPT = r"""
import json, sys, time
import django
django.setup()
import digests as bench  # bench/digests.py
people, quiet = json.loads(sys.argv[1])
print(json.dumps(bench.load(people=people, quiet=quiet)))
"""

FOLLOW_SCRIPT = r"""
import json, sys, time
import django
django.setup()
import digests as bench  # bench/digests.py
first, last, follows, n_quiet = json.loads(sys.argv[1])
started = time.perf_counter()
made = bench.follow(first=first, last=last, follows=follows, n_quiet=n_quiet)
print(json.dumps({"follows": made, "seconds": time.perf_counter() - started}))
"""

NOTIFY_SCRIPT = r"""
import json, sys, time
import django
django.setup()
import digests as bench  # bench/digests.py
first, last = json.loads(sys.argv[1])
started = time.perf_counter()
told = bench.notify(first=first, last=last)
print(json.dumps({"notifications": told, "seconds": time.perf_counter() - started}))
"""

MEASURE_SCRIPT = r"""
import json, sys
import django
django.setup()
import digests as bench  # bench/digests.py
figures, memory_people = json.loads(sys.argv[1])
bench.register_kinds()
base = bench.baseline()
run = bench.measure()
mem = bench.memory(memory_people)
checked = bench.check(figures)
print(json.dumps({"baseline": base, "run": run, "memory": mem, "check": checked}))
"""

PEOPLE_PER_SNIPPET = 5000  # each snippet must finish within the harness's 600 s on a busy machine
EVENTS_PER_SNIPPET = 25


def prepare_data(instance, args) -> dict:
    """Load, follow and notify in snippets small enough for the harness's time limit."""
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    loaded = instance.python(LOAD_SCRIPT, json.dumps([args.people, args.quiet]))
    log(f"  {args.people} people in {loaded['people_seconds']:.1f} s")
    n_quiet = len(loaded["quiet_ids"])
    follows = seconds = 0.0
    for first in range(0, args.people, PEOPLE_PER_SNIPPET):
        last = min(args.people, first + PEOPLE_PER_SNIPPET)
        done = instance.python(FOLLOW_SCRIPT, json.dumps([first, last, args.follows, n_quiet]))
        follows += done["follows"]
        seconds += done["seconds"]
        log(f"  follows of people {first + 1}–{last}: {done['follows']} in {done['seconds']:.1f} s")
    loaded["follows"], loaded["follow_seconds"] = int(follows), seconds
    told = seconds = 0.0
    for first in range(0, args.events, EVENTS_PER_SNIPPET):
        last = min(args.events, first + EVENTS_PER_SNIPPET)
        done = instance.python(NOTIFY_SCRIPT, json.dumps([first, last]))
        told += done["notifications"]
        seconds += done["seconds"]
        log(f"  events {first + 1}–{last}: {done['notifications']} told in {done['seconds']:.1f} s")
    loaded["notifications"], loaded["notify_seconds"] = int(told), seconds
    return loaded


# --- The command ----------------------------------------------------------------------------------


def parse_args(argv):
    parser = harness.arguments(
        "Benchmark the daily digests of 20,000 people following 50 things each (bench/README.md).",
        load=False,
    )
    parser.add_argument("--people", type=int, default=DEFAULT_PEOPLE, help="people (20000)")
    parser.add_argument(
        "--follows", type=int, default=DEFAULT_FOLLOWS, help="things each follows (50)"
    )
    parser.add_argument(
        "--events", type=int, default=DEFAULT_EVENTS, help="news and events in the day (200)"
    )
    parser.add_argument(
        "--quiet", type=float, default=0.1, help="share of people with nothing new (0.1)"
    )
    parser.add_argument(
        "--memory-people",
        type=int,
        default=2000,
        help="people whose digests are built again under tracemalloc (2000)",
    )
    args = harness.parse(
        parser,
        argv,
        people=(1, 1_000_000),
        follows=(1, 200),
        events=(1, 10_000),
        memory_people=(0, 1_000_000),
    )
    if not 0 <= args.quiet < 1:
        parser.error("--quiet must be at least 0 and under 1")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    harness.SETUP_TIMEOUT = 1800  # the digest snippet renders 18,000 emails on a shared machine

    def body(instance: harness.Instance) -> int:
        instance.prepare()
        print(
            f"  {args.people} people following {args.follows} things each, {args.events} events,"
            " then the daily digest",
            file=sys.stderr,
            flush=True,
        )
        loaded = prepare_data(instance, args)
        print("  the daily digest", file=sys.stderr, flush=True)
        out = instance.python(
            MEASURE_SCRIPT,
            json.dumps(
                [
                    {key: loaded[key] for key in ("quiet_ids", "weekly_ids")},
                    args.memory_people,
                ]
            ),
        )
        out["loaded"] = {k: v for k, v in loaded.items() if not k.endswith("_ids")}
        report(args, out)
        harness.write_json(args.json, args, **out)
        return 1 if out["check"]["problems"] else 0

    return harness.run(body, name="digests", args=args)


def report(args, out: dict) -> None:
    loaded, run, check_ = out["loaded"], out["run"], out["check"]
    result = run["result"]
    emails = result["emails"]
    print()
    print(
        f"samspill digest benchmark: {args.people} people following {args.follows} of "
        f"{loaded['things']} things each ({loaded['follows']} follows written in "
        f"{loaded['follow_seconds']:.1f} s), "
        f"{args.events} events → {loaded['notifications']} notifications through "
        f"notify_followers in {loaded['notify_seconds']:.1f} s, {harness.machine()}, SQLite"
    )
    per_email = run["seconds"] * 1000 / max(emails, 1)
    base = out["baseline"]["ms_per_email"]
    print(
        f"Daily digest: {emails} emails for {result['people']} people "
        f"({result['notifications']} notifications, {result['skipped']} skipped) in "
        f"{run['seconds']:.1f} s = {emails / max(run['seconds'], 1e-9):.0f} emails rendered "
        f"and queued per second, {per_email:.2f} ms each"
    )
    print(
        f"Baseline: one immediate notification email (send_templated) {base:.2f} ms; a digest "
        f"email = {per_email / base:.2f}x the baseline"
    )
    batches = run["batches"]
    counts = sorted(batch["queries"] for batch in batches)
    size = max(batch["people"] for batch in batches)
    full = [batch for batch in batches if batch["people"] == size]
    print(
        f"Queries: {run['queries']} in all, {len(batches)} batches of up to {size} people; "
        f"per batch {counts[0]}–{counts[-1]} (the claim, counts, rows, people, opt-outs, the "
        f"bulk insert and one task per {SEND_BATCH} emails), = {counts[-1] / size:.3f} per "
        f"person; slowest full batch {max(b['seconds'] for b in full):.2f} s"
    )
    mem = out["memory"]
    if mem["peaks_mb"]:
        peaks = mem["peaks_mb"]
        print(
            f"Memory: tracemalloc peak per batch {min(peaks):.1f}–{max(peaks):.1f} MiB over "
            f"{len(peaks)} batches ({mem['people']} people built again); process peak RSS "
            f"{run['rss_before_mb']:.0f} MiB before the digest, {run['rss_after_mb']:.0f} MiB "
            "after"
        )
    print(
        f"Checks: {check_['told']} people with something new, {check_['emailed']} emailed; "
        f"{check_['quiet']} with nothing new, {check_['quiet_emailed']} emailed; "
        f"{check_['weekly_only']} with only weekly news, not in the daily digest; a second run "
        f"sent {check_['second_run']['emails']} emails."
    )
    for problem in check_["problems"]:
        print(f"  FAILED: {problem}", file=sys.stderr)
    print(f"\n{harness.COMPARE}")


if __name__ == "__main__":
    sys.exit(main())
