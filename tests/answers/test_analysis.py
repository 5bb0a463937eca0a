"""Text analysis of the answer finder: words, stems and their mends, compounds, highlighting."""

import pytest

from samspill.answers import lexicon, search
from samspill.core.text import analysis


@pytest.fixture(autouse=True)
def _default_analysis():
    analysis.reset_caches()
    yield
    analysis.reset_caches()


def test_words_split_hyphenated_abbreviations_both_ways():
    assert analysis.words("A-melding og ENK-et") == [
        "amelding",
        "a",
        "melding",
        "og",
        "enket",
        "enk",
        "et",
    ]


def test_every_form_of_konsert_meets_at_one_stem():
    """Snowball's Norwegian stemmer gives "konser" for konsert but "konsert" for konserter."""
    forms = ["konsert", "konserten", "konserter", "konsertene"]
    assert len({analysis.stem(w, "nb") for w in forms}) == 1
    assert (
        analysis.stem("konsert", "nb")
        == analysis.stem("konserter", "nb")
        == analysis.stem("konsertene", "nb")
    )
    assert analysis.stem("strømmekonsert", "nb") == analysis.stem("strømmekonserter", "nb")


def test_the_konsert_mend_is_what_makes_the_forms_meet(monkeypatch):
    monkeypatch.setattr(analysis, "MEND_ERT", False)
    monkeypatch.setattr(analysis, "MEND_ER", False)
    analysis.reset_caches()
    assert analysis.stem("konsert", "nb") != analysis.stem("konserter", "nb")


def test_plural_forms_of_er_nouns_meet_their_singular():
    assert analysis.stem("musiker", "nb") == analysis.stem("musikere", "nb")
    assert analysis.stem("kunstner", "nb") == analysis.stem("kunstnere", "nb")


def test_undoubling_brings_norwegian_and_danish_together():
    assert analysis.stem("skatt", "nb") == analysis.stem("skat", "da")
    assert analysis.stem("musikk", "nb") == analysis.stem("musik", "da")
    assert analysis.stem("ansatt", "nb") == analysis.stem("ansat", "da")
    assert analysis.stem("strømmer", "nb") == analysis.stem("strøm", "nb")


def test_verbal_nouns_meet_their_verb():
    assert analysis.stem("avlysning", "nb") == analysis.stem("avlyse", "nb")
    assert analysis.stem("strømming", "nb") == analysis.stem("strømme", "nb")
    assert analysis.stem("markedsføring", "nb") == analysis.stem("markedsføre", "nb")


def _known(*words):
    return {analysis.stem(w, "nb") for w in words}


def test_split_compound_finds_two_known_parts_across_a_linking_s():
    known = _known("inntekt", "strømmer", "konsert", "avtale", "plate", "selskap")
    assert analysis.split_compound("inntektsstrømmer", "nb", known) == (
        analysis.stem("inntekt", "nb"),
        analysis.stem("strømmer", "nb"),
    )
    assert analysis.split_compound("konsertavtale", "nb", known) == (
        analysis.stem("konsert", "nb"),
        analysis.stem("avtale", "nb"),
    )
    assert analysis.split_compound("plateselskap", "nb", known) == (
        analysis.stem("plate", "nb"),
        analysis.stem("selskap", "nb"),
    )


def test_split_compound_leaves_words_that_only_end_like_a_word():
    known = _known("regn", "skap", "stil", "for", "slag", "over", "skudd", "konsert")
    assert analysis.split_compound("regnskap", "nb", known) is None  # -skap is an ending
    assert analysis.split_compound("stilling", "nb", known) is None  # -ing is an ending
    assert (
        analysis.split_compound("forslag", "nb", known) is None
    )  # too short, and "for" is a stop word
    assert analysis.split_compound("overskudd", "nb", known) is None  # "over" is a stop word
    assert analysis.split_compound("konsert", "nb", known) is None  # too short to be a compound
    assert analysis.split_compound("ukjentordsammensetning", "nb", known) is None


def test_compound_splitting_can_be_switched_off(monkeypatch):
    monkeypatch.setattr(analysis, "SPLIT_COMPOUNDS", False)
    assert analysis.split_compound("konsertavtale", "nb", _known("konsert", "avtale")) is None


def test_document_terms_count_compound_parts_at_half_weight():
    fields = [
        analysis.Field("Konsertavtalen", 2.0),
        analysis.Field("Skriv en god konsertavtale.", 1.0),
    ]
    counts, length = analysis.document_terms(fields, "nb", _known("konsert", "avtale"))
    whole = analysis.stem("konsertavtale", "nb")
    assert counts[whole] == 3.0
    assert counts[analysis.stem("avtale", "nb")] == 1.5
    assert length == 4  # "en" is a stop word


def test_highlight_marks_every_form_of_the_matched_words():
    matched = {analysis.stem("konsert", "nb"), analysis.stem("mva", "nb")}
    html = search.highlight("Billetter til konserter er unntatt fra MVA.", matched)
    assert html == "Billetter til <mark>konserter</mark> er unntatt fra <mark>MVA</mark>."


def test_highlight_escapes_the_text_and_marks_nothing_without_marks():
    matched = {analysis.stem("konsert", "nb")}
    assert (
        search.highlight("<b>Konsertene</b> & mer", matched)
        == "&lt;b&gt;<mark>Konsertene</mark>&lt;/b&gt; &amp; mer"
    )
    assert (
        search.highlight("<b>Konsertene</b> & mer", matched, marks=False)
        == "<b>Konsertene</b> & mer"
    )


def test_highlight_marks_a_compound_by_its_matched_part(monkeypatch):
    monkeypatch.setattr(
        lexicon, "_vocabulary", lexicon.Vocabulary(known=_known("strømme", "konsert"))
    )
    html = search.highlight("Strømmekonserter krever lisens.", {analysis.stem("konsert", "nb")})
    assert html.startswith("<mark>Strømmekonserter</mark>")


def test_highlight_shows_a_window_around_the_matches_of_a_long_passage():
    text = " ".join(["fyll"] * 80 + ["diversestipend"] + ["fyll"] * 80)
    html = search.highlight(text, {analysis.stem("diversestipend", "nb")})
    assert "<mark>diversestipend</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html.split()) < 60
