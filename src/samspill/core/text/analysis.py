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

Compound words ("inntektsstrømmer") are split into two parts that the index knows, also across the
linking "s" or "e"; the parts count less than a whole-word match. A part is never a stop word (or a
stop word's stem: "for", "over", "ell") nor a word-forming ending ("-ing", "-het", "-skap"), and the
last part has at least four letters, so "regnskap", "stilling" and "forskellen" stay whole.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

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
    _splits.update(owner=None, size=-1, found={})


def is_stopword(word: str) -> bool:
    return word in STOPWORDS or (len(word) < 2 and not word.isdigit())


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
            if is_stopword(word):
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
