"""Periodic jobs without cron: a schedule in the database (`core.PeriodicJob`), run by the worker.

Apps register their jobs in `ready()` (`registry.register_periodic_job`) with a default interval;
`sync_jobs` (after `migrate`, and when a worker starts) makes a row for each, and moves a row's
interval to a new default only while no hub admin has changed it. The rows are what `samspill
jobs`, the admin's "Periodic jobs" screen and its dashboard warning show.

Claiming. A job is due when it is enabled and `next_run_at` has passed. A worker claims it with
one conditional UPDATE (compare-and-set on the `next_run_at` and `running_since` it read): the
same statement moves `next_run_at` on and sets `running_since` and `claimed_by`, so of several
workers (threads, processes, machines; SQLite or PostgreSQL) exactly one gets "1 row changed" and
runs it. The others see 0 and go on. A claim older than `PERIODIC_JOBS_TIMEOUT` seconds belongs to
a worker that stopped mid-run: the next claim takes it over and records the lost run as failed.

Running. The worker's scheduler thread looks for due jobs every `PERIODIC_JOBS_POLL` seconds and
runs each job it claimed in a thread of its own, in the worker process (not as a django-tasks
task): the row then records the run itself (its start, duration, result, traceback), with no
second queue and claim in between, and a long link check does not hold up the reminders that are
due meanwhile (nor the task queue, which runs in the worker's main thread). A job never runs twice
at once, because the claim stays until the run is recorded. A failure is logged and recorded
(`last_status`, `last_error` with the traceback's tail, `failure_count`); the loop goes on.

Cron stays possible: `samspill jobs run NAME`, and the apps' own commands (`send-reminders`,
`check-links`, `send-match-digests`, `prune-tasks`) run a job at once through `run_now`, which
claims and records it the same way, and which the worker's schedule then counts from.
"""

import logging
import os
import socket
import threading
import time
import traceback
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from samspill.core import registry
from samspill.core.errors import Conflict, NotFound
from samspill.core.models import JobStatus, PeriodicJob

logger = logging.getLogger("samspill.periodic")

ERROR_TAIL = 4000  # characters of a traceback kept in `last_error`
DAY = 24 * 60


def worker_id() -> str:
    """Who claims: the machine and process (a thread of the same worker claims under the same)."""
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


# --- The schedule ---------------------------------------------------------------------------------


WEEK = 7 * DAY
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _at(job: registry.PeriodicJob, interval: int):
    """(weekday or None, time of day) a job of a day or more is pinned to, or None. `at` is
    "06:30", or "mon 06:30" for a job that runs on that weekday (the weekly digest)."""
    if not job.at or interval < DAY:
        return None
    day, _space, clock = job.at.strip().lower().rpartition(" ")
    weekday = WEEKDAYS.index(day[:3]) if day else None
    return weekday, datetime.strptime(clock, "%H:%M").time()


def first_run(job: registry.PeriodicJob, now: datetime) -> datetime:
    """When a new job first runs: at once, or at its time of day (on its weekday)."""
    at = _at(job, job.interval)
    return now if at is None else _next_time_of_day(at, now)


def next_run(job: registry.PeriodicJob, interval: int, start: datetime) -> datetime:
    """The run after one that started at `start`: an interval later; a job pinned to a time of
    day runs at that time, on the day an interval later (a late run does not shift it); one
    pinned to a weekday too runs on that weekday, the first one at least an interval (and at
    most a week) after the day it should have run on."""
    at = _at(job, interval)
    if at is None:
        return start + timedelta(minutes=interval)
    if at[0] is None:
        return _next_time_of_day(at, start + timedelta(minutes=interval - DAY))
    return _next_time_of_day(at, max(start, start + timedelta(minutes=interval - WEEK)))


def _next_time_of_day(at, after: datetime) -> datetime:
    weekday, clock = at
    local = timezone.localtime(after)
    day = local.date()
    while True:
        candidate = timezone.make_aware(datetime.combine(day, clock))
        if candidate > after and (weekday is None or day.weekday() == weekday):
            return candidate
        day += timedelta(days=1)


