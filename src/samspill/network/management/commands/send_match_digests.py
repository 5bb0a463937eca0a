from django.core.management.base import BaseCommand

from samspill.network import services


class Command(BaseCommand):
    help = (
        "Send the weekly match suggestions to the members who asked for them. Safe to run often "
        "(cron, hourly or weekly): each subscription gets at most one email a week."
    )

    def handle(self, *args, **options):
        sent = services.digests_send_due()
        self.stdout.write(f"{sent} match digest(s) sent.")
