"""samspill import-knowledge FILE.jsonl [--skip-invalid] [--owner SLUG]

One article per line: {"id", "title", "body" (Markdown), "language" (nb|nn|da|sv|en), "topics",
"audiences", "organisation" (optional slug), "source_url" (optional)}. Articles are created or
updated by `id` and published; topics are created as needed. A file with any invalid line imports
nothing, unless --skip-invalid is given; every invalid line is reported with its number and reason.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from samspill.core import registry
from samspill.core.models import Audience, Organisation
from samspill.knowledge import services

BATCH = 100


class Command(BaseCommand):
    help = "Import knowledge articles from a JSON Lines file (one article per line)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .jsonl file, or - for standard input")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the valid lines of a file with errors",
        )
        parser.add_argument(
            "--owner",
            default=None,
            help="slug of the organisation that owns articles without an 'organisation' (default: the first music office)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        with stream:
            lines = [(n, line) for n, line in enumerate(stream, start=1) if line.strip()]
        audiences = {a.slug: a for a in Audience.objects.all()}
        organisations = {o.slug: o for o in Organisation.objects.all()}
        records, errors, seen = [], [], {}
        for number, line in lines:
            try:
                record = services.parse_import_line(
                    number, line, audiences=set(audiences), organisations=set(organisations)
                )
            except ValueError as error:
                errors.append((number, str(error)))
                continue
            if record.id in seen:
                errors.append(
                    (
                        number,
                        _("the id “%(id)s” was already used on line %(line)s")
                        % {"id": record.id, "line": seen[record.id]},
                    )
                )
                continue
            seen[record.id] = number
            records.append(record)
        for number, reason in errors:
            self.stderr.write(
                _("line %(number)s: %(reason)s") % {"number": number, "reason": reason}
            )
        if errors and not options["skip_invalid"]:
            raise CommandError(
                ngettext(
                    "%(count)s invalid line; nothing was imported. Fix it, or use --skip-invalid.",
                    "%(count)s invalid lines; nothing was imported. Fix them, or use --skip-invalid.",
                    len(errors),
                )
                % {"count": len(errors)}
            )
        default_owner = self._default_owner(options["owner"], organisations)
        report = services.ImportReport(errors=errors)
        cache: dict = {}
        progress = tqdm(
            total=len(records), unit="article", disable=options["no_progress"], file=self.stderr
        )
        # Batches of 100 in their own transactions, so that the site's own writes are not held up
        # for the whole import on SQLite; the index is brought up to date once, at the end.
        with registry.deferred_indexing():
            for start in range(0, len(records), BATCH):
                with transaction.atomic():
                    for record in records[start : start + BATCH]:
                        owner = (
                            organisations[record.organisation]
                            if record.organisation
                            else default_owner
                        )
                        services.import_article(
                            record, owner=owner, audiences=audiences, report=report, cache=cache
                        )
                        progress.update()
            services.import_log(report, source=path)
        progress.close()
        self.stdout.write(
            f"Imported {len(records)} article(s): {report.created} created, {report.updated} updated, "
            f"{report.topics_created} new topic(s), {len(errors)} invalid line(s) skipped."
        )

    def _default_owner(self, slug, organisations):
        if slug:
            if slug not in organisations:
                raise CommandError(f"Unknown organisation: {slug}")
            return organisations[slug]
        owner = Organisation.objects.filter(kind="music_office").order_by("pk").first() or (
            Organisation.objects.order_by("pk").first()
        )
        if owner is None:
            raise CommandError(
                "There is no organisation to own the articles. Run samspill setup (it creates the one that "
                "runs the hub), or give --owner."
            )
        return owner
