"""The answer finder: from a question in a person's own words to the passages that answer it.

1. The question is split into concepts (its meaningful words; a synonym phrase is one concept).
   Each concept expands into weighted stems: the stem of the word in the question's language (and,
   weighing a little less, the other query language's), the other members of its synonym groups,
   the parts of a compound, and, for a word the index does not know, the nearest known stems within
   one or two typing errors (rapidfuzz, transpositions counting as one).
2. Candidates come from the rarest terms' postings, summed in SQL (BM25 with weights computed at
   indexing), never more than PHASE_ONE_POSTINGS of them; the other terms are read for the
   candidates only, so a question touches a bounded number of rows however large the index grows.
3. Candidates are re-ranked by how much of the question they cover (each concept weighted by its
   idf), then collapsed to one passage per article.
4. With semantic search on (`semantic`), the question's vector is computed in a thread meanwhile;
   the passages nearest to it in meaning join the candidates, every candidate gets its cosine, and
   the final order mixes both normalised scores (`_fuse`). Passages without a vector yet keep their
   lexical rank; with no vectors at all, or semantic search off, steps 1–3 are all there is.

bench/answers measures the quality (evaluate.py) and the latency (latency.py) of all this.
"""

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from rapidfuzz import process
from rapidfuzz.distance import OSA

from samspill.answers import lexicon, semantic, services
from samspill.answers.bm25 import idf
from samspill.answers.lexicon import Synonyms, Vocabulary
from samspill.answers.models import Passage, PassageFilter, Posting
from samspill.core.text import analysis

CANDIDATES = 200
RERANK = 60
COMMON_SHARE = 0.08  # a term in more than this share of passages is "common"
# The candidates are found by summing the postings of the question's rarest terms in SQL, at most
# this many postings (however large the index); the other terms are read for the candidates only.
PHASE_ONE_POSTINGS = 10_000
SYNONYM_WEIGHT = 0.9
COMPOUND_WEIGHT = 0.6
TYPO_WEIGHT = 0.75
# Coverage counts each concept by the idf of its best term, so that "gjør" or "finnes" weigh less
# than "diversestipend" in how much of a question a passage answers.
WEIGHTED_COVERAGE = True
COVERAGE_FLOOR = 0.25  # a passage that covers nothing keeps this share of its relevance
SAME_LANGUAGE_BONUS = 1.1
CROSS_LANGUAGE_WEIGHT = 0.8  # a question word's stem the other query language's way
# A question counts as answered when the best passage covers at least 40 % of it (concepts weighted
# by idf) and its relevance passes a floor. Calibrated with bench/answers/evaluate.py's threshold
# sweep: on the demo set this answers 9 in 10 questions whose answer is in the top three, and 1 in 4
# of the questions that the content does not answer. The score floor matters little there (coverage
# separates); it stays low because scores shrink with the index (idf): a question that a 5-passage
# index answers word for word scores about 3.9.
ANSWERED_COVERAGE = 0.4
ANSWERED_SCORE = 3.0

_LANGUAGE_GROUP = {"nb": "no", "nn": "no", "da": "da", "sv": "sv", "en": "en"}

# Meaning (semantic search; bench/answers/evaluate.py --semantic measures these). The final score
# of a candidate is SEMANTIC_WEIGHT · dense + (1 − SEMANTIC_WEIGHT) · lexical, each normalised over
# the candidates (NORMALISE_DENSE / NORMALISE_LEXICAL: "minmax" or "max"), times
# SAME_LANGUAGE_BONUS. DENSE_K passages nearest in meaning join the lexical candidates, when their
# cosine reaches DENSE_MIN_SIMILARITY and lies within DENSE_MARGIN of the nearest one's (below it,
# a question of unknown words finds nothing, as before, and a name's group is not padded). A question is answered when the lexical rule says so or the best passage's cosine
# reaches ANSWERED_SIMILARITY.
SEMANTIC_WEIGHT = 0.7
DENSE_K = 50
DENSE_MIN_SIMILARITY = 0.83
DENSE_MARGIN = 0.04
NORMALISE_DENSE = "minmax"
NORMALISE_LEXICAL = "max"
ANSWERED_SIMILARITY = 0.88

