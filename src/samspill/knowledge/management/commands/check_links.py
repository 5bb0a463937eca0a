"""samspill check-links [--all] [--limit N] [--timeout S]

Checks the external links of published knowledge content that were not checked in the last week
(with --all: every link in use), oldest check first, and prints a summary. The worker runs it
nightly (the periodic job knowledge.check_links); this runs it now, recorded the same way.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from samspill.core import periodic
from samspill.knowledge import linkcheck


class Command(BaseCommand):
    help = "Check the external links of published knowledge content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", dest="everything", help="check every link in use now"
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=None,
            help="check at most this many links (default: 200, or no limit with --all)",
        )
        parser.add_argument("--timeout", type=float, default=5, help="seconds to wait per request")

    def handle(self, *args, **options):
        everything = options["everything"]
        limit = options["limit"] if options["limit"] is not None else (None if everything else 200)
        verbose = options["verbosity"] > 1

        def progress(link):
            if verbose:
                self.stdout.write(
                    f"{link.get_status_display()}\t{link.status_code or '-'}\t{link.url}"
                )

        summary = periodic.run_from_command(
            self,
            "knowledge.check_links",
            run=lambda: linkcheck.check_due_links(
                limit=limit, everything=everything, timeout=options["timeout"], progress=progress
            ).as_dict(),
        )
        if not summary:
            return
        self.stdout.write(
            _(
                "Checked %(checked)s links: %(ok)s work, %(failed)s failed for the first time, "
                "%(broken)s are broken. %(pruned)s unused links were removed."
            )
            % summary
        )
