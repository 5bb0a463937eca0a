"""Ranking quality of the answer finder, next to a plain BM25 baseline, on labelled questions.

    .venv/bin/python bench/answers/evaluate.py [--no-external] [--no-ablations] [--misses]
                                               [--json results.json] [--keep]

In a throwaway SQLite database (a temporary directory; the script runs migrate itself) it builds the
demo hub (`samspill demo`, which also builds the answer index) and asks:

(a) the labelled questions of bench/answers/questions.jsonl against the demo content, and
(b) the questions of bench/data/external/questions.jsonl (NorQuAD) after importing
    bench/data/external/articles.jsonl with `samspill import-knowledge`.

For each set it prints recall@3 and MRR@10 of the answer finder (`search.find_answers`) and of a
baseline computed in the same run: BM25 (k1 = 1.2, b = 0.75) over the same passages, with
lower-case word tokens and nothing else – no stemming, no stop words, no synonyms, no typo
tolerance – the way a search engine without a Norwegian stemmer (Wagtail's SQLite backend) finds
things. Both collapse to articles the same way: the first passage of each answer_id counts.

It also prints how often the finder says `answered`, and how well that separates hits from misses
(including questions that the content does not answer, `expected: []`), with a sweep of the two
thresholds, and ablations: the answer finder with each stemming mend (konsert/konserter, -er/-ar,
-ing, consonant undoubling), the compound splitting, the synonyms, the typo tolerance, the Danish
stems of a question, the nynorsk word list, the Danish–Norwegian bridge and the idf weights of the
coverage switched off (the index is rebuilt from its
own passages for the analysis switches). bench/answers/README.md has the figures of the last run.

Labels: "demo-…" is an article's import id; "faq:<slug>" and "guide:<slug>" are mapped at run time
to the FAQ entry's or guide's answer_id through its page slug.
"""

import argparse
import contextlib
import io
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

K_RECALL = 3
K_MRR = 10
GOAL_RECALL = 0.95

# --- The baseline ---------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


class BM25:
    """Okapi BM25 over the index's passages: one field (title, heading and text), no stemming."""

    def __init__(self, k1: float = 1.2, b: float = 0.75):
        from samspill.answers.models import Passage

        self.k1, self.b = k1, b
        self.answer_ids, self.postings = [], defaultdict(list)
        lengths = []
        rows = Passage.objects.order_by("pk").values_list("answer_id", "title", "heading", "text")
        for i, (answer_id, title, heading, text) in enumerate(rows):
            words = tokens(f"{title} {heading} {text}")
            self.answer_ids.append(answer_id)
            lengths.append(len(words))
            for term, tf in Counter(words).items():
                self.postings[term].append((i, tf))
        self.n = len(lengths)
        self.lengths = lengths
        self.average = sum(lengths) / max(self.n, 1)

    def idf(self, term: str) -> float:
        df = len(self.postings.get(term, ()))
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def rank(self, question: str, limit: int = K_MRR) -> list[str]:
        scores: dict[int, float] = defaultdict(float)
        for term in set(tokens(question)):
            idf = self.idf(term)
            for i, tf in self.postings.get(term, ()):
                norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / self.average)
                scores[i] += idf * tf * (self.k1 + 1) / (tf + norm)
        ranked, seen = [], set()
        for i in sorted(scores, key=lambda i: (-scores[i], i)):
            answer_id = self.answer_ids[i]
            if answer_id not in seen:
                seen.add(answer_id)
                ranked.append(answer_id)
                if len(ranked) == limit:
                    break
        return ranked


# --- Questions ------------------------------------------------------------------------------------


def page_answer_ids() -> dict[str, str]:
    """ "faq:<slug>" and "guide:<slug>" → the answer_id the index uses."""
    from samspill.knowledge.models import FaqPage, GuidePage

    found = {}
    for model, prefix in ((FaqPage, "faq"), (GuidePage, "guide")):
        for page in model.objects.live():
            found.setdefault(f"{prefix}:{page.slug}", page.specific.answer_id)
    return found