logger = logging.getLogger(__name__)


# --- Query analysis -------------------------------------------------------------------------------


@dataclass
class Concept:
    label: str
    terms: dict[str, float] = field(default_factory=dict)  # stem -> weight

    def add(self, stem: str, weight: float) -> None:
        if stem and weight > self.terms.get(stem, 0):
            self.terms[stem] = weight


def _typo_candidates(stem: str, vocab: Vocabulary) -> list[tuple[str, int]]:
    if len(stem) < 4 or not stem.isalpha():
        return []
    limit = 1 if len(stem) < 8 else 2
    # People seldom miss the first letter; swapping the first two ("rgamo") is covered too.
    pool = []
    for initial in dict.fromkeys(stem[:2]):
        for length in range(len(stem) - limit, len(stem) + limit + 1):
            pool.extend(vocab.by_length.get((initial, length), ()))
    if not pool:
        return []
    found = process.extract(stem, pool, scorer=OSA.distance, score_cutoff=limit, limit=8)
    found = [(text, int(distance)) for text, distance, _ in found if distance > 0]
    found.sort(key=lambda item: (item[1], -vocab.terms[item[0]][1]))
    return found[:3]


def _add_group(concept: Concept, syn: Synonyms, group: int, member: int) -> None:
    """The members of a synonym group: the one the question used fully, the others a little less."""
    for number, stems in syn.groups[group]:
        weight = 1.0 if number == member else SYNONYM_WEIGHT / max(1, len(stems) ** 0.5)
        for s in stems:
            if not analysis.is_stopword(s):
                concept.add(s, weight)


def analyse_question(question: str, language: str | None, vocab: Vocabulary, syn: Synonyms):
    tokens = analysis.words(question)[:40]
    language = analysis.query_language(tokens, language)  # "nn" when its words are nynorsk
    languages = list(dict.fromkeys([language or "nb", *analysis.QUERY_LANGUAGES]))
    stems = {lang: [analysis.stem(t, lang) for t in tokens] for lang in languages}
    concepts: list[Concept] = []
    covered = set()
    # Synonym phrases first (they may contain words that are otherwise stop words); the longest
    # member that the question holds, in any of the query languages' stemming.
    for i in range(len(tokens)):
        if i in covered:
            continue
        found = None
        for lang in languages:
            for member, group, number in syn.starts.get(stems[lang][i], ()):
                if len(member) < 2 or tuple(stems[lang][i : i + len(member)]) != member:
                    continue
                if covered.intersection(range(i, i + len(member))):
                    continue
                if found is None or len(member) > len(found[0]):
                    found = (member, group, number)
        if found is None:
            continue
        member, group, number = found
        span = range(i, i + len(member))
        concept = Concept(label=" ".join(tokens[i : i + len(member)]))
        _add_group(concept, syn, group, number)
        for position in span:
            if not analysis.is_stopword(tokens[position], languages[0]):
                for lang in languages:
                    concept.add(stems[lang][position], 1.0)
        concepts.append(concept)
        covered.update(span)
    for i, token in enumerate(tokens):
        if i in covered or analysis.is_stopword(token, languages[0]):
            continue
        concept = Concept(label=token)
        # The question's own language gives the stem; the other query language's stem weighs less.
        primary = [stems[lang][i] for lang in languages]
        for n, s in enumerate(primary):
            concept.add(s, 1.0 if n == 0 else CROSS_LANGUAGE_WEIGHT)
        for s in analysis.bridged_stems(token, languages[0]):  # ansøgning → søknad, and back
            concept.add(s, analysis.BRIDGE_WEIGHT)
        # Single-word synonyms of any stem variant.
        for s in dict.fromkeys(primary):
            for member, group, number in syn.starts.get(s, ()):
                if len(member) == 1:
                    _add_group(concept, syn, group, number)
        known = any(s in vocab.known for s in primary)
        if len(token) >= analysis.MIN_COMPOUND:
            for lang in languages[:2]:
                parts = analysis.split_compound(token, lang, vocab.known)
                if parts:
                    for part in parts:
                        concept.add(part, COMPOUND_WEIGHT)
                    break
        if not known:
            for candidate, distance in _typo_candidates(primary[0], vocab):
                concept.add(candidate, TYPO_WEIGHT / distance)
        concepts.append(concept)
    return concepts


