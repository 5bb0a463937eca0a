from django.core.management.base import BaseCommand

from samspill.core import periodic


class Command(BaseCommand):
    help = (
        "Send the weekly match suggestions to the members who asked for them. The worker does "
        "it hourly (the periodic job network.send_match_digests); this runs it now, recorded the "
        "same way. Each subscription gets at most one email a week."
    )

    def handle(self, *args, **options):
        result = periodic.run_from_command(self, "network.send_match_digests")
        self.stdout.write(f"{result.get('sent', 0)} match digest(s) sent.")
