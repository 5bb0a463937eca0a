"""Text analysis for search (the answer finder, the network directory): words, stems, compounds.

Norwegian, Danish and Swedish are stemmed with the Snowball stemmers (PyStemmer), with mends that
the benchmark (bench/answers/evaluate.py, which switches each off in turn) measured. Each makes the
forms of one word meet at one stem where Snowball splits them:

* konsert/konserter: Snowball's Norwegian stemmer turns "konsert" into "konser" but "konserter" into
  "konsert" (its rule "ert" → "er" fires on the singular only). A stem still ending in "ert" is
  stemmed once more.
* -er/-ar: "musikere" gives "musiker" but "musiker" gives "musik" ("honoraret"/"honorar" alike); a
  Norwegian stem still ending in "er" or "ar" is stemmed once more (so konsert ends at "kons").
* -ing: "registrering", "avlysning" and "markedsføring" lose "ing" ("sning" → "s"), so the noun
  meets its verb ("registrere", "avlyse", "markedsføre"), which Snowball leaves apart.
* Danish -s: "momsen" gives "moms" but "moms" gives "mom"; a Danish stem ending in "s" is stemmed
  once more.
* A doubled final consonant is undoubled ("strømm" → "strøm", "musikk" → "musik"), as the Danish
  stemmer already does; Norwegian plural stems then meet their singulars, and Norwegian words meet
  their Danish cousins ("skatt"/"skat", "ansatt"/"ansat").

Stemming every stem twice instead (a fixed point) measured worse: it over-stems ("konsert" → "kon").

Nynorsk is brought to bokmål around the Norwegian stemmer (`nynorsk`, a curated list and a few
rules for endings): "kva", "tilskot", "søkje" everywhere, and forms that are also bokmål words with
another meaning ("kor", "vert") only in text whose language is "nn" (a question that nynorsk-only
words show to be nynorsk counts: `query_language`). Both indexed content and questions are stemmed
here, so a nynorsk question meets bokmål content and nynorsk content meets bokmål questions.
`bridged_stems` gives a Danish word its Norwegian words' stems and the reverse (data/da_nb.tsv).
The index stores `ANALYSIS_VERSION`; when this module's analysis changes, change it, and the index
rebuilds itself (answers.services.rebuild_if_stale).

Compound words ("inntektsstrømmer") are split into two parts that the index knows, also across the
linking "s" or "e"; the parts count less than a whole-word match. A part is never a stop word (or a
stop word's stem: "for", "over", "ell") nor a word-forming ending ("-ing", "-het", "-skap"), and the
last part has at least four letters, so "regnskap", "stilling" and "forskellen" stay whole.
"""

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from samspill.core.text import bridge, nynorsk
from samspill.core.text.stopwords import DANISH, NORWEGIAN, STOPWORDS

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_VOWELS = set("aeiouyæøåäö")
STEMMERS = {"nb": "norwegian", "nn": "norwegian", "da": "danish", "sv": "swedish", "en": "english"}
# A question's words are stemmed the Norwegian and the Danish way, so that either finds the other.
QUERY_LANGUAGES = ("nb", "da")
_stemmers: dict[str, Stemmer.Stemmer] = {}

MIN_COMPOUND = 8  # shortest word worth splitting
MIN_PART = 3  # shortest part of a compound
MIN_TAIL = 4  # shortest last part of a compound ("tid", "ret" and "ell" are too often endings)

# The mends and the compound splitting can be switched off, so that bench/answers can measure what
# each brings (call reset_caches() and rebuild the index after a change).
MEND_ERT = True  # konsert/konserter: stem a Norwegian stem that still ends in "ert" once more
UNDOUBLE = True  # strømm → strøm, musikk → musik
MEND_ER = True  # musikere → musiker → musik, like musiker → musik
MEND_ING = True  # registrering → registrer, like registrere
MEND_DA_S = True  # Danish momsen → moms → mom, like moms → mom
SPLIT_COMPOUNDS = True
NYNORSK = True  # nynorsk forms brought to bokmål (data/nynorsk.tsv)
BRIDGE = True  # Danish ↔ Norwegian words that stemming does not bring together (data/da_nb.tsv)
# A bridged stem's weight in a question, below a word's own stems (1.0) and the other query
# language's stem of it (answers.search.CROSS_LANGUAGE_WEIGHT, 0.8): it only ever matches content in
# the other language, which should win only where the asker's language has no answer.
BRIDGE_WEIGHT = 0.6