def demo_questions() -> list[dict]:
    mapping = page_answer_ids()
    questions = []
    for item in common.load_questions():
        expected = []
        for label in item["expected"]:
            if label.startswith(("faq:", "guide:")):
                if label not in mapping:
                    raise SystemExit(
                        f"questions.jsonl: no page for the label {label!r} ({item['q']!r})"
                    )
                expected.append(mapping[label])
            else:
                expected.append(label)
        questions.append({**item, "expected": expected, "labels": item["expected"]})
    return questions


def external_questions() -> list[dict]:
    path = common.EXTERNAL / "questions.jsonl"
    with path.open(encoding="utf-8") as stream:
        items = [json.loads(line) for line in stream if line.strip()]
    return [
        {
            "q": i["q"],
            "lang": i.get("lang") or "nb",
            "expected": [i["article_id"]],
            "labels": [i["article_id"]],
        }
        for i in items
    ]


DEVSET = common.ROOT / "bench" / "data" / "devset"


def dev_questions() -> list[dict]:
    """The development set's questions to tune on (dev_no.jsonl, dev_da.jsonl; never the unseen
    files), each tagged with its kind (short, paraphrase, nynorsk, cross-language …)."""
    items = []
    for name in ("dev_no.jsonl", "dev_da.jsonl"):
        with (DEVSET / name).open(encoding="utf-8") as stream:
            items += [json.loads(line) for line in stream if line.strip()]
    return [
        {
            "q": i["q"],
            "lang": i.get("lang") or "nb",
            "expected": list(i["expected"]),
            "labels": list(i["expected"]),
            "tags": [i["kind"]] if i.get("kind") else [],
        }
        for i in items
    ]


# --- Measuring ------------------------------------------------------------------------------------


def ask_finder(questions: list[dict]) -> list[dict]:
    from samspill.answers import hub, search

    rows = []
    for item in questions:
        result = search.find_answers(
            item["q"], language=item["lang"], limit=K_MRR, kinds=hub.ANSWER_KINDS
        )
        top = result.results[0] if result.results else None
        rows.append(
            {
                "ranked": [a.answer_id for a in result.results],
                "answered": result.answered,
                "coverage": top.coverage if top else 0.0,
                "score": top.score if top else 0.0,
            }
        )
    return rows


def ask_bm25(questions: list[dict], bm25: BM25) -> list[dict]:
    return [{"ranked": bm25.rank(item["q"])} for item in questions]


def measures(questions: list[dict], rows: list[dict]) -> dict:
    labelled = [(q, r) for q, r in zip(questions, rows, strict=True) if q["expected"]]
    if not labelled:
        return {"n": 0, "recall": float("nan"), "mrr": float("nan"), "hit1": float("nan")}
    recall = sum(common.hit(r["ranked"], set(q["expected"]), K_RECALL) for q, r in labelled)
    hit1 = sum(common.hit(r["ranked"], set(q["expected"]), 1) for q, r in labelled)
    mrr = sum(common.reciprocal_rank(r["ranked"], set(q["expected"]), K_MRR) for q, r in labelled)
    n = len(labelled)
    return {"n": n, "recall": recall / n, "mrr": mrr / n, "hit1": hit1 / n}


def answered_measures(questions: list[dict], rows: list[dict], coverage=None, score=None) -> dict:
    """How `answered` (or the given thresholds) splits hits, misses and unanswerable questions."""

    def says(row):
        if coverage is None:
            return row["answered"]
        return row["coverage"] >= coverage and row["score"] >= score

    groups = {"hit": [], "miss": [], "outside": []}
    for q, r in zip(questions, rows, strict=True):
        if not q["expected"]:
            groups["outside"].append(says(r))
        elif common.hit(r["ranked"], set(q["expected"]), K_RECALL):
            groups["hit"].append(says(r))
        else:
            groups["miss"].append(says(r))
    rate = {k: (sum(v) / len(v) if v else float("nan"), len(v)) for k, v in groups.items()}
    told = sum(sum(v) for v in groups.values())
    right = (
        sum(groups["hit"])
        + sum(not x for x in groups["miss"])
        + sum(not x for x in groups["outside"])
    )
    total = sum(len(v) for v in groups.values())
    return {
        "answered": told / total if total else float("nan"),
        "on_hits": rate["hit"],
        "on_misses": rate["miss"],
        "on_outside": rate["outside"],
        "agreement": right / total if total else float("nan"),
        "precision": sum(groups["hit"]) / told if told else float("nan"),
    }


