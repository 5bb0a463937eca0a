"""Shared by the answer finder's benchmarks: a throwaway Django instance, the demo content's words,
the labelled questions and the measures (recall@k, MRR@k).

Import this module before anything from Django: `setup()` points SAMSPILL_VAR_DIR at a new
temporary directory (unless DATABASE_URL names another database), runs migrate and returns the
directory, which `cleanup()` removes.
"""

import html
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "questions.jsonl"
EXTERNAL = ROOT / "bench" / "data" / "external"

sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

_tempdir: str | None = None


def setup(*, keep: bool = False, quiet: bool = True) -> str:
    """A fresh instance: a new SQLite database in a temporary directory (or DATABASE_URL), migrated."""
    global _tempdir
    _tempdir = tempfile.mkdtemp(prefix="samspill-bench-answers-")
    os.environ["SAMSPILL_VAR_DIR"] = _tempdir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspill.settings")
    os.environ.setdefault("SAMSPILL_ENV", "development")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # Not DEBUG: no query log kept in memory, and no N+1 detector wrapping every queryset.
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return _tempdir


def cleanup() -> None:
    from django.db import connections

    connections.close_all()
    if _tempdir and os.path.isdir(_tempdir):
        shutil.rmtree(_tempdir, ignore_errors=True)


def database_label() -> str:
    from django.db import connection

    vendor = connection.vendor
    if vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        return cursor.fetchone()[0].split(" on ")[0]


# --- The demo content's text ----------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in {"kind", "url", "key", "page", "slug", "id", "owner"}:
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def plain(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def demo_texts() -> list[tuple[str, str]]:
    """(language, plain text) of every demo article and FAQ entry."""
    from samspill.demo.data import load

    found = []
    for spec in load("knowledge")["articles"]:
        parts = [spec["title"], spec.get("summary", "")]
        for kind, value in spec["body"]:
            if kind != "video":
                parts += list(_strings(value))
        found.append((spec["language"], plain(" ".join(parts))))
    for spec in load("knowledge")["faqs"]:
        found.append((spec["language"], plain(f"{spec['question']} {spec['answer']}")))
    return found


# --- Labelled questions and measures --------------------------------------------------------------


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def reciprocal_rank(ranked: list[str], expected: set[str], k: int = 10) -> float:
    for position, answer_id in enumerate(ranked[:k], start=1):
        if answer_id in expected:
            return 1.0 / position
    return 0.0


def hit(ranked: list[str], expected: set[str], k: int = 3) -> bool:
    return any(a in expected for a in ranked[:k])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
