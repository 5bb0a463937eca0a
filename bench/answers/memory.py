"""Resident memory of a web worker that has served one answer request, lexical or hybrid.

    .venv/bin/python bench/answers/memory.py lexical|hybrid [QUESTION]

Meant to run in a fresh process against an existing instance (SAMSPILL_VAR_DIR or DATABASE_URL;
latency.py --semantic runs it after each size): it sets Django up as a gunicorn worker does, notes
VmRSS, serves `GET /api/v1/answers?q=QUESTION` through Django's WSGI handler, and prints one JSON
line: the resident memory before and after the request, the peak (VmHWM; not getrusage's
ru_maxrss, which a process started by a larger one inherits across exec), and the request's time.
"hybrid" turns semantic search on: the request loads the model and the per-process matrix of every
stored vector.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))


def status_mb(field: str) -> float:
    """A field of /proc/self/status (VmRSS, VmHWM) in MB."""
    with open("/proc/self/status", encoding="ascii") as stream:
        for line in stream:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    mode = sys.argv[1] if len(sys.argv) > 1 else "lexical"
    question = (
        sys.argv[2] if len(sys.argv) > 2 else "Hvordan registrerer jeg et enkeltpersonforetak?"
    )
    if mode not in {"lexical", "hybrid"}:
        print(__doc__)
        return 2
    os.environ["SEMANTIC_SEARCH"] = "on" if mode == "hybrid" else "off"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspill.settings")
    os.environ.setdefault("SAMSPILL_ENV", "development")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.test import Client

    setup_rss = status_mb("VmRSS")
    start = time.perf_counter()
    response = Client().get("/api/v1/answers", {"q": question})
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "mode": mode,
                "status": response.status_code,
                "setup_rss_mb": setup_rss,
                "rss_mb": status_mb("VmRSS"),
                "peak_mb": status_mb("VmHWM"),
                "request_s": seconds,
            }
        )
    )
    return 0 if response.status_code == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
