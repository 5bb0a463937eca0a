"""`samspill email_bounces [FILE]`: record the addresses a mail provider reported as undeliverable
(one per line, or a CSV export with an "email" or "address" column; `-` or nothing reads standard
input), so that Reports → Emails counts them as bounced under the kind of email that bounced."""

import csv
import sys

from django.core.management.base import BaseCommand

from samspill.core.mail import email_bounced


def addresses(lines) -> list[str]:
    rows = list(lines)
    if rows and "," in rows[0]:
        reader = csv.DictReader(rows)
        column = next(
            (
                name
                for name in reader.fieldnames or ()
                if name.strip().lower() in {"email", "address"}
            ),
            None,
        )
        if column is not None:
            return [row[column].strip() for row in reader if (row.get(column) or "").strip()]
    return [line.strip() for line in rows if "@" in line]


class Command(BaseCommand):
    help = "Record bounced addresses (one per line or a CSV with an email column)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="-")

    def handle(self, *args, file="-", **options):
        if file == "-":
            lines = sys.stdin.read().splitlines()
        else:
            with open(file, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        found = addresses(lines)
        recorded = sum(email_bounced(address) for address in found)
        self.stdout.write(f"{recorded} of {len(found)} addresses recorded as bounced")
