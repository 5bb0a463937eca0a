from django.conf import settings
from django.core.management.base import BaseCommand

from samspill.demo import builders


class Command(BaseCommand):
    help = "Build or refresh the demo hub. Idempotent: existing content is left as it is."

    def handle(self, *args, **options):
        logins = builders.build(report=lambda name: self.stdout.write(f"Demo: {name} …"))
        self.stdout.write(self.style.SUCCESS("The demo hub is ready."))
        self.stdout.write(f"\n  Address: {settings.SITE_URL}/   Admin: {settings.SITE_URL}/admin/")
        self.stdout.write("  Demo logins (email / password):")
        for line in logins:
            self.stdout.write(f"    {line}")
        self.stdout.write("")