# --- Ranking --------------------------------------------------------------------------------------


@dataclass
class Answer:
    passage_id: int
    answer_id: str
    title: str
    heading: str
    url: str
    language: str
    text: str
    score: float
    coverage: float
    matched: set[str]
    similarity: float | None = None  # the cosine with the question (semantic search), if any
    other_language: bool = False  # in another language than the question's (a Danish answer)
    pinned: bool = False  # an editor attached this answer to the question (PinnedAnswer)

    @property
    def snippet(self) -> str:
        return highlight(self.text, self.matched, marks=False)

    @property
    def snippet_html(self) -> str:
        return highlight(self.text, self.matched, marks=True)


@dataclass
class AnswerResult:
    query: str
    answered: bool
    results: list[Answer]
    concepts: list[Concept]

    @property
    def key(self) -> str:
        """The question's meaningful stems, sorted: how unanswered questions are grouped."""
        stems = sorted({min(c.terms, key=len) for c in self.concepts if c.terms})
        return " ".join(stems)[:255]


def _filter_sql(filters: list[str | tuple[str, ...]]) -> tuple[list[str], list]:
    """Conditions on the postings' passages for each filter key; a tuple of keys is met by any of
    them (the question box's kinds). EXISTS probes the filter index per posting; an IN (subquery)
    made SQLite walk every passage of a big topic for every term instead."""
    flt = PassageFilter._meta.db_table
    posting = Posting._meta.db_table
    where, params = [], []
    for key in filters:
        keys = key if isinstance(key, tuple) else (key,)
        match = (
            f"{flt}.key = %s"
            if len(keys) == 1
            else f"{flt}.key IN ({', '.join('%s' for _ in keys)})"
        )
        where.append(
            f"EXISTS (SELECT 1 FROM {flt} WHERE {match} AND {flt}.passage_id = {posting}.passage_id)"
        )
        params += keys
    return where, params


def _sum_sql(term_weights: dict[int, float], filters: list[str]):
    posting = Posting._meta.db_table
    cases = " ".join("WHEN %s THEN %s" for _ in term_weights)
    params: list = []
    for term_id, weight in term_weights.items():
        params += [term_id, weight]
    where = [f"term_id IN ({', '.join('%s' for _ in term_weights)})"]
    params += list(term_weights)
    conditions, values = _filter_sql(filters)
    where += conditions
    params += values
    sql = (
        f"SELECT passage_id, SUM(weight * CASE term_id {cases} END) AS score FROM {posting} "
        f"WHERE {' AND '.join(where)} GROUP BY passage_id"
    )
    return sql, params


# E-mail addresses, links and long numbers (phone, birth or account numbers) must not end up in the
# unanswered questions' key (services.scrub takes them out of the stored examples).
_PERSONAL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\+?\d[\d .-]*\d")


def _without_personal(text: str) -> str:
    """The question without e-mail addresses, links and numbers of six digits or more ("50 000"
    stays, "987 65 432" goes)."""

    def replace(match: re.Match) -> str:
        found = match.group()
        if found[0].isdigit() or found[0] == "+":
            return " " if sum(c.isdigit() for c in found) >= 6 else found
        return " "

    return _PERSONAL.sub(replace, text)