# Bump the number when the analysis changes in code (a mend, a rule); the word lists count by
# themselves. An index built with another version is rebuilt (answers.services.rebuild_if_stale).
ANALYSIS_VERSION = (
    "2:" + hashlib.sha256(nynorsk.DATA.read_bytes() + bridge.DATA.read_bytes()).hexdigest()[:12]
)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def words(text: str) -> list[str]:
    """Lower-case words in reading order; "A-melding" gives "amelding", "a" and "melding"."""
    found = []
    for match in _WORD.finditer(normalise(text)):
        word = match.group()
        if "-" in word or "'" in word or "’" in word:
            parts = [p for p in re.split(r"[-'’]", word) if p]
            found.append("".join(parts))
            found.extend(parts)
        else:
            found.append(word)
    return found


def _stemmer(language: str) -> Stemmer.Stemmer:
    name = STEMMERS.get(language, "norwegian")
    if name not in _stemmers:
        _stemmers[name] = Stemmer.Stemmer(name)
    return _stemmers[name]


@lru_cache(maxsize=200_000)
def stem(word: str, language: str = "nb") -> str:
    """The word's stem; a Norwegian word's nynorsk forms brought to bokmål's first (the ambiguous
    ones only when `language` is "nn")."""
    if NYNORSK and STEMMERS.get(language, "norwegian") == "norwegian":
        ambiguous = language == "nn"
        word, listed = nynorsk.to_bokmal(word, ambiguous=ambiguous)
        result = _snowball(word, language)
        return result if listed else _nynorsk_stems(ambiguous).get(result, result)
    return _snowball(word, language)


@lru_cache(maxsize=2)
def _nynorsk_stems(ambiguous: bool) -> dict[str, str]:
    return nynorsk.stem_map(lambda w: _snowball(w, "nn"), ambiguous=ambiguous)


def _snowball(word: str, language: str) -> str:
    """Snowball's stem with the mends."""
    stemmer = _stemmer(language)
    name = STEMMERS.get(language, "norwegian")
    result = stemmer.stemWord(word)
    if MEND_ERT and name == "norwegian" and result.endswith("ert") and len(result) > 5:
        result = stemmer.stemWord(result)
    if MEND_ER and name == "norwegian" and result.endswith(("er", "ar")) and len(result) >= 5:
        result = stemmer.stemWord(result)
    if MEND_DA_S and name == "danish" and result.endswith("s") and len(result) >= 4:
        result = stemmer.stemWord(result)
    if MEND_ING and name in {"norwegian", "danish"}:
        if result.endswith("sning") and len(result) >= 9:
            result = result[:-4]
        elif result.endswith("ing") and len(result) >= 8:
            result = result[:-3]
    if UNDOUBLE and len(result) > 3 and result[-1] == result[-2] and result[-1] not in _VOWELS:
        result = result[:-1]
    return result


def reset_caches() -> None:
    """Forget cached stems and compound splits (after switching a mend on or off)."""
    stem.cache_clear()
    _nynorsk_stems.cache_clear()
    _bridges.cache_clear()
    _splits.update(owner=None, size=-1, found={})


def is_stopword(word: str, language: str | None = None) -> bool:
    """A function word (also a nynorsk one that the word list brings to a bokmål function word;
    "kor" is one only in nynorsk, in bokmål it is a choir)."""
    if word in STOPWORDS or (len(word) < 2 and not word.isdigit()):
        return True
    if NYNORSK and STEMMERS.get(language or "nb") == "norwegian":
        found = nynorsk.listed(word, ambiguous=language == "nn")
        return found is not None and found in STOPWORDS
    return False


def query_language(words: list[str], language: str | None) -> str | None:
    """The language to analyse a question in: "nn" for a question marked bokmål (or not marked)
    that words only nynorsk has show to be nynorsk, else the language it came with."""
    if NYNORSK and language in (None, "nb") and nynorsk.is_nynorsk(words):
        return "nn"
    return language


def bridged_stems(word: str, language: str) -> list[str]:
    """The other language's stems for a word that differs between Danish and Norwegian beyond
    stemming (data/da_nb.tsv): "ansøgning" → "søknad", "søknad" → "ansøgning" (each stemmed its
    own language's way). Empty for any other word and language."""
    if not BRIDGE:
        return []
    side = "da" if language == "da" else "no" if STEMMERS.get(language) == "norwegian" else None
    if side is None:
        return []
    return _bridges()[side].get(stem(word, language), [])


