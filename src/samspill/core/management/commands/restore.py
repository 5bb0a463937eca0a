"""`samspill restore FILE [--force]`: bring a backup back (samspill.core.backup): checks the file,
restores the database and the media files, then migrates forward."""

import time

from django.core.management.base import BaseCommand, CommandError

from samspill.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a file written by `samspill backup` into this machine's database (DATABASE_URL) "
        "and MEDIA_ROOT, then migrate. Stop the app servers and workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup file (.tar.gz)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that is not empty (and move existing media files aside)",
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            result = backup_restore(
                options["file"],
                force=options["force"],
                log=lambda line: self.stdout.write(line) if options["verbosity"] else None,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        counts = manifest.get("row_counts") or {}
        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest.get('created_at')} "
                f"(samspill {manifest.get('samspill_version')}, "
                f"{manifest['database']['engine']}) in {time.perf_counter() - started:.1f} s."
            )
        )
        self.stdout.write(
            f"  database: {sum(counts.values())} rows in {len(counts)} main tables, e.g. "
            + ", ".join(
                f"{label} {counts[label]}"
                for label in ("core.User", "core.Organisation", "wagtailcore.Page")
                if label in counts
            )
        )
        self.stdout.write(f"  media: {result.media_files} files")
        if result.moved_aside:
            self.stdout.write(f"  the media files that were there: moved to {result.moved_aside}")
        if result.migrated:
            self.stdout.write(
                f"  migrated forward: {len(result.migrated)} migrations ("
                + ", ".join(result.migrated[:10])
                + (", ..." if len(result.migrated) > 10 else "")
                + ")"
            )
        else:
            self.stdout.write("  migrations: already up to date")
