"""The `samspill` command: `serve`, `worker`, `demo`, and every Django management command.

samspill serve [--host H] [--port P] [--workers N] [--with-worker]
samspill worker            run background tasks (emails, indexing) and the due periodic jobs
samspill jobs [--failed] | jobs run NAME   the periodic jobs: list, failures, run one now
samspill prune-tasks       delete old task results (the worker also does it by itself)
samspill setup             set up a hub of your own: pages, front pages, first admin (idempotent)
samspill demo              build or refresh the demo hub (idempotent)
samspill update-places --country NO FILE [--changes CHANGES] [--dry-run]   a newer official list
samspill import-knowledge FILE.jsonl   import articles (see knowledge/management/commands)
samspill reindex-answers   rebuild the answer finder's index
samspill send-reminders    send the day-before reminders that are due now (the worker does it)
samspill send-match-digests  send the weekly match emails due now (the worker does it)
samspill backup [--output FILE] [--no-media]   database snapshot + media + manifest in one file
samspill restore FILE [--force]                bring such a file back, then migrate
samspill migrate | check --deploy | createsuperuser | ...
"""

import argparse
import os
import signal
import subprocess
import sys

import django
from django.core.management import execute_from_command_line
from django.db import DatabaseError, connections


def _default_workers() -> int:
    return int(os.environ.get("WEB_CONCURRENCY", min(2 * (os.cpu_count() or 1) + 1, 8)))


def _sync_site() -> None:
    """Wagtail's default Site takes SITE_URL's address before serving (a database that is not
    migrated yet is left alone: migrate does the same). A database without a hub gets a hint."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspill.settings")
    django.setup()
    try:
        hint = _follow_settings()
    except DatabaseError:
        from django.utils.translation import gettext as _

        hint = _("The database is not up to date: run “samspill migrate” first.")
    finally:
        connections.close_all()
    if hint:
        print(hint, file=sys.stderr)


def _follow_settings() -> str:
    """The Site follows the settings; what to tell the operator, if anything."""
    # Only now: these import the models, which need the settings and the loaded apps.
    from django.utils.translation import gettext as _

    from samspill.core.services import site_follow_settings
    from samspill.core.skeleton import hub_exists

    site_follow_settings()
    if hub_exists():
        return ""
    return _(
        "No hub yet in this database: run “samspill setup” for a hub of your own "
        "(or “samspill demo” for the demo hub)."
    )


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="samspill serve", description="Serve samspill with gunicorn."
    )
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--workers", type=int, default=_default_workers())
    parser.add_argument("--threads", type=int, default=int(os.environ.get("THREADS", "4")))
    parser.add_argument(
        "--with-worker",
        action="store_true",
        help="also run the background task worker (a single-machine setup)",
    )
    args = parser.parse_args(argv)
    # The served port is the public address's port unless SITE_URL says otherwise (settings.py
    # builds its default from PORT): links in pages, feeds and emails follow `--port`.
    os.environ["PORT"] = str(args.port)
    _sync_site()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "samspill.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(args.threads),
        "--timeout",
        os.environ.get("GUNICORN_TIMEOUT", "30"),
        "--graceful-timeout",
        "10",
        "--access-logfile",
        os.environ.get("ACCESS_LOG", "-"),
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]
    worker = None
    if args.with_worker:
        worker = subprocess.Popen([sys.executable, "-m", "samspill.cli", "worker"])
    server = subprocess.Popen(command)

    def stop(signum, frame):
        for process in (server, worker):
            if process and process.poll() is None:
                process.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        code = server.wait()
    finally:
        stop(None, None)
        if worker:
            worker.wait(timeout=15)
    return code


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspill.settings")
    if argv and argv[0] == "serve":
        return serve(argv[1:])
    if argv and not argv[0].startswith("-"):
        argv[0] = argv[0].replace("-", "_")  # samspill import-knowledge = import_knowledge

    execute_from_command_line(["samspill", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
