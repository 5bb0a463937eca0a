"""The index's vocabulary, the synonym groups and the editors' pinned answers, cached per process
and refreshed when the index, the synonyms or the pins change (their versions are on the single
`IndexState` row, read in the one query a question costs anyway). Indexing splits
compounds against the vocabulary (`services`); questions are analysed against both (`search`).
"""

import threading
from collections import defaultdict
from dataclasses import dataclass, field

from samspill.answers.models import IndexState, PinnedAnswer, Synonym, Term
from samspill.core.text import analysis


@dataclass
class Vocabulary:
    version: int = -1
    terms: dict[str, tuple[int, int]] = field(default_factory=dict)  # stem -> (id, df)
    known: set[str] = field(default_factory=set)
    # (first letter, length) -> stems: the pool that typo candidates are looked for in
    by_length: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    passages: int = 0


@dataclass
class Synonyms:
    version: int = -1
    # first stem of a member -> [(member stems, group index, member index)]
    starts: dict[str, list[tuple[tuple[str, ...], int, int]]] = field(default_factory=dict)
    # group -> [(member index, member stems)]: each member once per query language's stemming
    groups: list[list[tuple[int, tuple[str, ...]]]] = field(default_factory=list)


@dataclass
class Pins:
    version: int = -1
    answers: dict[str, str] = field(default_factory=dict)  # question key -> answer_id


_lock = threading.Lock()
_vocabulary = Vocabulary()
_synonyms = Synonyms()
_pins = Pins()


def index_state() -> tuple[int, int, int, int, int]:
    """(vocabulary version, synonyms version, number of passages, embeddings version, pins
    version) of the index, in one query."""
    row = (
        IndexState.objects.filter(pk=1)
        .values_list(
            "vocabulary_version",
            "synonyms_version",
            "passages",
            "embeddings_version",
            "pins_version",
        )
        .first()
    )
    return row or (0, 0, 0, 0, 0)


def vocabulary(state=None) -> Vocabulary:
    global _vocabulary
    version, _, passages, *_ = state or index_state()
    if _vocabulary.version != version:
        with _lock:
            terms = {
                text: (pk, df) for pk, text, df in Term.objects.values_list("id", "text", "df")
            }
            by_length = defaultdict(list)
            for text in terms:
                by_length[(text[:1], len(text))].append(text)
            _vocabulary = Vocabulary(version, terms, set(terms), dict(by_length), passages)
    _vocabulary.passages = passages
    return _vocabulary


def _member_stems(member: str) -> list[tuple[str, ...]]:
    """A synonym's stems, the first query language's way. A question's words are stemmed in every
    query language, so a Danish question meets the group through its words' Norwegian stems."""
    stems = tuple(analysis.stem(w, analysis.QUERY_LANGUAGES[0]) for w in analysis.words(member))
    return [stems] if stems else []


def synonyms(state=None) -> Synonyms:
    global _synonyms
    _, version, *_ = state or index_state()
    if _synonyms.version != version:
        with _lock:
            groups, starts = [], defaultdict(list)
            for row in Synonym.objects.values_list("terms", flat=True):
                members = [m for m in (_member_stems(t) for t in row.split(",")) if m]
                if len(members) < 2:
                    continue
                index = len(groups)
                groups.append(
                    [
                        (number, variant)
                        for number, variants in enumerate(members)
                        for variant in variants
                    ]
                )
                for number, variants in enumerate(members):
                    for variant in variants:
                        starts[variant[0]].append((variant, index, number))
            _synonyms = Synonyms(version, dict(starts), groups)
    return _synonyms


def pins(state=None) -> dict[str, str]:
    """The editors' pinned answers: {question key: answer_id}."""
    global _pins
    version = (state or index_state())[4]
    if _pins.version != version:
        with _lock:
            _pins = Pins(version, dict(PinnedAnswer.objects.values_list("key", "answer_id")))
    return _pins.answers


def cached_known():
    """The stems this process last loaded (no query): enough to mark compounds in a snippet."""
    return _vocabulary.known