def find_answers(
    question: str,
    *,
    language: str | None = None,
    audience: str | None = None,
    topic: str | None = None,
    limit: int = 5,
    log: bool = False,
    kinds: Sequence[str] | None = None,
) -> AnswerResult:
    """The best passages for `question`, best first, one per article (answer id). `kinds` keeps
    the passages of those kinds only (registry.SearchSource.kind; None: every kind)."""
    question = (question or "").strip()[:500]
    state = lexicon.index_state()
    dense = _start_dense(question, state)
    vocab = lexicon.vocabulary(state)
    concepts = analyse_question(question, language, vocab, lexicon.synonyms(state))
    result = AnswerResult(query=question, answered=False, results=[], concepts=concepts)
    # Query weight of each known term: the best weight any concept gives it, times its idf.
    weights: dict[str, float] = {}
    for concept in concepts:
        for stem, weight in concept.terms.items():
            if stem in vocab.terms and weight > weights.get(stem, 0):
                weights[stem] = weight
    if weights or dense:
        result.results = _rank(
            weights, concepts, vocab, language, audience, topic, limit, dense, kinds=kinds
        )
    for answer in result.results:
        answer.other_language = _LANGUAGE_GROUP.get(answer.language) != _LANGUAGE_GROUP.get(
            language or "nb"
        )
    top = result.results[0] if result.results else None
    result.answered = bool(top and is_answer(top))
    pinned = lexicon.pins(state).get(result.key)  # an editor's answer to this question, first
    if pinned and _put_first(result, pinned, language, limit):
        result.answered = True
    if log and not result.answered and question:
        cleaned = _without_personal(question)
        key = result.key
        if cleaned != question:  # the key groups questions by their words, never by a number
            key = AnswerResult(
                cleaned,
                False,
                [],
                analyse_question(cleaned, language, vocab, lexicon.synonyms(state)),
            ).key
        services.unanswered_record(question=question, key=key, language=language or "nb")
    return result


def is_answer(answer: Answer) -> bool:
    """Whether a passage is a good answer to the question it was found for (the question counts
    as answered when its best passage is): by the words it covers, or by its meaning."""
    return (answer.coverage >= ANSWERED_COVERAGE and answer.score >= ANSWERED_SCORE) or (
        answer.similarity is not None and answer.similarity >= ANSWERED_SIMILARITY
    )


def _first_terms(ordered: list[int], df: dict[int, int], n: int) -> list[int]:
    """The terms whose postings are summed in SQL to find the candidates: the rarest, as long as
    they are not common and their postings stay within PHASE_ONE_POSTINGS together."""
    chosen, total = [], 0
    for term in ordered:
        if df[term] > max(COMMON_SHARE * n, 50) or (
            chosen and total + df[term] > PHASE_ONE_POSTINGS
        ):
            break
        chosen.append(term)
        total += df[term]
    return chosen


def _candidates(cursor, term_weights: dict[int, float], df, ordered, filters, n) -> list[int]:
    first = _first_terms(ordered, df, n)
    if first:
        sql, params = _sum_sql({t: term_weights[t] for t in first}, filters)
        cursor.execute(f"{sql} ORDER BY score DESC LIMIT {CANDIDATES}", params)
    else:
        # Only common words: the passages where the rarest of them weighs most (one index range,
        # read without grouping, so it stays fast however many passages hold the word).
        conditions, values = _filter_sql(filters)
        where = ["term_id = %s", *conditions]
        params = [ordered[0], *values]
        cursor.execute(
            f"SELECT passage_id, weight FROM {Posting._meta.db_table} WHERE {' AND '.join(where)} "
            f"ORDER BY weight DESC LIMIT {CANDIDATES}",
            params,
        )
    return [passage_id for passage_id, _ in cursor.fetchall()]


