from django.core.management.base import BaseCommand

from samspill.network import search


class Command(BaseCommand):
    help = (
        "Rebuild the network directory's search table from every organisation's name, texts and "
        "needs and offers. Saves keep it current; run this after loading organisations in bulk "
        "(bulk inserts send no signals) or after changing how words are stemmed."
    )

    def handle(self, *args, **options):
        indexed = search.reindex_all()
        self.stdout.write(f"{indexed} organisation(s) indexed.")