def goal_mrr(finder: float, bm25: float) -> bool:
    return (1 - finder) <= 0.5 * (1 - bm25) + 1e-9


# --- Ablations ------------------------------------------------------------------------------------


@contextlib.contextmanager
def switched(**changes):
    """Switch analysis/search settings for the duration; the caller rebuilds the index if needed."""
    from samspill.answers import lexicon, search
    from samspill.core.text import analysis

    saved = {}
    for name, value in changes.items():
        module = next(m for m in (analysis, lexicon, search) if hasattr(m, name))
        saved[name] = (module, getattr(module, name))
        setattr(module, name, value)
    analysis.reset_caches()
    lexicon._synonyms = lexicon.Synonyms()
    try:
        yield
    finally:
        for name, (module, value) in saved.items():
            setattr(module, name, value)
        analysis.reset_caches()
        lexicon._synonyms = lexicon.Synonyms()


def _no_synonyms(state=None):
    from samspill.answers import lexicon

    return lexicon.Synonyms(version=-2)


PLAIN = {"MEND_ERT": False, "MEND_ER": False, "MEND_ING": False, "UNDOUBLE": False}
ABLATIONS = [
    # (name, settings, index must be rebuilt)
    ("without the konsert/konserter mend", {"MEND_ERT": False}, True),
    ("without the -er/-ar mend", {"MEND_ER": False}, True),
    ("without the -ing mend", {"MEND_ING": False}, True),
    ("without consonant undoubling", {"UNDOUBLE": False}, True),
    ("without compound splitting", {"SPLIT_COMPOUNDS": False}, True),
    ("plain Snowball (no mends, no compounds)", {**PLAIN, "SPLIT_COMPOUNDS": False}, True),
    ("without the nynorsk word list", {"NYNORSK": False}, True),
    ("without the Danish–Norwegian bridge", {"BRIDGE": False}, False),
    ("without synonyms", {"synonyms": _no_synonyms}, False),
    ("without typo tolerance", {"TYPO_WEIGHT": 0.0}, False),
    ("without Danish query stems", {"QUERY_LANGUAGES": ("nb",)}, False),
    ("coverage without idf weights", {"WEIGHTED_COVERAGE": False}, False),
]


def rebuild_index() -> float:
    """Index the same passages again (after switching a mend), straight from the index's own rows:
    the passages do not change, only their analysis, and reading them back is much faster than
    rendering every page again (`services.rebuild`)."""
    from samspill.answers import services
    from samspill.answers.models import Passage, PassageFilter

    start = time.perf_counter()
    keys = defaultdict(list)
    for passage_id, key in PassageFilter.objects.values_list("passage_id", "key"):
        keys[passage_id].append(key)
    by_source = defaultdict(lambda: defaultdict(list))
    fields = (
        "pk",
        "source",
        "object_id",
        "anchor",
        "answer_id",
        "language",
        "title",
        "heading",
        "text",
        "url",
    )
    for row in Passage.objects.order_by("pk").values(*fields):
        passage = {k: row[k] for k in fields[3:]}
        passage["filters"] = keys[row["pk"]]
        by_source[row["source"]][row["object_id"]].append(passage)
    for source, objects in by_source.items():
        services.index_bulk(source, list(objects.items()))
    return time.perf_counter() - start


def stem_families() -> list[tuple[str, int, int, int]]:
    """Word families and how many stems each gets: with the mends, without the konsert mend, plain."""
    from samspill.core.text import analysis

    families = [
        "konsert konserten konserter konsertene",
        "strømmekonsert strømmekonserten strømmekonserter",
        "musiker musikeren musikere musikerne",
        "honorar honoraret honorarer",
        "skatt skatten skatter",
        "avlyse avlyses avlysning avlysningen",
        "ansatt ansatte",
        "koncert koncerten koncerter",
    ]
    out = []
    for family in families:
        forms = family.split()
        counts = []
        for settings in ({}, {"MEND_ERT": False}, PLAIN):
            with switched(**settings):
                counts.append(
                    len(
                        {analysis.stem(w, "da" if w.startswith("koncert") else "nb") for w in forms}
                    )
                )
        out.append((family, *counts))
    return out