@lru_cache(maxsize=1)
def _bridges() -> dict[str, dict[str, list[str]]]:
    return bridge.stem_maps(stem)


# Endings that make words of words ("-ing", "-het", "-skap"): a compound does not end in one of
# them, so "regnskap" is not "regn" + "skap" and "stilling" is not "stil" + "ing".
SUFFIX_STEMS = frozenset(
    [
        "ing",
        "ning",
        "inga",
        "els",
        "else",
        "het",
        "heit",
        "dom",
        "skap",
        "lig",
        "leg",
        "isk",
        "sjon",
        "asjon",
        "end",
        "and",
        "ande",
        "eri",
        "inn",
        "inne",
        "nad",
    ]
)


@lru_cache(maxsize=1)
def _stop_stems() -> frozenset[str]:
    """Stop words and their stems ("eller" → "ell"): never a part of a compound."""
    found = set(STOPWORDS)
    for word in NORWEGIAN | DANISH:
        found.update(_stemmer(language).stemWord(word) for language in ("nb", "da"))
    return frozenset(found)


def _part_ok(part: str, part_stem: str, known) -> bool:
    return (
        len(part_stem) >= MIN_PART
        and part_stem in known
        and part not in STOPWORDS
        and part_stem not in _stop_stems()
        and part_stem not in SUFFIX_STEMS
    )


def split_compound(word: str, language: str, known) -> tuple[str, str] | None:
    """Two stems that `known` holds and that make up `word`, or None. Longest balanced split wins.

    Neither part may be a stop word ("for", "over") or a word-forming ending ("-ing", "-skap").
    """
    if not SPLIT_COMPOUNDS or len(word) < MIN_COMPOUND or not word.isalpha():
        return None
    best, best_score = None, 0
    for i in range(MIN_PART + 1, len(word) - MIN_PART + 1):
        head, tail = word[:i], word[i:]
        if len(tail) < MIN_TAIL:
            continue
        tail_stem = stem(tail, language)
        if not _part_ok(tail, tail_stem, known):
            continue
        for candidate in (head, head[:-1] if head[-1] in "se" else None):
            if not candidate or len(candidate) < MIN_PART + 1:
                continue
            head_stem = stem(candidate, language)
            if _part_ok(candidate, head_stem, known):
                score = min(len(candidate), len(tail))
                if score > best_score:
                    best, best_score = (head_stem, tail_stem), score
    return best


@dataclass(frozen=True)
class Field:
    text: str
    weight: float


class EitherSet:
    """Membership in either of two sets, without building their union."""

    __slots__ = ("first", "second")

    def __init__(self, first, second):
        self.first, self.second = first, second

    def __contains__(self, item) -> bool:
        return item in self.first or item in self.second


# Compound splits against one vocabulary object, reused while that object stays the same size (an
# index build analyses every passage against one vocabulary, so each long word is split only once).
_splits: dict = {"owner": None, "size": -1, "found": {}}


def _split_cached(word: str, language: str, known) -> tuple[str, str] | None:
    if _splits["owner"] is not known or _splits["size"] != len(known):
        _splits.update(owner=known, size=len(known), found={})
    found = _splits["found"]
    key = (word, language)
    if key not in found:
        if len(found) > 200_000:
            found.clear()
        found[key] = split_compound(word, language, known)
    return found[key]


def document_terms(fields: list[Field], language: str, known=frozenset()) -> tuple[Counter, int]:
    """Weighted term frequencies of a passage and its length in words (stop words left out).

    `known` is the vocabulary for compound splitting (stems already in the index).
    """
    counts: Counter = Counter()
    length = 0
    stems_here = set()
    tokens = []
    for field in fields:
        for word in words(field.text):
            if is_stopword(word, language):
                continue
            term = stem(word, language)
            tokens.append((word, term, field.weight))
            stems_here.add(term)
    complete = bool(known) and all(s in known for s in stems_here)
    vocabulary = known if complete else EitherSet(stems_here, known)
    for word, term, weight in tokens:
        counts[term] += weight
        length += 1
        if len(word) >= MIN_COMPOUND:
            if complete:
                parts = _split_cached(word, language, known)
            else:
                parts = split_compound(word, language, vocabulary)
            if parts:
                for part in parts:
                    if part != term:
                        counts[part] += weight * 0.5
    return counts, length
