from django.conf import settings
from django.core.management.base import BaseCommand

from samspill.core import registry


class Command(BaseCommand):
    help = "Build or refresh the demo hub. Idempotent: existing content is left as it is."

    def handle(self, *args, **options):
        logins: list[str] = []
        for builder in registry.demo_builders():
            self.stdout.write(f"Demo: {builder.name} …")
            logins.extend(builder.build() or [])
        self.stdout.write(self.style.SUCCESS("The demo hub is ready."))
        self.stdout.write(f"\n  Address: {settings.SITE_URL}/   Admin: {settings.SITE_URL}/admin/")
        self.stdout.write("  Demo logins (email / password):")
        for line in logins:
            self.stdout.write(f"    {line}")
        self.stdout.write("")
