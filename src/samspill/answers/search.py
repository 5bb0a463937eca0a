"""The answer finder: from a question in a person's own words to the passages that answer it.

1. The question is split into concepts (its meaningful words; a synonym phrase is one concept).
   Each concept expands into weighted stems: the Norwegian and Danish stems of the word, the other
   members of its synonym groups, the parts of a compound, and, for a word the index does not
   know, the nearest known stems within one or two typing errors (rapidfuzz).
2. Candidates come from the rarest terms' postings, summed in SQL (BM25 with weights computed at
   indexing); the commonest terms are added for the candidates only, so a query touches a bounded
   number of rows however large the index grows.
3. Candidates are re-ranked by how many of the question's concepts they cover, then collapsed to
   one passage per article.
"""

import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from samspill.answers import analysis
from samspill.answers.models import IndexState, Passage, PassageFilter, Posting, Synonym, Term
from samspill.answers.services import idf

CANDIDATES = 200
RERANK = 60
COMMON_SHARE = 0.08  # a term in more than this share of passages is "common"
SYNONYM_WEIGHT = 0.9
COMPOUND_WEIGHT = 0.6
TYPO_WEIGHT = 0.75
SAME_LANGUAGE_BONUS = 1.1
# A question counts as answered when the best passage covers at least half of its concepts and
# its relevance passes a floor, both calibrated on bench/answers' labelled questions.
ANSWERED_COVERAGE = 0.5
ANSWERED_SCORE = 3.0

_LANGUAGE_GROUP = {"nb": "no", "nn": "no", "da": "da", "sv": "sv", "en": "en"}


# --- Process caches, refreshed when the index or the synonyms change -------------------------------


@dataclass
class Vocabulary:
    version: int = -1
    terms: dict[str, tuple[int, int]] = field(default_factory=dict)  # stem -> (id, df)
    known: set[str] = field(default_factory=set)
    by_length: dict[int, list[str]] = field(default_factory=dict)
    passages: int = 0


@dataclass
class Synonyms:
    version: int = -1
    # first stem of a member -> [(member stems, group index)]
    starts: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)
    groups: list[list[tuple[str, ...]]] = field(default_factory=list)


_lock = threading.Lock()
_vocabulary = Vocabulary()
_synonyms = Synonyms()


def _state() -> tuple[int, int, int]:
    row = IndexState.objects.filter(pk=1).values_list(
        "vocabulary_version", "synonyms_version", "passages"
    ).first()
    return row or (0, 0, 0)


def vocabulary(state=None) -> Vocabulary:
    global _vocabulary
    version, _, passages = state or _state()
    if _vocabulary.version != version:
        with _lock:
            terms = {text: (pk, df) for pk, text, df in Term.objects.values_list("id", "text", "df")}
            by_length = defaultdict(list)
            for text in terms:
                by_length[len(text)].append(text)
            _vocabulary = Vocabulary(version, terms, set(terms), dict(by_length), passages)
    _vocabulary.passages = passages
    return _vocabulary


def _member_stems(member: str) -> tuple[str, ...]:
    return tuple(analysis.stem(w, "nb") for w in analysis.words(member))


def synonyms(state=None) -> Synonyms:
    global _synonyms
    _, version, _ = state or _state()
    if _synonyms.version != version:
        with _lock:
            groups, starts = [], defaultdict(list)
            for row in Synonym.objects.values_list("terms", flat=True):
                members = [m for m in (_member_stems(t) for t in row.split(",")) if m]
                if len(members) < 2:
                    continue
                index = len(groups)
                groups.append(members)
                for member in members:
                    starts[member[0]].append((member, index))
                    # Danish stems of the same words, so a Danish question meets the group too.
            _synonyms = Synonyms(version, dict(starts), groups)
    return _synonyms


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
    pool = []
    for length in range(len(stem) - limit, len(stem) + limit + 1):
        pool.extend(vocab.by_length.get(length, ()))
    if not pool:
        return []
    found = process.extract(
        stem, pool, scorer=Levenshtein.distance, score_cutoff=limit, limit=8
    )
    found = [(text, int(distance)) for text, distance, _ in found if distance > 0]
    found.sort(key=lambda item: (item[1], -vocab.terms[item[0]][1]))
    return found[:3]


def analyse_question(question: str, language: str | None, vocab: Vocabulary, syn: Synonyms):
    languages = list(dict.fromkeys([language or "nb", *analysis.QUERY_LANGUAGES]))
    tokens = analysis.words(question)[:40]
    stems = [analysis.stem(t, languages[0]) for t in tokens]
    concepts: list[Concept] = []
    covered = set()
    # Synonym phrases first (they may contain words that are otherwise stop words).
    for i in range(len(tokens)):
        for member, group in syn.starts.get(stems[i], ()):
            if tuple(stems[i : i + len(member)]) != member:
                continue
            span = range(i, i + len(member))
            if covered.intersection(span):
                continue
            concept = Concept(label=" ".join(tokens[i : i + len(member)]))
            for other in syn.groups[group]:
                weight = 1.0 if other == member else SYNONYM_WEIGHT
                for s in other:
                    if not analysis.is_stopword(s):
                        concept.add(s, weight / (1 if other == member else max(1, len(other) ** 0.5)))
            for position in span:
                for lang in languages:
                    if not analysis.is_stopword(tokens[position]):
                        concept.add(analysis.stem(tokens[position], lang), 1.0)
            concepts.append(concept)
            covered.update(span)
    for i, token in enumerate(tokens):
        if i in covered or analysis.is_stopword(token):
            continue
        concept = Concept(label=token)
        primary = [analysis.stem(token, lang) for lang in languages]
        for s in primary:
            concept.add(s, 1.0)
        # Single-word synonyms of any stem variant.
        for s in set(primary):
            for member, group in syn.starts.get(s, ()):
                if len(member) == 1:
                    for other in syn.groups[group]:
                        for o in other:
                            if not analysis.is_stopword(o):
                                concept.add(o, SYNONYM_WEIGHT / max(1, len(other) ** 0.5))
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