def sync_jobs(*, using: str = DEFAULT_DB_ALIAS, now=None, **_signal) -> int:
    """Make a row for every registered job and follow changed defaults; returns how many rows
    were made. Safe to run at once from several workers (the name is unique)."""
    now = now or timezone.now()
    jobs = registry.periodic_jobs()
    rows = PeriodicJob.objects.using(using)
    existing = {row.name: row for row in rows.filter(name__in=jobs)}
    made = 0
    for name, job in jobs.items():
        row = existing.get(name)
        if row is None:
            try:
                _row, created = rows.get_or_create(
                    name=name,
                    defaults={
                        "interval": job.interval,
                        "default_interval": job.interval,
                        "next_run_at": first_run(job, now),
                    },
                )
            except IntegrityError:  # another worker made it between the read and the write
                continue
            made += created
        elif row.default_interval != job.interval:
            changes = {"default_interval": job.interval}
            if row.interval == row.default_interval:
                changes["interval"] = job.interval
            rows.filter(pk=row.pk, default_interval=row.default_interval).update(**changes)
    return made


def sync_jobs_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate: rows for the registered jobs (not when migrating back past the table)."""
    if PeriodicJob._meta.db_table in connections[using].introspection.table_names():
        sync_jobs(using=using)


# --- Claiming and running -------------------------------------------------------------------------


@dataclass
class Claim:
    """A job this worker holds: `since` and `by` identify the claim in the row."""

    job: registry.PeriodicJob
    pk: int
    since: datetime
    by: str


def _stale_before(now: datetime) -> datetime:
    return now - timedelta(seconds=settings.PERIODIC_JOBS_TIMEOUT)


def claim(row: PeriodicJob, *, by: str, now=None) -> Claim | None:
    """Claim the job as read in `row`, if no one changed it since: None when another worker was
    first, when it is running (and its claim is not stale) or when it is no longer registered."""
    now = now or timezone.now()
    job = registry.periodic_job(row.name)
    if job is None:
        return None
    seen = PeriodicJob.objects.filter(pk=row.pk)
    seen = (
        seen.filter(next_run_at__isnull=True)
        if row.next_run_at is None
        else seen.filter(next_run_at=row.next_run_at)
    )
    changes = {
        "running_since": now,
        "claimed_by": by,
        "last_started_at": now,
        "next_run_at": next_run(job, row.interval, now),
    }
    if row.running_since is None:
        seen = seen.filter(running_since__isnull=True)
    elif row.running_since < _stale_before(now):
        # The worker that claimed it stopped mid-run: that run failed.
        seen = seen.filter(running_since=row.running_since, claimed_by=row.claimed_by)
        changes.update(
            last_status=JobStatus.FAILED,
            last_error=_("The worker %(worker)s stopped while running this job (since %(since)s).")
            % {"worker": row.claimed_by or "?", "since": row.running_since.isoformat()},
            failure_count=F("failure_count") + 1,
        )
        logger.warning(
            "Periodic job %s: the claim of %s since %s expired; running it again",
            row.name,
            row.claimed_by,
            row.running_since,
        )
    else:
        return None
    if seen.update(**changes) != 1:
        return None
    return Claim(job=job, pk=row.pk, since=now, by=by)


def due_jobs(*, now=None):
    """Enabled, registered jobs whose time has come and that no live worker is running."""
    now = now or timezone.now()
    return (
        PeriodicJob.objects.filter(enabled=True, name__in=list(registry.periodic_jobs()))
        .filter(Q(next_run_at__lte=now) | Q(next_run_at__isnull=True))
        .filter(Q(running_since__isnull=True) | Q(running_since__lt=_stale_before(now)))
        .order_by(F("next_run_at").asc(nulls_first=True), "name")
    )


def claim_due(*, by: str, now=None) -> list[Claim]:
    now = now or timezone.now()
    claims = []
    for row in due_jobs(now=now):
        won = claim(row, by=by, now=now)
        if won is not None:
            claims.append(won)
    return claims


def _result(value) -> dict:
    """What a job returned, as a small JSON object."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        value = {"result": value}
    return {
        str(key)[:100]: item if isinstance(item, int | float | bool) else str(item)[:200]
        for key, item in list(value.items())[:20]
    }


