"""Nynorsk brought to bokmål for matching (core.text.nynorsk, data/nynorsk.tsv) and the Danish ↔
Norwegian bridge (core.text.bridge, data/da_nb.tsv), as analysis.stem and its callers use them."""

import pytest

from samspill.core.text import analysis, bridge, nynorsk
from samspill.core.text.stopwords import STOPWORDS

ENTRIES = nynorsk.load()


@pytest.fixture(autouse=True)
def _fresh_caches():
    analysis.reset_caches()
    yield
    analysis.reset_caches()


def _stems(text: str, language: str) -> list[str]:
    return [
        analysis.stem(w, language)
        for w in analysis.words(text)
        if not analysis.is_stopword(w, language)
    ]


# --- The list -------------------------------------------------------------------------------------


def test_the_list_is_large_and_well_formed():
    assert len(ENTRIES) >= 400
    assert sum(e.ambiguous for e in ENTRIES) >= 20
    assert all(e.nynorsk != e.bokmal and " " not in e.nynorsk for e in ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.nynorsk)
def test_each_entry_applies_in_nynorsk_text(entry):
    """Each nynorsk form meets its bokmål form: as a stop word when either is one, else at a stem."""
    if entry.nynorsk in STOPWORDS or entry.bokmal in STOPWORDS:
        assert analysis.is_stopword(entry.nynorsk, "nn")
        return
    assert not analysis.is_stopword(entry.nynorsk, "nn")
    assert analysis.stem(entry.nynorsk, "nn") == analysis.stem(entry.bokmal, "nb")


@pytest.mark.parametrize("entry", [e for e in ENTRIES if not e.ambiguous], ids=lambda e: e.nynorsk)
def test_plain_entries_apply_in_bokmal_text_too(entry):
    if entry.nynorsk in STOPWORDS or entry.bokmal in STOPWORDS:
        return
    assert analysis.stem(entry.nynorsk, "nb") == analysis.stem(entry.bokmal, "nb")


def test_the_ambiguous_tier_does_not_fire_in_bokmal():
    ambiguous = [e for e in ENTRIES if e.ambiguous]
    for entry in ambiguous:
        assert nynorsk.to_bokmal(entry.nynorsk, ambiguous=False) == (entry.nynorsk, False)
    # "kor" is a choir in bokmål (a word to search for), "hvor" in nynorsk (a stop word)
    assert analysis.stem("kor", "nb") == "kor"
    assert not analysis.is_stopword("kor", "nb")
    assert analysis.is_stopword("kor", "nn")
    assert analysis.stem("vert", "nb") == "vert"  # a host
    assert analysis.stem("vert", "nn") == analysis.stem("blir", "nb")
    assert analysis.stem("veke", "nn") == analysis.stem("uke", "nb")
    assert analysis.stem("veke", "nb") != analysis.stem("uke", "nb")  # a wick


def test_inflected_forms_the_list_does_not_hold_follow_their_entry():
    for nn, nb in [
        ("tilskotet", "tilskuddet"),
        ("tilskota", "tilskuddene"),
        ("verksemda", "virksomheten"),
        ("verksemdene", "virksomhetene"),
        ("rekneskapen", "regnskapet"),
        ("arbeidsgjevarar", "arbeidsgivere"),
        ("strøymetenestene", "strømmetjenestene"),
    ]:
        assert analysis.stem(nn, "nb") == analysis.stem(nb, "nb"), nn


@pytest.mark.parametrize(
    ("nynorsk_form", "bokmal_form"),
    [
        ("søkje", "søke"),
        ("søkjer", "søker"),
        ("tenkjast", "tenkes"),
        ("byggje", "bygge"),
        ("følgjer", "følger"),
        ("sikkerheit", "sikkerhet"),
        ("sikkerheita", "sikkerheten"),
        ("tryggleiken", "tryggheten"),
        ("arbeidslause", "arbeidsløse"),
        ("sjølvstendige", "selvstendige"),
        ("oppdragsgjevaren", "oppdragsgiveren"),
        ("utgjevinga", "utgivelsen"),
        ("underskotet", "underskuddet"),
    ],
)
def test_the_rules_for_endings(nynorsk_form, bokmal_form):
    assert analysis.stem(nynorsk_form, "nb") == analysis.stem(bokmal_form, "nb")


