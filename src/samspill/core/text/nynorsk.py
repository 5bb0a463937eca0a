"""Nynorsk forms brought to bokmål for matching: a curated word list (data/nynorsk.tsv, whose header
says where it comes from and how it is read) and a few rules for endings.

Two tiers. Forms that are not bokmål words ("kva", "korleis", "ikkje", "tilskot") are brought to
bokmål in every Norwegian text; forms that are also bokmål words with another meaning ("kor" is a
choir, "vert" a host, "veke" a wick) only in text known to be nynorsk (`ambiguous=True`).
`analysis.stem` uses `to_bokmal` before Snowball and `stem_map` after it, so a nynorsk question
meets bokmål content and nynorsk content meets bokmål questions.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "nynorsk.tsv"

# Endings that only nynorsk has, turned into bokmål's (a word the list holds is never rewritten by
# a rule). Each is tested in tests/core/test_text_nynorsk.py with an example and an exception.
RULES = [
    # søkje, søkjer, tenkje, dekkjast → søke, søker, tenke, dekkes
    (re.compile(r"^(.{2,})kj(e|er|est|ast|a|ar|ne)$"), r"\1k\2"),
    # byggje, følgje, syngje → bygge, følge, synge (after g, l, n or r only: "utgjer" is "utgjør")
    (re.compile(r"^(.+[glnr])gj(e|er|est|ast|a|ar|ne)$"), r"\1g\2"),
    # sikkerheit, sikkerheita → sikkerhet, sikkerheten
    (re.compile(r"^(.{3,})heit(a|en|er|ene|ane|ar)?$"), r"\1het"),
    # tryggleik → trygghet
    (re.compile(r"^(.{3,})leik(en|a|ar|ane)?$"), r"\1het"),
    # arbeidslaus, rettslause → arbeidsløs, rettsløse
    (re.compile(r"^(.{3,})laus(e|t)?$"), r"\1løs\2"),
    # sjølvstendig, sjølvstudium → selvstendig, selvstudium
    (re.compile(r"^sjølv(.{3,})$"), r"selv\1"),
    # oppdragsgjevar, arbeidsgjevaren → oppdragsgiver, arbeidsgiveren
    (re.compile(r"^(.*)gjevar(en|ar|ane|e)?$"), r"\1giver\2"),
    # utgjeving, lovgjevinga → utgivelse, lovgivelse
    (re.compile(r"^(.+)gjeving(a|ar|ane)?$"), r"\1givelse"),
    # forskot, underskotet → forskudd, underskuddet
    (re.compile(r"^(.{3,})skot(et|a|s)?$"), r"\1skudd\2"),
]

# Words that only nynorsk has and that questions use: one of them in a question marked bokmål (or
# not marked) shows that it is written in nynorsk, so the ambiguous tier applies to it too.
MARKERS = frozenset(
    [
        "kva",
        "kvifor",
        "korleis",
        "kven",
        "eg",
        "ikkje",
        "mykje",
        "noko",
        "nokon",
        "nokre",
        "eit",
        "ein",
        "frå",
        "berre",
        "medan",
        "dykk",
        "dykkar",
        "hjå",
        "meir",
        "fleire",
        "kjem",
        "treng",
        "vere",
        "vore",
        "gjer",
        "seie",
        "søkje",
        "byrje",
        "eigen",
        "heile",
        "saman",
    ]
)


@dataclass(frozen=True)
class Entry:
    nynorsk: str
    bokmal: str
    ambiguous: bool


def load(path: Path = DATA) -> list[Entry]:
    """The list's entries. A malformed line, a phrase, an entry that changes nothing or a form
    listed twice is an error (the list is data, its mistakes should fail the tests, not hide)."""
    entries: dict[str, Entry] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) not in (2, 3) or (len(columns) == 3 and columns[2] != "nn"):
            raise ValueError(f"{path.name}:{number}: expected 'nynorsk<TAB>bokmål[<TAB>nn]'")
        nynorsk, bokmal = columns[0].strip(), columns[1].strip()
        if not nynorsk or not bokmal or " " in nynorsk or " " in bokmal or nynorsk == bokmal:
            raise ValueError(f"{path.name}:{number}: one word each side, and two different ones")
        if nynorsk in entries:
            raise ValueError(f"{path.name}:{number}: {nynorsk!r} is listed twice")
        entries[nynorsk] = Entry(nynorsk, bokmal, len(columns) == 3)
    return list(entries.values())


@lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, str], dict[str, str]]:
    """(every form → bokmål for all Norwegian text, ambiguous forms → bokmål for nynorsk only)."""
    plain, ambiguous = {}, {}
    for entry in load():
        (ambiguous if entry.ambiguous else plain)[entry.nynorsk] = entry.bokmal
    return plain, ambiguous


def listed(word: str, *, ambiguous: bool = False) -> str | None:
    """The bokmål form the list gives `word` (the ambiguous tier too with `ambiguous`), or None."""
    plain, more = _forms()
    found = plain.get(word)
    if found is None and ambiguous:
        found = more.get(word)
    return found


def by_rule(word: str) -> str | None:
    """`word` with a nynorsk ending turned into bokmål's, or None when no rule applies."""
    for pattern, replacement in RULES:
        if pattern.match(word):
            return pattern.sub(replacement, word)
    return None


def to_bokmal(word: str, *, ambiguous: bool = False) -> tuple[str, bool]:
    """(the word as bokmål, whether the list gave it): the list first, then the rules."""
    found = listed(word, ambiguous=ambiguous)
    if found is not None:
        return found, True
    if word in _forms()[1]:  # an ambiguous form in bokmål text stays as it is
        return word, False
    return by_rule(word) or word, False


def stem_map(stem, *, ambiguous: bool) -> dict[str, str]:
    """The list's nynorsk stems → its bokmål stems, with `stem(word) -> str` (Snowball and the
    mends): how an inflected form that the list does not hold ("tilskotet", "verksemda") is brought
    to bokmål after stemming. Stems shorter than four letters are left out (they are matched as
    whole words only), and in the plain tier so is any stem that an ambiguous form also has."""
    plain, more = _forms()
    found: dict[str, str] = {}
    risky = {stem(word) for word in more}
    for tier, forms in (("plain", plain), ("ambiguous", more if ambiguous else {})):
        for nynorsk, bokmal in forms.items():
            key, value = stem(nynorsk), stem(bokmal)
            if len(key) < 4 or key == value or key in found:
                continue
            if tier == "plain" and key in risky and not ambiguous:
                continue
            found[key] = value
    return found


def is_nynorsk(words: list[str]) -> bool:
    """Whether a text's words show it to be nynorsk (one word that only nynorsk has suffices)."""
    return any(word in MARKERS for word in words)
