from django.core.management.base import BaseCommand

from samspill.core import periodic


class Command(BaseCommand):
    help = (
        "Send the day-before reminder to confirmed participants of events starting within 24 "
        "hours. The worker does it every 15 minutes (the periodic job events.send_reminders); "
        "this runs it now, recorded the same way. Each person is reminded once."
    )

    def handle(self, *args, **options):
        result = periodic.run_from_command(self, "events.send_reminders")
        self.stdout.write(f"{result.get('sent', 0)} reminder(s) sent.")
