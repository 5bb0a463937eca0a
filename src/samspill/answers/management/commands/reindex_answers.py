from django.core.management.base import BaseCommand

from samspill.answers import services


class Command(BaseCommand):
    help = "Rebuild the answer finder's index from every published page."

    def handle(self, *args, **options):
        total = services.rebuild()
        self.stdout.write(f"Indexed {total} passage(s).")
