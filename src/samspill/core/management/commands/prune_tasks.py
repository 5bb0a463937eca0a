"""`samspill prune-tasks`: delete finished task results older than `TASKS_RESULT_RETENTION_DAYS`
(and unsent emails, expired rate limit counters and cache entries), and requeue the tasks a stopped
worker left running. `samspill worker` does the same by itself; this is for cron or by hand."""

from django.core.management.base import BaseCommand

from samspill.core.taskqueue import tasks_housekeeping


class Command(BaseCommand):
    help = "Delete old task results and requeue tasks left running by a stopped worker."

    def handle(self, *args, **options):
        done = tasks_housekeeping()
        self.stdout.write(", ".join(f"{name.replace('_', ' ')}: {n}" for name, n in done.items()))
