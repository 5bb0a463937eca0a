"""`samspill worker`: django-tasks-db's worker, plus the queue's housekeeping and the periodic jobs.

- When it starts and then every `TASKS_HOUSEKEEPING_INTERVAL` seconds (in a thread of its own, so a
  long task does not hold it up) it puts back the tasks that a stopped worker left RUNNING
  (`core.taskqueue`).
- Unless `PERIODIC_JOBS` is off, a scheduler thread runs the periodic jobs that are due
  (reminders, link checks, digests, pruning: `core.periodic`); several workers share the schedule
  and never run one job twice.
"""

import logging
import threading

from django.conf import settings
from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from samspill.core import health, periodic
from samspill.core.taskqueue import tasks_requeue_stuck

logger = logging.getLogger("samspill.worker")


def housekeeping_once() -> None:
    try:
        tasks_requeue_stuck()
    except Exception:  # never stop the worker for it; the next round tries again
        logger.exception("Task queue housekeeping failed")


def _housekeeping_loop(stop: threading.Event, interval: float) -> None:
    while not stop.wait(interval):
        housekeeping_once()
        connection.close()


def _heartbeat_loop(stop: threading.Event, worker_id: str, interval: float) -> None:
    """Tell /healthz this worker is alive (`core.health`), now and every `interval` seconds."""
    while True:
        try:
            health.worker_beat(worker_id)
        except Exception:  # the cache is down: /healthz says so; keep running tasks
            logger.warning("The worker's heartbeat could not be written", exc_info=True)
        if stop.wait(interval):
            break


class Command(DatabaseWorkerCommand):
    help = "Run background tasks from the database queue and the periodic jobs that are due."

    def handle(self, *args, **options):
        housekeeping_once()
        stop = threading.Event()
        scheduler = None
        if not options.get("batch"):
            threading.Thread(
                target=_housekeeping_loop,
                args=(stop, settings.TASKS_HOUSEKEEPING_INTERVAL),
                name="samspill-task-housekeeping",
                daemon=True,
            ).start()
            threading.Thread(
                target=_heartbeat_loop,
                args=(stop, options["worker_id"], health.heartbeat_interval()),
                name="samspill-worker-heartbeat",
                daemon=True,
            ).start()
            if settings.PERIODIC_JOBS:
                scheduler = threading.Thread(
                    target=periodic.scheduler_loop,
                    args=(stop,),
                    kwargs={"poll": settings.PERIODIC_JOBS_POLL},
                    name="samspill-periodic-jobs",
                    daemon=True,
                )
                scheduler.start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
            if scheduler is not None:
                # It frees the claims of jobs still running (waiting a few seconds for them).
                scheduler.join(10)
            try:
                health.worker_gone(options["worker_id"])
            except Exception:
                logger.warning("The worker could not sign off from the heartbeat", exc_info=True)
