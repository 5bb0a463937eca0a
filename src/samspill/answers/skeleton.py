"""The answer finder's part of a new hub's skeleton: the music field's common synonyms and
abbreviations in bokmål, nynorsk and Danish (ENK ↔ enkeltpersonforetak, MVA ↔ moms, …), from
data/synonyms.json. Editors change them under "Answer finder"; a set that exists (by its terms)
is left as it is, and one an editor deleted comes back only with the next `samspill setup`."""

import json
from pathlib import Path

from samspill.answers import services
from samspill.answers.models import Synonym

DATA = Path(__file__).resolve().parent / "data" / "synonyms.json"


def synonyms() -> list[tuple[str, str]]:
    """(terms, note) of every standard set."""
    with DATA.open(encoding="utf-8") as f:
        return [tuple(entry) for entry in json.load(f)["synonyms"]]


def build() -> None:
    existing = set(Synonym.objects.values_list("terms", flat=True))
    for terms, note in synonyms():
        if terms not in existing:
            services.synonym_save(synonym=Synonym(terms=terms, note=note))
