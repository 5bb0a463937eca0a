from django.core.management.base import BaseCommand

from samspill.events import reminders


class Command(BaseCommand):
    help = (
        "Send the day-before reminder to confirmed participants of events starting within 24 "
        "hours. Safe to run often (cron, every 15 minutes): each person is reminded once."
    )

    def handle(self, *args, **options):
        sent = reminders.reminders_send()
        self.stdout.write(f"{sent} reminder(s) sent.")
