"""Every follow target's label is a translated singular noun (the follow button reads
"Følg prosjekt X", the follows page heads each group with it)."""

import pytest
from django.utils import translation

from samspill.core import registry

EXPECTED_NB = {
    "projects.project": "Prosjekt",
    "events.series": "Arrangementsserie",
}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_follow_target_label_is_translated(language):
    untranslated = []
    for target in registry.follow_targets():
        with translation.override("en"):
            english = str(target.label())
        with translation.override(language):
            local = str(target.label())
        if local == english:
            untranslated.append((target.name, local))
    assert untranslated == []


@pytest.mark.parametrize(("name", "label"), EXPECTED_NB.items())
def test_follow_target_label_is_singular_in_bokmal(name, label):
    target = next(t for t in registry.follow_targets() if t.name == name)
    with translation.override("nb"):
        assert str(target.label()) == label