def _sum_sql(term_weights: dict[int, float], filters: list[str], passage_ids=None):
    posting = Posting._meta.db_table
    flt = PassageFilter._meta.db_table
    cases = " ".join("WHEN %s THEN %s" for _ in term_weights)
    params: list = []
    for term_id, weight in term_weights.items():
        params += [term_id, weight]
    where = [f"term_id IN ({', '.join('%s' for _ in term_weights)})"]
    params += list(term_weights)
    for key in filters:
        where.append(f"passage_id IN (SELECT passage_id FROM {flt} WHERE key = %s)")
        params.append(key)
    if passage_ids is not None:
        where.append(f"passage_id IN ({', '.join('%s' for _ in passage_ids)})")
        params += list(passage_ids)
    sql = (
        f"SELECT passage_id, SUM(weight * CASE term_id {cases} END) AS score FROM {posting} "
        f"WHERE {' AND '.join(where)} GROUP BY passage_id"
    )
    return sql, params


def find_answers(
    question: str,
    *,
    language: str | None = None,
    audience: str | None = None,
    topic: str | None = None,
    limit: int = 5,
    log: bool = False,
) -> AnswerResult:
    question = (question or "").strip()[:500]
    state = _state()
    vocab = vocabulary(state)
    concepts = analyse_question(question, language, vocab, synonyms(state))
    result = AnswerResult(query=question, answered=False, results=[], concepts=concepts)
    # Query weight of each known term: the best weight any concept gives it, times its idf.
    weights: dict[str, float] = {}
    for concept in concepts:
        for stem, weight in concept.terms.items():
            if stem in vocab.terms and weight > weights.get(stem, 0):
                weights[stem] = weight
    if weights:
        result.results = _rank(weights, concepts, vocab, language, audience, topic, limit)
    top = result.results[0] if result.results else None
    result.answered = bool(top and top.coverage >= ANSWERED_COVERAGE and top.score >= ANSWERED_SCORE)
    if log and not result.answered and question:
        from samspill.answers.services import unanswered_record

        unanswered_record(question=question, key=result.key, language=language or "nb")
    return result


def _rank(weights, concepts, vocab, language, audience, topic, limit) -> list[Answer]:
    n = max(vocab.passages, 1)
    by_id = {vocab.terms[s][0]: w * idf(vocab.terms[s][1], n) for s, w in weights.items()}
    df = {vocab.terms[s][0]: vocab.terms[s][1] for s in weights}
    filters = [f"audience:{audience}"] if audience else []
    if topic:
        filters.append(f"topic:{topic}")
    ordered = sorted(by_id, key=lambda t: df[t])
    rare = [t for t in ordered if df[t] <= max(COMMON_SHARE * n, 50)] or ordered[:2]
    common = [t for t in ordered if t not in rare]
    with connection.cursor() as cursor:
        sql, params = _sum_sql({t: by_id[t] for t in rare}, filters)
        cursor.execute(f"{sql} ORDER BY score DESC LIMIT {CANDIDATES}", params)
        scores = dict(cursor.fetchall())
        if common and scores:
            sql, params = _sum_sql({t: by_id[t] for t in common}, [], list(scores))
            cursor.execute(sql, params)
            for passage_id, extra in cursor.fetchall():
                scores[passage_id] += extra
        best = sorted(scores, key=scores.get, reverse=True)[:RERANK]
        if not best:
            return []
        # Which terms each of the best passages holds, to measure how much of the question it covers.
        posting = Posting._meta.db_table
        cursor.execute(
            f"SELECT passage_id, term_id FROM {posting} WHERE term_id IN ({', '.join('%s' for _ in by_id)}) "
            f"AND passage_id IN ({', '.join('%s' for _ in best)})",
            [*by_id, *best],
        )
        held = defaultdict(set)
        for passage_id, term_id in cursor.fetchall():
            held[passage_id].add(term_id)
    id_of = {s: vocab.terms[s][0] for s in weights}
    stem_of = {v: k for k, v in id_of.items()}
    rows = {
        p.pk: p
        for p in Passage.objects.filter(pk__in=best).only(
            "answer_id", "title", "heading", "url", "language", "text"
        )
    }
    group = _LANGUAGE_GROUP.get(language or "nb")
    answers = []
    for passage_id in best:
        row = rows.get(passage_id)
        if row is None:
            continue
        terms_here = held[passage_id]
        covered = 0.0
        for concept in concepts:
            covered += max(
                (w for s, w in concept.terms.items() if s in id_of and id_of[s] in terms_here),
                default=0.0,
            )
        coverage = covered / len(concepts) if concepts else 0.0
        score = scores[passage_id] * (0.25 + 0.75 * coverage)
        if _LANGUAGE_GROUP.get(row.language) == group:
            score *= SAME_LANGUAGE_BONUS
        answers.append(
            Answer(
                passage_id=passage_id,
                answer_id=row.answer_id,
                title=row.title,
                heading=row.heading,
                url=row.url,
                language=row.language,
                text=row.text,
                score=round(score, 4),
                coverage=round(coverage, 3),
                matched={stem_of[t] for t in terms_here if t in stem_of},
            )
        )
    answers.sort(key=lambda a: a.score, reverse=True)
    seen, unique = set(), []
    for answer in answers:
        if answer.answer_id not in seen:
            seen.add(answer.answer_id)
            unique.append(answer)
    return unique[:limit]


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
        parts = analysis.split_compound(low, "nb", matched)
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
