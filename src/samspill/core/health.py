"""What `/healthz` reports: the database, the cache and the task queue.

The database and the cache must answer, or the app server is not ready (503): without either it
cannot serve a signed-in page. The task queue is reported, not judged: how many tasks are ready
to run, how long the oldest of them has waited, how many are running, and which workers have been
seen recently. A stopped worker delays emails but must not take the app servers out of a load
balancer; a monitor alerts on `tasks.workers_seen == 0` or a growing `tasks.oldest_ready_seconds`.

Every `samspill worker` beats (`worker_beat`) every `TASKS_HEARTBEAT_INTERVAL` seconds: it writes
its id and the time into one cache entry, which every process of the hub shares (Redis, or the
database cache table); a worker counts as seen while its last beat is younger than three
intervals.
"""

import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, F, Min, Q, When
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

HEARTBEAT_KEY = "samspill:workers:heartbeat"


def heartbeat_interval() -> int:
    return max(1, int(getattr(settings, "TASKS_HEARTBEAT_INTERVAL", 30)))


def _stale_after() -> float:
    return 3 * heartbeat_interval()


def worker_beat(worker_id: str, *, now: float | None = None) -> None:
    """Record that `worker_id` is alive (and forget workers silent for too long).

    Read, change, write: two workers beating in the same instant may lose one beat, which the
    next beat puts back; no beat is needed more often than the interval."""
    now = time.time() if now is None else now
    beats = cache.get(HEARTBEAT_KEY) or {}
    beats = {wid: seen for wid, seen in beats.items() if now - seen < _stale_after()}
    beats[worker_id] = now
    cache.set(HEARTBEAT_KEY, beats, timeout=int(_stale_after()) + 60)


def worker_gone(worker_id: str) -> None:
    """A worker that stops says so, rather than being counted until its beat goes stale."""
    beats = cache.get(HEARTBEAT_KEY) or {}
    if beats.pop(worker_id, None) is not None:
        cache.set(HEARTBEAT_KEY, beats, timeout=int(_stale_after()) + 60)


def workers_seen(*, now: float | None = None) -> dict[str, float]:
    """Worker id -> seconds since its last beat, for the workers seen recently."""
    now = time.time() if now is None else now
    beats = cache.get(HEARTBEAT_KEY) or {}
    return {wid: now - seen for wid, seen in beats.items() if now - seen < _stale_after()}


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    """Write and read back a value of our own (a cache that drops writes fails too)."""
    key = f"samspill:healthz:{secrets.token_hex(8)}"
    token = secrets.token_hex(8)
    cache.set(key, token, timeout=10)
    try:
        if cache.get(key) != token:
            raise RuntimeError("the cache did not return what was written to it")
    finally:
        cache.delete(key)


def task_queue(*, now=None) -> dict:
    """The database queue's depth and age; which workers were seen."""
    now = now or timezone.now()
    ready = Q(status=TaskResultStatus.READY) & (Q(run_after=get_date_max()) | Q(run_after__lte=now))
    # A task is waiting since it was enqueued, or since its run_after when that came later.
    waiting_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        When(run_after__gt=F("enqueued_at"), then=F("run_after")),
        default=F("enqueued_at"),
    )
    figures = DBTaskResult.objects.aggregate(
        ready=Count("pk", filter=ready),
        running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
        oldest=Min(waiting_since, filter=ready),
    )
    oldest = figures["oldest"]
    try:
        seen = workers_seen()
    except Exception:  # the cache is down: reported as such by `report`
        seen = {}
    return {
        "ready": figures["ready"],
        "running": figures["running"],
        "oldest_ready_seconds": round((now - oldest).total_seconds(), 1) if oldest else None,
        "workers_seen": len(seen),
        "worker_last_seen_seconds": round(min(seen.values()), 1) if seen else None,
    }


def report() -> tuple[bool, dict]:
    """(healthy, the report): healthy when the database and the cache answer."""
    body: dict = {"status": "ok"}
    healthy = True
    for name, check in (("database", check_database), ("cache", check_cache)):
        try:
            check()
            body[name] = "ok"
        except Exception as error:
            healthy = False
            body[name] = "unavailable"
            body[f"{name}_error"] = type(error).__name__
    if body["database"] == "ok":
        try:
            body["tasks"] = task_queue()
        except Exception as error:  # the queue's table is missing (not migrated) or unreadable
            body["tasks"] = {"error": type(error).__name__}
    if not healthy:
        body["status"] = "error"
    return healthy, body