def _rank(
    weights, concepts, vocab, language, audience, topic, limit, dense=None, kinds=None
) -> list[Answer]:
    n = max(vocab.passages, 1)
    by_id = {vocab.terms[s][0]: w * idf(vocab.terms[s][1], n) for s, w in weights.items()}
    df = {vocab.terms[s][0]: vocab.terms[s][1] for s in weights}
    filters: list[str | tuple[str, ...]] = [f"audience:{audience}"] if audience else []
    if topic:
        filters.append(f"topic:{topic}")
    if kinds is not None:
        filters.append(tuple(f"kind:{kind}" for kind in sorted(set(kinds))) or ("kind:",))
    ordered = sorted(by_id, key=lambda t: df[t])
    posting = Posting._meta.db_table
    scores: dict[int, float] = defaultdict(float)
    held = defaultdict(set)
    with connection.cursor() as cursor:
        candidates = _candidates(cursor, by_id, df, ordered, filters, n) if by_id else []
        cosines, nearest = _dense_candidates(dense, filters)
        lexical_candidates = set(candidates)
        candidates += [pk for pk in nearest if pk not in lexical_candidates]
        if not candidates:
            return []
        # Every term of the question for the candidates only: their full scores, and which terms
        # each holds (to measure how much of the question it covers).
        if by_id:
            cursor.execute(
                f"SELECT passage_id, term_id, weight FROM {posting} "
                f"WHERE term_id IN ({', '.join('%s' for _ in by_id)}) "
                f"AND passage_id IN ({', '.join('%s' for _ in candidates)})",
                [*by_id, *candidates],
            )
            for passage_id, term_id, weight in cursor.fetchall():
                scores[passage_id] += weight * by_id[term_id]
                held[passage_id].add(term_id)
    best = sorted(scores, key=scores.get, reverse=True)[:RERANK]
    reranked = set(best)
    best += [pk for pk in nearest if pk not in reranked]
    id_of = {s: vocab.terms[s][0] for s in weights}
    stem_of = {v: k for k, v in id_of.items()}
    meta = {
        pk: (answer_id, lang)
        for pk, answer_id, lang in Passage.objects.filter(pk__in=best).values_list(
            "pk", "answer_id", "language"
        )
    }
    group = _LANGUAGE_GROUP.get(language or "nb")
    # Each concept's share of the question: the idf of its best known term (or of a word seen once,
    # for a concept the index does not know at all), or 1 each without WEIGHTED_COVERAGE.
    term_idf = {s: idf(vocab.terms[s][1], n) for s in weights}
    unknown_idf = idf(1, n)

    def value(stem: str, weight: float) -> float:
        return weight * term_idf[stem] if WEIGHTED_COVERAGE else weight

    shares = [
        max((value(s, w) for s, w in c.terms.items() if s in term_idf), default=0.0)
        or (unknown_idf if WEIGHTED_COVERAGE else 1.0)
        for c in concepts
    ]
    total_share = sum(shares) or 1.0
    ranked, same_language = [], set()
    for passage_id in best:
        if passage_id not in meta:
            continue
        answer_id, passage_language = meta[passage_id]
        terms_here = held[passage_id]
        covered = sum(
            max(
                (value(s, w) for s, w in c.terms.items() if s in id_of and id_of[s] in terms_here),
                default=0.0,
            )
            for c in concepts
        )
        coverage = min(covered / total_share, 1.0) if concepts else 0.0
        score = scores[passage_id] * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage)
        if _LANGUAGE_GROUP.get(passage_language) == group:
            score *= SAME_LANGUAGE_BONUS
            same_language.add(passage_id)
        ranked.append((score, coverage, passage_id, answer_id))
    lexical = {item[2]: item[0] for item in ranked}
    if cosines:
        ranked = _fuse(ranked, cosines, same_language)
    ranked.sort(key=lambda item: item[0], reverse=True)
    seen, chosen = set(), []
    for item in ranked:
        if item[3] not in seen:
            seen.add(item[3])
            chosen.append(item)
            if len(chosen) == limit:
                break
    rows = {
        p.pk: p
        for p in Passage.objects.filter(pk__in=[item[2] for item in chosen]).only(
            "answer_id", "title", "heading", "url", "language", "text"
        )
    }
    return [
        Answer(
            passage_id=passage_id,
            answer_id=answer_id,
            title=rows[passage_id].title,
            heading=rows[passage_id].heading,
            url=rows[passage_id].url,
            language=rows[passage_id].language,
            text=rows[passage_id].text,
            score=round(lexical[passage_id], 4),
            coverage=round(coverage, 3),
            matched={stem_of[t] for t in held[passage_id] if t in stem_of},
            similarity=(
                round(cosines[passage_id], 4) if cosines and passage_id in cosines else None
            ),
        )
        for score, coverage, passage_id, answer_id in chosen
        if passage_id in rows
    ]


