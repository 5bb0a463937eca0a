"""`samspill update-places --country NO FILE [--changes CHANGES] [--dry-run] [--split-to-first]`:
bring the municipalities and regions to a newer official list; renumbered and merged
municipalities keep their history and everything attached to them (see `core.places_update`).

`samspill update-places --shipped` loads the lists shipped with samspill (as the migration does).
"""

from django.core.management.base import BaseCommand, CommandError

from samspill.core import reference
from samspill.core.places_update import PlacesUpdateError, read_changes, update_places


class Command(BaseCommand):
    help = (
        "Update municipalities and regions from a newer official list (samspill's places JSON, "
        "see core/reference.py), following a changes file (SSB Klass changes JSON or CSV "
        "old_code,new_code[,date]). --dry-run reports without saving."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="the new list (samspill-places/1 JSON)")
        parser.add_argument("--country", choices=sorted(reference.CODE_FORMATS))
        parser.add_argument("--changes", help="old code → new code, SSB changes JSON or CSV")
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")
        parser.add_argument(
            "--split-to-first",
            action="store_true",
            help="a split municipality's links all go to its first successor (else: refused)",
        )
        parser.add_argument(
            "--shipped", action="store_true", help="load the lists shipped with samspill"
        )

    def handle(self, *args, **options):
        if options["shipped"]:
            counts = reference.ensure_reference_data()
            self.stdout.write(
                f"Regions: {counts['regions_created']} created, {counts['regions_updated']} "
                f"updated. Municipalities: {counts['municipalities_created']} created, "
                f"{counts['municipalities_updated']} updated."
            )
            return
        if not options["file"] or not options["country"]:
            raise CommandError("Give --country and the new list's FILE (or --shipped).")
        try:
            places = reference.read(options["file"], country=options["country"])
            changes = read_changes(options["changes"]) if options["changes"] else []
            report = update_places(
                places,
                changes,
                dry_run=options["dry_run"],
                split_to_first=options["split_to_first"],
            )
        except (reference.ReferenceDataError, PlacesUpdateError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Source: {places.source} (valid from {places.valid_from})")
        for line in report.lines():
            self.stdout.write(line)
