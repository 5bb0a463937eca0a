"""`samspill backup [--output FILE] [--no-media]`: one file with a consistent snapshot of the
database, the media files and a manifest (samspill.core.backup). Keep it off this machine."""

import time

from django.core.management.base import BaseCommand, CommandError

from samspill.core.backup import BackupError, backup_create


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


class Command(BaseCommand):
    help = (
        "Write a backup file: a consistent database snapshot (SQLite online backup or pg_dump), "
        "the media files and a manifest. Default: VAR_DIR/backups/samspill-backup-<UTC time>.tar.gz"
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="the file to write (a .tar.gz)")
        parser.add_argument(
            "--no-media", action="store_true", help="leave the media files (uploads) out"
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            result = backup_create(
                options["output"],
                media=not options["no_media"],
                log=lambda line: self.stdout.write(line) if options["verbosity"] else None,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        rows = sum(manifest["row_counts"].values())
        media = manifest["media"]
        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {result.path} ({_size(result.size)}, mode 0600) "
                f"in {time.perf_counter() - started:.1f} s"
            )
        )
        self.stdout.write(
            f"  database: {manifest['database']['engine']}, {rows} rows in "
            f"{len(manifest['row_counts'])} main tables, "
            f"{sum(len(m) for m in manifest['migrations'].values())} migrations applied"
        )
        if media["included"]:
            self.stdout.write(f"  media: {media['files']} files, {_size(media['bytes'])}")
        self.stdout.write(
            "  It holds personal data: keep it encrypted and off this machine; restore it with "
            "`samspill restore FILE`."
        )