# --- Output ---------------------------------------------------------------------------------------


def _fmt(x: float) -> str:
    return "  –  " if x != x else f"{x:.3f}"


def print_quality(name: str, questions, finder_rows, bm25_rows, breakdown: bool) -> dict:
    f, b = measures(questions, finder_rows), measures(questions, bm25_rows)
    print(f"\n{name}: {f['n']} labelled questions")
    print(f"  {'':<28} {'recall@3':>9} {'MRR@10':>8} {'hit@1':>7}")
    print(
        f"  {'answer finder':<28} {_fmt(f['recall']):>9} {_fmt(f['mrr']):>8} {_fmt(f['hit1']):>7}"
    )
    print(
        f"  {'BM25, no stemming':<28} {_fmt(b['recall']):>9} {_fmt(b['mrr']):>8} {_fmt(b['hit1']):>7}"
    )
    gap_ratio = (1 - f["mrr"]) / (1 - b["mrr"]) if b["mrr"] < 1 else float("nan")
    print(
        f"  MRR gap to perfect: finder {1 - f['mrr']:.3f}, BM25 {1 - b['mrr']:.3f} "
        f"(finder leaves {gap_ratio:.0%} of BM25's gap; goal ≤ 50 %: "
        f"{'met' if goal_mrr(f['mrr'], b['mrr']) else 'NOT met'})"
    )
    if breakdown:
        groups = defaultdict(list)
        for i, q in enumerate(questions):
            if not q["expected"]:
                continue
            groups[f"lang {q['lang']}"].append(i)
            for tag in q.get("tags", []):
                groups[f"tag {tag}"].append(i)
        for key in sorted(groups):
            idx = groups[key]
            sub = [questions[i] for i in idx]
            fm = measures(sub, [finder_rows[i] for i in idx])
            bm = measures(sub, [bm25_rows[i] for i in idx])
            print(
                f"    {key:<12} n={fm['n']:<4} finder R@3 {fm['recall']:.3f} MRR {fm['mrr']:.3f}   "
                f"BM25 R@3 {bm['recall']:.3f} MRR {bm['mrr']:.3f}"
            )
    return {"finder": f, "bm25": b}


def print_answered(name: str, questions, rows) -> dict:
    from samspill.answers import search

    a = answered_measures(questions, rows)
    print(
        f"\n`answered` on {name} (ANSWERED_COVERAGE={search.ANSWERED_COVERAGE}, "
        f"ANSWERED_SCORE={search.ANSWERED_SCORE}):"
    )
    print(
        f"  answered {a['answered']:.0%} of all; of hits (expected in top 3) {a['on_hits'][0]:.0%} "
        f"(n={a['on_hits'][1]}), of misses {_pct(a['on_misses'])}, of questions outside the content "
        f"{_pct(a['on_outside'])}; precision {a['precision']:.0%}, agreement {a['agreement']:.0%}"
    )
    return a


def _pct(pair) -> str:
    value, n = pair
    return "– (n=0)" if n == 0 else f"{value:.0%} (n={n})"


def print_sweep(name, questions, rows) -> list:
    print(
        f"\n  threshold sweep on {name} (answered if coverage ≥ c and score ≥ s): "
        "share answered of hits / misses / questions outside the content, and agreement"
    )
    table = []
    for c in (0.3, 0.4, 0.45, 0.5, 0.6):
        cells = []
        for s in (1.0, 2.0, 3.0, 4.0, 6.0):
            a = answered_measures(questions, rows, coverage=c, score=s)
            cells.append(
                f"s≥{s:<3g} {_pct0(a['on_hits'])}/{_pct0(a['on_misses'])}/{_pct0(a['on_outside'])} {a['agreement']:.0%}"
            )
            table.append({"coverage": c, "score": s, **a})
        print(f"  c≥{c:<4g} " + " | ".join(cells))
    return table


def _pct0(pair) -> str:
    value, n = pair
    return "–" if n == 0 else f"{value:.0%}"