def _put_first(result: AnswerResult, answer_id: str, language: str | None, limit: int) -> bool:
    """Move the pinned answer to the top of `result`, reading its passage when the ranking did not
    find it (in the asker's language where it has one). False when it is no longer indexed."""
    found = next((a for a in result.results if a.answer_id == answer_id), None)
    if found is None:
        passages = list(
            Passage.objects.filter(answer_id=answer_id)
            .order_by("anchor", "pk")[:20]
            .only("answer_id", "title", "heading", "url", "language", "text")
        )
        if not passages:
            return False
        group = _LANGUAGE_GROUP.get(language or "nb")
        p = next((p for p in passages if _LANGUAGE_GROUP.get(p.language) == group), passages[0])
        top = result.results[0] if result.results else None
        found = Answer(
            passage_id=p.pk,
            answer_id=answer_id,
            title=p.title,
            heading=p.heading,
            url=p.url,
            language=p.language,
            text=p.text,
            score=top.score if top else 0.0,
            coverage=top.coverage if top else 0.0,
            matched=set(),
        )
    found.pinned = True
    found.other_language = _LANGUAGE_GROUP.get(found.language) != _LANGUAGE_GROUP.get(
        language or "nb"
    )
    result.results = [found, *(a for a in result.results if a is not found)][:limit]
    return True


# --- Meaning (semantic search) --------------------------------------------------------------------


@dataclass
class _Dense:
    matrix: semantic.Matrix
    vector: object  # a Future of the question's vector


def _start_dense(question: str, state) -> _Dense | None:
    """Start encoding the question when semantic search is on and some passages have vectors."""
    if not question or not semantic.enabled():
        return None
    try:
        matrix = semantic.matrix((state[0], state[3]))
        if not len(matrix):
            return None
        return _Dense(matrix, semantic.start_query(question))
    except Exception:  # the model failing must never take the lexical answer with it
        logger.exception("semantic search failed; answering lexically")
        return None


def _dense_candidates(dense: _Dense | None, filters: list[str | tuple[str, ...]]):
    """({passage id: cosine} for every passage with a vector, [nearest passage ids under the
    filters]); both empty without semantic search."""
    if dense is None:
        return {}, []
    try:
        vector = dense.vector.result(timeout=10)
    except Exception:
        logger.exception("semantic search failed; answering lexically")
        return {}, []
    sims = semantic.similarities(dense.matrix, vector)
    found = semantic.top_k(dense.matrix, sims, DENSE_K, filters)
    # e5's cosines crowd together (0.80–0.83 for a nonsense question against anything): a passage
    # joins by meaning alone only when it is close to the question and to the nearest passage.
    floor = max(DENSE_MIN_SIMILARITY, (found[0][1] - DENSE_MARGIN) if found else 1.0)
    nearest = [pk for pk, cosine in found if cosine >= floor]
    return _Cosines(dense.matrix, sims), nearest


class _Cosines:
    """The cosine of a passage with the question, read from the matrix on demand."""

    def __init__(self, matrix: semantic.Matrix, sims):
        self.matrix, self.sims = matrix, sims

    def __bool__(self):
        return len(self.matrix) > 0

    def __contains__(self, passage_id):
        return passage_id in self.matrix.row_of

    def __getitem__(self, passage_id):
        return float(self.sims[self.matrix.row_of[passage_id]])


