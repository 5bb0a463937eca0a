"""The answer finder's part of the demo hub: the field's synonyms and abbreviations, and the index.

Runs after the knowledge bank's builder, so the index holds every published demo page.
"""

from samspill.answers import services
from samspill.answers.models import Synonym
from samspill.demo.data import load

SYNONYMS = load("answers")["synonyms"]  # (terms, note)


def build() -> None:
    existing = set(Synonym.objects.values_list("terms", flat=True))
    for terms, note in SYNONYMS:
        if terms not in existing:
            services.synonym_save(synonym=Synonym(terms=terms, note=note))
    services.rebuild()