def test_the_rules_leave_their_exceptions_alone():
    assert nynorsk.by_rule("utgjer") is None  # utgjør, not "utger": gj after t is kept
    assert nynorsk.by_rule("gje") is None
    assert nynorsk.by_rule("kjeks") is None
    assert nynorsk.by_rule("sjølv") is None  # too short to be a compound
    assert nynorsk.by_rule("skot") is None
    # a listed form is never rewritten by a rule: "storleik" is størrelse, not "storhet"
    assert analysis.stem("storleik", "nb") == analysis.stem("størrelse", "nb")


def test_no_ambiguous_stem_leaks_into_bokmal_through_the_stem_map():
    plain = nynorsk.stem_map(lambda w: analysis._snowball(w, "nb"), ambiguous=False)
    for entry in ENTRIES:
        if entry.ambiguous:
            assert analysis._snowball(entry.nynorsk, "nb") not in plain, entry


def test_whole_sentences_meet_their_bokmal_counterparts():
    pairs = [
        (
            "Korleis søkjer eg tilskot til verksemda mi?",
            "Hvordan søker jeg tilskudd til virksomheten min?",
        ),
        (
            "Kva for rettar har eg når eg gjev ut musikk sjølv?",
            "Hvilke rettigheter har jeg når jeg gir ut musikk selv?",
        ),
        (
            "Treng eg rekneskapsførar som sjølvstendig næringsdrivande?",
            "Trenger jeg regnskapsfører som selvstendig næringsdrivende?",
        ),
        (
            "Må arbeidsgjevaren betale løn til dei tilsette når konserten vert avlyst?",
            "Må arbeidsgiveren betale lønn til de ansatte når konserten blir avlyst?",
        ),
        (
            "Kor mykje meirverdiavgift skal eg ha på billettane?",
            "Hvor mye merverdiavgift skal jeg ha på billettene?",
        ),
    ]
    for nn, nb in pairs:
        assert _stems(nn, "nn") == _stems(nb, "nb"), nn


def test_a_question_is_read_as_nynorsk_when_its_words_say_so():
    assert analysis.query_language(analysis.words("Kor mykje kostar det?"), "nb") == "nn"
    assert analysis.query_language(analysis.words("Kor mykje kostar det?"), None) == "nn"
    assert analysis.query_language(analysis.words("Hvor mange synger i et kor?"), "nb") == "nb"
    assert analysis.query_language(analysis.words("Hvad koster det?"), "da") == "da"
    assert all(nynorsk.listed(marker) for marker in nynorsk.MARKERS)


def test_switched_off_nothing_changes(monkeypatch):
    monkeypatch.setattr(analysis, "NYNORSK", False)
    analysis.reset_caches()
    assert analysis.stem("tilskot", "nn") != analysis.stem("tilskudd", "nb")
    assert analysis.query_language(["kva"], "nb") == "nb"


def test_danish_is_left_alone():
    assert analysis.stem("eg", "da") == "eg"
    assert analysis.stem("held", "da") == "held"  # luck, not "holder"


# --- The bridge -----------------------------------------------------------------------------------


def test_the_bridge_list_is_well_formed():
    pairs = bridge.load()
    assert len(pairs) >= 200
    assert all(" " not in da and all(" " not in no for no in nos) for da, nos in pairs)


@pytest.mark.parametrize(("danish", "norwegian"), bridge.load(), ids=lambda x: str(x))
def test_each_bridge_pair_works_both_ways(danish, norwegian):
    for word in norwegian:
        no_stem = analysis.stem(word.replace("-", ""), "nb")
        da_stem = analysis.stem(danish, "da")
        assert no_stem in analysis.bridged_stems(danish, "da")
        assert da_stem in analysis.bridged_stems(word.replace("-", ""), "nb")


def test_bridged_stems_follow_inflection_and_nynorsk():
    assert analysis.stem("søknad", "nb") in analysis.bridged_stems("ansøgningen", "da")
    assert analysis.stem("ansøgning", "da") in analysis.bridged_stems("søknadene", "nb")
    assert analysis.stem("regnskab", "da") in analysis.bridged_stems("rekneskapen", "nn")
    assert analysis.bridged_stems("koncert", "sv") == []
    assert analysis.bridged_stems("musik", "da") == []


def test_the_analysis_version_follows_the_lists():
    assert analysis.ANALYSIS_VERSION.startswith("2:")
    assert len(analysis.ANALYSIS_VERSION) <= 40
