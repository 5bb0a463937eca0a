"""`samspill jobs`: the periodic jobs the worker runs (`core.periodic`).

samspill jobs              every job: interval, enabled, last run, its status and duration, next run
samspill jobs --failed     the jobs whose last run failed, with the error; exits 1 if there are any
samspill jobs run NAME     run one now (recorded like the worker's runs; exits 1 if it fails)
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samspill.core import periodic, registry
from samspill.core.errors import SamspillError
from samspill.core.models import JobStatus, PeriodicJob


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "-"


class Command(BaseCommand):
    help = "List the periodic jobs with their last and next run, or run one now."

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", choices=["list", "run"], default="list")
        parser.add_argument("name", nargs="?", help="the job to run (with `run`)")
        parser.add_argument(
            "--failed",
            action="store_true",
            help="only the jobs whose last run failed (exit code 1 if there are any)",
        )

    def handle(self, *args, **options):
        periodic.sync_jobs()
        if options["action"] == "run":
            return self._run(options["name"])
        rows = (
            periodic.failed_jobs()
            if options["failed"]
            else PeriodicJob.objects.filter(name__in=list(registry.periodic_jobs()))
        )
        rows = list(rows.order_by("name"))
        if options["failed"] and not rows:
            self.stdout.write(_("No periodic job failed in its last run."))
            return
        self._table(rows)
        if options["failed"]:
            for row in rows:
                self.stdout.write(f"\n{row.name}:\n{row.last_error.strip()}")
            raise CommandError(
                ngettext(
                    "%(n)s periodic job failed in its last run.",
                    "%(n)s periodic jobs failed in their last run.",
                    len(rows),
                )
                % {"n": len(rows)},
                returncode=1,
            )

    def _table(self, rows):
        now = timezone.now()
        header = [
            _("job"),
            _("interval"),
            _("enabled"),
            _("last run"),
            _("status"),
            _("duration"),
            _("next run"),
        ]
        lines = [
            [
                row.name,
                periodic.every(row.interval),
                _("yes") if row.enabled else _("no"),
                _when(row.last_started_at),
                periodic.status_label(row, now=now),
                periodic.duration(row.last_duration),
                _when(row.next_run_at) if row.enabled else "-",
            ]
            for row in rows
        ]
        widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]
        self.stdout.write(_("Times in %(zone)s.") % {"zone": settings.TIME_ZONE})
        for line in [header, *lines]:
            self.stdout.write(
                "  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
            )

    def _run(self, name):
        if not name:
            raise CommandError(
                _("Name the job to run: samspill jobs run NAME (see samspill jobs).")
            )
        try:
            row = periodic.run_now(name)
        except SamspillError as error:
            raise CommandError(str(error.message)) from None
        if row.last_status == JobStatus.FAILED:
            raise CommandError(
                _("%(name)s failed:\n%(error)s") % {"name": name, "error": row.last_error.strip()}
            )
        result = ", ".join(f"{key}: {value}" for key, value in row.last_result.items())
        self.stdout.write(
            _("%(name)s ran in %(duration)s. %(result)s")
            % {"name": name, "duration": periodic.duration(row.last_duration), "result": result}
        )
