"""Keeping the database task queue (django-tasks-db) healthy and free of personal data.

- Tasks a dead worker left RUNNING go back to READY after `TASKS_RUNNING_TIMEOUT` seconds, until
  they have been tried `TASKS_MAX_ATTEMPTS` times; then they are FAILED (`tasks_requeue_stuck`).
- Finished results, and emails that could not be sent, are deleted after
  `TASKS_RESULT_RETENTION_DAYS` days (`task_results_prune`, the daily periodic job
  core.prune_task_results); expired rate limit counters, cache entries and sessions go hourly
  (`expired_prune`, core.prune_expired).
- Deleting an account erases the queued or finished tasks that still name the person
  (`tasks_erase_mentions`).

`samspill worker` requeues when it starts and every `TASKS_HOUSEKEEPING_INTERVAL` seconds, and
runs the pruning as periodic jobs (`core.periodic`); `samspill prune-tasks` does both by hand.
"""

import json
import logging
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import Case, Func, IntegerField, Q, Value, When
from django.db.models.lookups import LessThan
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from samspill.core.models import CacheEntry, OutgoingEmail, RateLimitCounter

logger = logging.getLogger(__name__)

WORKER_LOST = "samspill.core.taskqueue.WorkerLost"


class JSONArrayLength(Func):
    """The length of a JSON array column (the claims in `DBTaskResult.worker_ids`)."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="JSON_ARRAY_LENGTH", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="JSONB_ARRAY_LENGTH", **extra)

    def as_mysql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="JSON_LENGTH", **extra)


def tasks_requeue_stuck(*, now=None) -> int:
    """Put tasks RUNNING for longer than the timeout back in the queue, in one UPDATE; a task that
    has been claimed `TASKS_MAX_ATTEMPTS` times fails instead. Returns how many rows changed.

    Every claim appends the worker's id to `worker_ids`, so its length counts the attempts."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASKS_RUNNING_TIMEOUT)
    retry = LessThan(JSONArrayLength("worker_ids"), settings.TASKS_MAX_ATTEMPTS)
    changed = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).update(
        status=Case(
            When(retry, then=Value(TaskResultStatus.READY)),
            default=Value(TaskResultStatus.FAILED),
        ),
        finished_at=Case(When(retry, then=Value(None)), default=Value(now)),
        exception_class_path=Case(When(retry, then=Value("")), default=Value(WORKER_LOST)),
        traceback=Case(
            When(retry, then=Value("")),
            default=Value(
                "The worker stopped while running this task, "
                f"{settings.TASKS_MAX_ATTEMPTS} times in a row: it is not tried again."
            ),
        ),
    )
    if changed:
        logger.warning(
            "%s task(s) left running by a stopped worker were requeued or failed", changed
        )
    return changed


def task_results_prune(*, now=None) -> dict[str, int]:
    """Delete finished task results and unsent emails older than the retention (the periodic job
    core.prune_task_results). Returns how many rows of each."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.TASKS_RESULT_RETENTION_DAYS)
    results, _rows = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=cutoff,
    ).delete()
    emails, _rows = OutgoingEmail.objects.filter(created_at__lt=cutoff).delete()
    return {"task_results": results, "emails": emails}


def expired_prune(*, now=None) -> dict[str, int]:
    """Delete expired rate limit counters, cache entries and sessions (the periodic job
    core.prune_expired). Returns how many rows of each (sessions: None when their store, a
    cache, expires them by itself)."""
    now = now or timezone.now()
    counters, _rows = RateLimitCounter.objects.filter(expires_at__lt=now).delete()
    cache_entries, _rows = CacheEntry.objects.filter(expires__lt=now).delete()
    return {
        "rate_limit_counters": counters,
        "cache_entries": cache_entries,
        "sessions": sessions_prune(now=now),
    }


def sessions_prune(*, now=None) -> int | None:
    """Expired sessions, when they are kept in the database (Django's `clearsessions`)."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
        return None
    deleted, _rows = Session.objects.filter(expire_date__lt=now or timezone.now()).delete()
    return deleted


def tasks_prune(*, now=None) -> dict[str, int]:
    """Everything past its retention: finished task results, unsent emails, expired rate limit
    counters and cache entries. Returns how many rows of each."""
    done = {**task_results_prune(now=now), **expired_prune(now=now)}
    done.pop("sessions")
    return done


def tasks_housekeeping(*, now=None) -> dict[str, int]:
    """What the worker runs at start and then periodically."""
    return {"requeued_or_failed": tasks_requeue_stuck(now=now), **tasks_prune(now=now)}


def _spellings(text: str) -> set[str]:
    """The text as typed and as JSON stores it (SQLite keeps JSON with non-ASCII escaped)."""
    return {text, json.dumps(text)[1:-1]}


def _mentioning(needles) -> Q:
    condition = Q()
    for needle in needles:
        for spelling in _spellings(needle):
            condition |= (
                Q(args_kwargs__icontains=spelling)
                | Q(return_value__icontains=spelling)
                | Q(traceback__icontains=spelling)
            )
    return condition


def tasks_erase_mentions(*, addresses: list[str], names: list[str] = ()) -> int:
    """Delete the task rows that name a person: any row with one of their email addresses, and
    finished rows with their name (a queued task is not dropped for a name that others may share).
    """
    addresses = [a for a in addresses if a]
    names = [n for n in names if n and len(n.strip()) >= 3]
    condition = Q()
    if addresses:
        condition |= _mentioning(addresses)
    if names:
        condition |= Q(
            _mentioning(names),
            status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        )
    if not condition:
        return 0
    deleted, _rows = DBTaskResult.objects.filter(condition).delete()
    return deleted