def execute(claimed: Claim) -> PeriodicJob | None:
    """Run a claimed job and record how it went (the row, returned; None if the claim was lost
    meanwhile). Never raises what the job raised: it is logged and recorded."""
    started = time.monotonic()
    status, error, result = JobStatus.OK, "", {}
    try:
        result = _result(claimed.job.run())
    except Exception:
        status = JobStatus.FAILED
        error = traceback.format_exc()[-ERROR_TAIL:]
        logger.exception("Periodic job %s failed", claimed.job.name)
    duration = timedelta(seconds=time.monotonic() - started)
    recorded = PeriodicJob.objects.filter(
        pk=claimed.pk, running_since=claimed.since, claimed_by=claimed.by
    ).update(
        running_since=None,
        claimed_by="",
        last_finished_at=timezone.now(),
        last_status=status,
        last_error=error,
        last_result=result,
        last_duration=duration,
        run_count=F("run_count") + 1,
        failure_count=F("failure_count") + (1 if status == JobStatus.FAILED else 0),
    )
    if not recorded:
        logger.warning(
            "Periodic job %s finished after its claim expired; its run is not recorded",
            claimed.job.name,
        )
        return None
    if status == JobStatus.OK:
        logger.info("Periodic job %s: %s in %s", claimed.job.name, result or "done", duration)
    return PeriodicJob.objects.get(pk=claimed.pk)


def run_due(*, by: str | None = None, now=None) -> list[PeriodicJob | None]:
    """Claim every due job and run them one after the other, in this thread."""
    return [execute(claimed) for claimed in claim_due(by=by or worker_id(), now=now)]


def run_now(name: str, *, by: str | None = None, run=None) -> PeriodicJob:
    """Run one job at once, whatever its schedule (also a disabled one), recorded like the
    worker's runs; its next run is counted from now. `run` does the job's work another way (an
    app's command with its own options). Raises NotFound for a name no app registered and
    Conflict while a worker runs it."""
    if registry.periodic_job(name) is None:
        raise NotFound(_("There is no periodic job called “%(name)s”.") % {"name": name})
    sync_jobs()
    row = PeriodicJob.objects.get(name=name)
    claimed = claim(row, by=by or worker_id())
    if claimed is None:
        raise Conflict(
            _("The job “%(name)s” is running now (%(worker)s); try again when it has finished.")
            % {"name": name, "worker": row.claimed_by or "?"}
        )
    if run is not None:
        claimed.job = replace(claimed.job, run=run)
    return execute(claimed) or PeriodicJob.objects.get(pk=row.pk)


def run_from_command(command, name: str, *, run=None) -> dict:
    """An app's cron command (`send-reminders`, ...): run its job now and record it. Returns the
    job's result; a job another worker is running is left to it (a note, exit code 0); a failed
    run raises CommandError (exit code 1, so cron reports it)."""
    from django.core.management.base import CommandError

    try:
        row = run_now(name, run=run)
    except Conflict as error:
        command.stderr.write(str(error.message))
        return {}
    if row.last_status == JobStatus.FAILED:
        raise CommandError(row.last_error.strip())
    return row.last_result


# --- The worker's scheduler -----------------------------------------------------------------------


def _run_in_thread(claimed: Claim) -> None:
    try:
        execute(claimed)
    except Exception:  # recording failed (the database went away): the claim expires
        logger.exception("Periodic job %s could not be recorded", claimed.job.name)
    finally:
        connection.close()


def tick(*, by: str, now=None) -> list[threading.Thread]:
    """One round of the scheduler: claim the due jobs and start each in a thread of its own."""
    threads = []
    for claimed in claim_due(by=by, now=now):
        thread = threading.Thread(
            target=_run_in_thread,
            args=(claimed,),
            name=f"samspill-job-{claimed.job.name}",
            daemon=True,
        )
        thread.start()
        threads.append(thread)
    return threads