def _normalise(values: list[float], how: str) -> list[float]:
    if not values:
        return []
    high = max(values)
    if how == "minmax":
        low = min(values)
        return [(v - low) / (high - low) if high > low else 1.0 for v in values]
    return [v / high if high > 0 else 0.0 for v in values]


def _fuse(ranked: list[tuple], cosines: _Cosines, same_language: set[int]) -> list[tuple]:
    """Re-score (score, coverage, passage id, answer id) items with the mix of their normalised
    lexical score and cosine; a passage without a vector yet keeps its normalised lexical score."""
    if not ranked:
        return ranked
    lexical = {}
    for score, _coverage, passage_id, _answer_id in ranked:
        bonus = SAME_LANGUAGE_BONUS if passage_id in same_language else 1.0
        lexical[passage_id] = score / bonus
    ids = [item[2] for item in ranked]
    lex_norm = dict(zip(ids, _normalise([lexical[i] for i in ids], NORMALISE_LEXICAL), strict=True))
    with_vector = [i for i in ids if i in cosines]
    dense_norm = dict(
        zip(
            with_vector,
            _normalise([cosines[i] for i in with_vector], NORMALISE_DENSE),
            strict=True,
        )
    )
    fused = []
    for _score, coverage, passage_id, answer_id in ranked:
        if passage_id in dense_norm:
            value = (
                SEMANTIC_WEIGHT * dense_norm[passage_id]
                + (1 - SEMANTIC_WEIGHT) * lex_norm[passage_id]
            )
        else:
            value = lex_norm[passage_id]
        if passage_id in same_language:
            value *= SAME_LANGUAGE_BONUS
        fused.append((value, coverage, passage_id, answer_id))
    return fused


# --- Highlighting ---------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|\s+|.", re.S)
SNIPPET_WORDS = 45


def _is_match(word: str, matched: set[str]) -> bool:
    low = analysis.normalise(word)
    if analysis.is_stopword(low):
        return False
    for lang in analysis.QUERY_LANGUAGES:
        if analysis.stem(low, lang) in matched:
            return True
    if len(low) >= analysis.MIN_COMPOUND:
        # A compound is marked when one of its parts matched ("strømmekonserter" for "konsert"); the
        # other part need only be a known word (this process's cached vocabulary, no query).
        known = analysis.EitherSet(matched, lexicon.cached_known())
        parts = analysis.split_compound(low, "nb", known)
        if parts and any(p in matched for p in parts):
            return True
    return False


def highlight(text: str, matched: set[str], *, marks: bool = True) -> str:
    """A window of the passage around its matched words; with `marks`, safe HTML with <mark>."""
    pieces = _TOKEN.findall(text)
    words_at = [i for i, piece in enumerate(pieces) if piece.strip() and piece[0].isalnum()]
    hits = [i for i in words_at if _is_match(pieces[i], matched)]
    start, end = 0, len(pieces)
    if len(words_at) > SNIPPET_WORDS:
        best, best_count = 0, -1
        for w in range(0, len(words_at) - SNIPPET_WORDS + 1, 5):
            lo, hi = words_at[w], words_at[w + SNIPPET_WORDS - 1]
            count = sum(1 for h in hits if lo <= h <= hi)
            if count > best_count:
                best, best_count = w, count
        start = words_at[best]
        end = words_at[best + SNIPPET_WORDS - 1] + 1
    hit_set = set(hits)
    out = []
    for i in range(start, end):
        piece = pieces[i]
        if not marks:
            out.append(piece)
        elif i in hit_set:
            out.append(f"<mark>{escape(piece)}</mark>")
        else:
            out.append(escape(piece))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(pieces) else ""
    body = "".join(out).strip()
    return mark_safe(f"{prefix}{body}{suffix}") if marks else f"{prefix}{body}{suffix}"
