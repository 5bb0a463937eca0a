"""Danish ↔ Norwegian words that stemming does not bring together ("ansøgning" / "søknad", "moms" /
"mva"), from a curated list (data/da_nb.tsv, whose header says where it comes from). A question's
word gets the other language's stems at a lower weight (`analysis.bridged_stems`), so that a Danish
question finds Norwegian content and the reverse.
"""

from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "da_nb.tsv"


def load(path: Path = DATA) -> list[tuple[str, list[str]]]:
    """(Danish word, [Norwegian words]) for each line. A malformed line, a phrase or a Danish
    word listed twice is an error."""
    pairs: dict[str, list[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 2:
            raise ValueError(f"{path.name}:{number}: expected 'danish<TAB>norwegian[,…]'")
        danish = columns[0].strip()
        norwegian = [w.strip() for w in columns[1].split(",") if w.strip()]
        if not danish or not norwegian or any(" " in w for w in [danish, *norwegian]):
            raise ValueError(f"{path.name}:{number}: one word each, no phrases")
        if danish in pairs:
            raise ValueError(f"{path.name}:{number}: {danish!r} is listed twice")
        pairs[danish] = norwegian
    return list(pairs.items())


def stem_maps(stem) -> dict[str, dict[str, list[str]]]:
    """{"da": Danish stem → Norwegian stems, "no": Norwegian stem → Danish stems}, with
    `stem(word, language) -> str` (hyphens dropped: "mva-registrering" as "mvaregistrering")."""
    maps: dict[str, dict[str, list[str]]] = {"da": defaultdict(list), "no": defaultdict(list)}

    def add(side: str, key: str, value: str) -> None:
        if value not in maps[side][key]:
            maps[side][key].append(value)

    for danish, norwegian in load():
        da_stem = stem(danish.replace("-", ""), "da")
        for word in norwegian:
            no_stem = stem(word.replace("-", ""), "nb")
            add("da", da_stem, no_stem)
            add("no", no_stem, da_stem)
    return {side: dict(found) for side, found in maps.items()}