def print_misses(name, questions, rows, limit=40):
    print(f"\nmisses of the answer finder on {name} (expected not in top {K_RECALL}):")
    shown = 0
    for q, r in zip(questions, rows, strict=True):
        if q["expected"] and not common.hit(r["ranked"], set(q["expected"]), K_RECALL):
            rank = next((i + 1 for i, a in enumerate(r["ranked"]) if a in set(q["expected"])), None)
            print(
                f"  [{q['lang']}] {q['q']!r} → expected {q['labels']} at {rank or '>10'}; got {r['ranked'][:3]}"
            )
            shown += 1
            if shown >= limit:
                break


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-external", action="store_true", help="only the demo set")
    parser.add_argument("--no-ablations", action="store_true", help="skip the ablations")
    parser.add_argument("--misses", action="store_true", help="list the finder's misses")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--semantic",
        action="store_true",
        help="finder lexical, finder hybrid, BM25 and the model alone on the demo set, the "
        "development set and NorQuAD (semantic_eval.py)",
    )
    parser.add_argument(
        "--weights", help="with --semantic: the weights on the model to sweep (0.5,0.6,0.7,0.8)"
    )
    parser.add_argument(
        "--unseen",
        action="store_true",
        help="with --semantic: the development set's unseen questions instead of dev_*.jsonl",
    )
    parser.add_argument(
        "--ablation",
        action="append",
        metavar="WORDS",
        help="only the ablations whose name contains WORDS (may be repeated)",
    )
    parser.add_argument(
        "--half",
        choices=["no", "da"],
        help="with --semantic: one half of the development set, its articles alone in the index",
    )
    parser.add_argument(
        "--explore",
        help='with --semantic: other fusion constants to try, "SAME_LANGUAGE_BONUS=1.0,1.2;DENSE_K=100"',
    )
    parser.add_argument(
        "--devset",
        action="store_true",
        help="also import bench/data/devset's articles and ask its dev questions (set d, by kind)",
    )
    args = parser.parse_args()
    if args.semantic:
        return run_semantic(args)

    started = time.perf_counter()
    directory = common.setup()
    report: dict = {}
    ok = True
    try:
        from django.core.management import call_command

        with contextlib.redirect_stdout(io.StringIO()):
            call_command("demo")
        print(
            f"answer finder quality on {common.database_label()}; demo built in {time.perf_counter() - started:.0f} s"
        )

        sets = {}
        demo = demo_questions()
        sets["demo"] = demo
        finder_demo = ask_finder(demo)
        bm25_demo = ask_bm25(demo, BM25())
        report["demo"] = print_quality(
            "(a) demo content", demo, finder_demo, bm25_demo, breakdown=True
        )
        report["demo"]["answered"] = print_answered("the demo set", demo, finder_demo)
        report["demo"]["sweep"] = print_sweep("the demo set", demo, finder_demo)
        if args.misses:
            print_misses("the demo set", demo, finder_demo)
        ok &= report["demo"]["finder"]["recall"] >= GOAL_RECALL
        ok &= goal_mrr(report["demo"]["finder"]["mrr"], report["demo"]["bm25"]["mrr"])

        external_file = common.EXTERNAL / "articles.jsonl"
        if not args.no_external and external_file.exists():
            start = time.perf_counter()
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                call_command("import_knowledge", str(external_file), "--no-progress")
            print(
                f"\nimported {external_file.relative_to(common.ROOT)} in {time.perf_counter() - start:.0f} s"
            )
            external = external_questions()
            sets["external"] = external
            bm25 = BM25()
            finder_ext = ask_finder(external)
            report["external"] = print_quality(
                "(b) external material (NorQuAD), demo content as distractors",
                external,
                finder_ext,
                ask_bm25(external, bm25),
                breakdown=False,
            )
            report["external"]["answered"] = print_answered(
                "the external set", external, finder_ext
            )
            report["external"]["sweep"] = print_sweep("the external set", external, finder_ext)
            if args.misses:
                print_misses("the external set", external, finder_ext, limit=25)
            ok &= goal_mrr(report["external"]["finder"]["mrr"], report["external"]["bm25"]["mrr"])
            finder_both = ask_finder(demo)
            report["demo_with_external"] = print_quality(
                "(a') demo questions with the external articles in the index too",
                demo,
                finder_both,
                ask_bm25(demo, bm25),
                breakdown=False,
            )
        elif not args.no_external:
            print(f"\n(b) external material: {external_file} is missing – skipped")

        if args.devset:
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                for name in ("articles_no.jsonl", "articles_da.jsonl"):
                    call_command("import_knowledge", str(DEVSET / name), "--no-progress")
            dev = dev_questions()
            sets["dev"] = dev
            finder_dev = ask_finder(dev)
            report["dev"] = print_quality(
                "(d) development set (dev_no + dev_da), everything else in the index too",
                dev,
                finder_dev,
                ask_bm25(dev, BM25()),
                breakdown=True,
            )
            report["dev"]["answered"] = print_answered("the development set", dev, finder_dev)

        if not args.no_ablations:
            print(
                "\nstem families (distinct stems per family: with the mends / without the konsert mend / plain Snowball):"
            )
            for family, with_mends, without_ert, plain in stem_families():
                print(f"  {family:<52} {with_mends} / {without_ert} / {plain}")
            base = {name: measures(qs, ask_finder(qs)) for name, qs in sets.items()}
            print(
                "\nablations of the answer finder (recall@3 / MRR@10; Δ MRR against the full finder):"
            )
            header = "  " + f"{'':<40}" + "".join(f"{name:>30}" for name in sets)
            print(header)
            print(
                "  "
                + f"{'full answer finder':<40}"
                + "".join(f"{base[n]['recall']:>14.3f} / {base[n]['mrr']:.3f}{'':>7}" for n in sets)
            )
            report["ablations"] = {"full": base}
            dirty = False  # the index was last built with a mend switched off
            chosen = [
                item
                for item in ABLATIONS
                if not args.ablation or any(words in item[0] for words in args.ablation)
            ]
            for label, changes, rebuild in chosen:
                if dirty and not rebuild:
                    rebuild_index()
                    dirty = False
                with switched(**changes):
                    took = rebuild_index() if rebuild else 0.0
                    dirty = dirty or rebuild
                    got = {name: measures(qs, ask_finder(qs)) for name, qs in sets.items()}
                report["ablations"][label] = got
                cells = "".join(
                    f"{got[n]['recall']:>14.3f} / {got[n]['mrr']:.3f} ({got[n]['mrr'] - base[n]['mrr']:+.3f})"
                    for n in sets
                )
                print(
                    f"  {label:<40}{cells}" + (f"   [rebuilt in {took:.0f} s]" if rebuild else ""),
                    flush=True,
                )
            if dirty:
                rebuild_index()
    finally:
        if args.keep:
            print(f"kept {directory}")
        else:
            common.cleanup()

    demo_r = report.get("demo", {})
    print("\nsummary")
    print(f"  {'set':<40} {'finder R@3':>10} {'MRR@10':>7} {'BM25 R@3':>9} {'MRR@10':>7}")
    for key, label in (
        ("demo", "demo content"),
        ("external", "external (NorQuAD)"),
        ("demo_with_external", "demo questions, demo + external index"),
        ("dev", "development set (dev_no + dev_da)"),
    ):
        if key in report:
            f, b = report[key]["finder"], report[key]["bm25"]
            print(
                f"  {label:<40} {f['recall']:>10.3f} {f['mrr']:>7.3f} {b['recall']:>9.3f} {b['mrr']:>7.3f}"
            )
    if demo_r:
        print(
            f"  goals: demo recall@3 ≥ {GOAL_RECALL} – {'met' if demo_r['finder']['recall'] >= GOAL_RECALL else 'NOT met'}; "
            "finder's MRR gap ≤ half of BM25's on every set – "
            + (
                "met"
                if all(
                    goal_mrr(report[k]["finder"]["mrr"], report[k]["bm25"]["mrr"])
                    for k in ("demo", "external")
                    if k in report
                )
                else "NOT met"
            )
        )
    print(f"  run took {time.perf_counter() - started:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, default=str))
    return 0 if ok else 1


def run_semantic(args) -> int:
    import semantic_eval

    directory = common.setup()
    try:
        report = semantic_eval.run(args, sys.modules[__name__])
    finally:
        if args.keep:
            print(f"kept {directory}")
        else:
            common.cleanup()
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