def release_claims(*, by: str, threads=(), wait: float = 5) -> int:
    """When a worker stops: give its jobs' threads `wait` seconds to finish, then record the runs
    still going as failed and free them, so they run again at their next time instead of after
    `PERIODIC_JOBS_TIMEOUT`. Returns how many were freed."""
    deadline = time.monotonic() + wait
    for thread in threads:
        thread.join(max(0, deadline - time.monotonic()))
    freed = PeriodicJob.objects.filter(claimed_by=by, running_since__isnull=False).update(
        running_since=None,
        claimed_by="",
        last_finished_at=timezone.now(),
        last_status=JobStatus.FAILED,
        last_error=_("The worker %(worker)s stopped while running this job.") % {"worker": by},
        run_count=F("run_count") + 1,
        failure_count=F("failure_count") + 1,
    )
    if freed:
        logger.warning("The worker stopped while running %s periodic job(s)", freed)
    return freed


def scheduler_loop(stop: threading.Event, *, poll: float, by: str | None = None) -> None:
    """The worker's scheduler thread: a round every `poll` seconds until `stop` is set, then it
    frees the claims of the jobs it has not finished (`release_claims`). Nothing a job or the
    database does ends it."""
    by = by or worker_id()
    synced = False
    running: list[threading.Thread] = []
    while not stop.is_set():
        try:
            if not synced:
                sync_jobs()
                synced = True
            running = [thread for thread in running if thread.is_alive()] + tick(by=by)
        except Exception:
            logger.exception("The periodic job scheduler failed this round; it tries again")
        finally:
            connection.close()
        stop.wait(poll)
    try:
        release_claims(by=by, threads=running)
    except Exception:
        logger.exception("Could not free the claims of the periodic jobs this worker ran")
    finally:
        connection.close()


# --- For people -----------------------------------------------------------------------------------


def job_update(job: PeriodicJob, *, interval: int, enabled: bool, user=None) -> PeriodicJob:
    """A hub admin's change of a job's interval or on/off. A new interval counts from the last
    start; only these three columns are written, so a run finishing meanwhile keeps its record."""
    if interval == job.interval and enabled == job.enabled:
        return job
    if interval != job.interval and job.last_started_at is not None:
        job.next_run_at = next_run(registry.periodic_job(job.name), interval, job.last_started_at)
    job.interval, job.enabled = interval, enabled
    PeriodicJob.objects.filter(pk=job.pk).update(
        interval=interval, enabled=enabled, next_run_at=job.next_run_at
    )
    log(instance=job, action="core.periodic_job.updated", user=user)
    return job


def job_request_run(job: PeriodicJob, *, user=None, now=None) -> bool:
    """Makes a job due at once, for the worker to run within `PERIODIC_JOBS_POLL` (never in the
    web request: a link check outlasts it). False when a worker is running it now."""
    due = PeriodicJob.objects.filter(pk=job.pk, running_since__isnull=True).update(
        next_run_at=now or timezone.now()
    )
    if due != 1:
        return False
    log(instance=job, action="core.periodic_job.run_requested", user=user)
    return True


def label(name: str) -> str:
    job = registry.periodic_job(name)
    return str(job.label()) if job is not None else name


def is_running(row: PeriodicJob, *, now=None) -> bool:
    now = now or timezone.now()
    return row.running_since is not None and row.running_since >= _stale_before(now)


def failed_jobs():
    """Registered jobs whose last run failed (the dashboard's warning, `samspill jobs --failed`)."""
    return PeriodicJob.objects.filter(
        last_status=JobStatus.FAILED, name__in=list(registry.periodic_jobs())
    )


def every(minutes: int) -> str:
    """An interval for people: "every 15 minutes", "every 2 hours", "every day"."""
    if minutes % DAY == 0:
        days = minutes // DAY
        return ngettext("every day", "every %(n)s days", days) % {"n": days}
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("every hour", "every %(n)s hours", hours) % {"n": hours}
    return ngettext("every minute", "every %(n)s minutes", minutes) % {"n": minutes}


def duration(value: timedelta | None) -> str:
    if value is None:
        return ""
    seconds = value.total_seconds()
    if seconds < 60:
        return _("%(s).1f s") % {"s": seconds}
    return _("%(m)d min %(s)d s") % {"m": seconds // 60, "s": seconds % 60}


def status_label(row: PeriodicJob, *, now=None) -> str:
    if is_running(row, now=now):
        return _("running")
    if row.last_status:
        return str(JobStatus(row.last_status).label)
    return _("never run")
