"""Questions in nynorsk and Danish find bokmål and Norwegian content (core.text.nynorsk and the
Danish–Norwegian bridge), answers in another language than the question are marked as such, and
the index rebuilds itself when the text analysis changes."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from samspill.answers import lexicon, search, services
from samspill.answers.models import IndexState
from samspill.core import registry
from samspill.core.text import analysis

pytestmark = pytest.mark.django_db

PASSAGES = {
    "tilskudd": (
        "nb",
        "Tilskudd til virksomheten",
        "Slik søker du",
        "Selvstendig næringsdrivende kan søke tilskudd til virksomheten sin. Søknaden sendes før "
        "fristen, og regnskapet for forrige år legges ved.",
    ),
    "lonn": (
        "nb",
        "Lønn til ansatte",
        "Arbeidsgiverens plikter",
        "Arbeidsgiveren betaler lønn til de ansatte hver måned og rapporterer den i A-meldingen.",
    ),
    "kor": (
        "nb",
        "Å starte et kor",
        "Dirigent og øving",
        "Et kor trenger en dirigent, et øvingslokale og noter. Mange kor søker midler fra kommunen.",
    ),
    "utgivelse": (
        "nn",
        "Utgjeving av musikk",
        "Rettar og avtalar",
        "Når du gjev ut musikk sjølv, eig du rettane til innspelinga. Plateselskapet tek ein del "
        "av inntektene viss du har ein avtale med eit plateselskap.",
    ),
    "da-skat": (
        "da",
        "Skat for musikere",
        "Fradrag",
        "Som musiker kan du trække udgifter til instrumenter og udstyr fra i din indkomst.",
    ),
}


@pytest.fixture
def index(db):
    lexicon._vocabulary = lexicon.Vocabulary()
    lexicon._synonyms = lexicon.Synonyms()
    analysis.reset_caches()
    objects = []
    for n, (answer_id, (language, title, heading, text)) in enumerate(PASSAGES.items(), start=1):
        objects.append(
            (
                n,
                [
                    {
                        "title": title,
                        "heading": heading,
                        "anchor": "del",
                        "language": language,
                        "answer_id": answer_id,
                        "url": f"/{answer_id}/",
                        "text": text,
                    }
                ],
            )
        )
    services.index_bulk("tests.languages", objects)
    yield
    lexicon._vocabulary = lexicon.Vocabulary()
    lexicon._synonyms = lexicon.Synonyms()
    analysis.reset_caches()


def _ask(question: str, language: str | None):
    return search.find_answers(question, language=language, limit=5)


@pytest.mark.parametrize("language", ["nn", "nb", None])
def test_a_nynorsk_question_finds_the_bokmal_article(index, language):
    """Also when the page's language is bokmål: the question's own words show it is nynorsk."""
    result = _ask("Korleis søkjer eg tilskot til verksemda mi?", language)
    assert result.results[0].answer_id == "tilskudd"
    assert not result.results[0].other_language
    result = _ask("Kva må arbeidsgjevaren betale dei tilsette i løn?", language)
    assert result.results[0].answer_id == "lonn"


def test_without_the_word_list_the_nynorsk_question_misses(index, monkeypatch):
    monkeypatch.setattr(analysis, "NYNORSK", False)
    analysis.reset_caches()
    result = _ask("Korleis søkjer eg tilskot til verksemda mi?", "nn")
    # only "søkjer" meets "søker" (through its Danish stem); "tilskot" and "verksemda" find nothing
    assert not result.answered
    assert result.results[0].coverage < 0.3
    monkeypatch.setattr(analysis, "NYNORSK", True)
    analysis.reset_caches()
    result = _ask("Korleis søkjer eg tilskot til verksemda mi?", "nn")
    assert result.answered
    assert result.results[0].coverage > 0.9


def test_a_bokmal_question_finds_the_nynorsk_article(index):
    result = _ask("Hvem eier rettighetene til innspillingen når jeg gir ut musikk?", "nb")
    assert result.results[0].answer_id == "utgivelse"
    assert not result.results[0].other_language  # nynorsk is Norwegian too


def test_a_bokmal_question_with_kor_is_not_rewritten(index):
    concepts = search.analyse_question(
        "Hvordan starter jeg et kor?", "nb", lexicon.vocabulary(), lexicon.synonyms()
    )
    assert any("kor" in c.terms for c in concepts)
    assert not any("hvor" in c.terms for c in concepts)
    assert _ask("Hvordan starter jeg et kor?", "nb").results[0].answer_id == "kor"
    # the same word in a nynorsk question is "hvor", a function word
    concepts = search.analyse_question(
        "Kor søkjer eg tilskot?", "nn", lexicon.vocabulary(), lexicon.synonyms()
    )
    assert not any(c.label == "kor" for c in concepts)


def test_a_danish_question_finds_the_norwegian_article_marked_as_such(index):
    result = _ask("Hvordan skriver jeg en ansøgning om tilskud til min virksomhed?", "da")
    top = result.results[0]
    assert top.answer_id == "tilskudd"
    assert top.other_language
    # its stems came through the bridge: "ansøgning" brought "søknad"
    concepts = search.analyse_question("ansøgning", "da", lexicon.vocabulary(), lexicon.synonyms())
    assert analysis.stem("søknad", "nb") in concepts[0].terms


def test_a_norwegian_question_finds_the_danish_article_marked_as_such(index):
    result = _ask("Kan jeg trekke fra utgifter til utstyr i inntekten?", "nb")
    top = result.results[0]
    assert top.answer_id == "da-skat"
    assert top.other_language
    assert not any(a.other_language for a in result.results if a.language in ("nb", "nn"))


def test_the_api_says_the_answer_is_in_another_language(index, client):
    response = client.get(
        "/api/v1/answers", {"q": "ansøgning om tilskud til virksomhed", "lang": "da"}
    )
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert first["article_id"] == "tilskudd"
    assert first["other_language"] is True
    assert first["language"] == "nb"
    same = client.get("/api/v1/answers", {"q": "tilskudd til virksomheten", "lang": "nb"})
    assert same.json()["results"][0]["other_language"] is False


def test_the_page_marks_a_danish_answer_for_a_norwegian_question(index, client, home_page):
    response = client.get("/sporsmal/", {"q": "trekke fra utgifter til utstyr i inntekten"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Svaret er på dansk." in body
    assert body.count('class="answer-language"') == 1  # the Danish answer only
    with translation.override("da"):
        assert gettext("The answer is in Norwegian.") == "Svaret er på norsk."
    with translation.override("nn"):
        assert gettext("The answer is in Danish.") == "Svaret er på dansk."


# --- The index follows the analysis ---------------------------------------------------------------


def test_the_index_rebuilds_itself_when_the_analysis_changes(db, monkeypatch):
    lexicon._vocabulary = lexicon.Vocabulary()
    passage = {
        "title": "Tilskot til verksemda",
        "heading": "",
        "anchor": "",
        "language": "nn",
        "answer_id": "versioned",
        "url": "/versioned/",
        "text": "Du kan søkje tilskot.",
    }
    source = registry.SearchSource(
        name="tests.versioned",
        model=type(None),
        load=lambda pk: pk,
        passages=lambda obj: [passage],
        all_ids=lambda: [1],
    )
    monkeypatch.setattr(registry, "search_sources", lambda: [source])
    # built before the word list: the nynorsk words keep their own stems
    monkeypatch.setattr(analysis, "NYNORSK", False)
    analysis.reset_caches()
    services.rebuild()
    IndexState.objects.filter(pk=1).update(analysis_version="1:old")
    monkeypatch.setattr(analysis, "NYNORSK", True)
    analysis.reset_caches()
    lexicon._vocabulary = lexicon.Vocabulary()
    assert not _ask("tilskudd til virksomheten", "nb").results

    assert services.rebuild_if_stale() == {"passages": 1}
    assert IndexState.objects.get(pk=1).analysis_version == analysis.ANALYSIS_VERSION
    assert _ask("tilskudd til virksomheten", "nb").results[0].answer_id == "versioned"
    assert services.rebuild_if_stale() == {}  # up to date: nothing to do
    lexicon._vocabulary = lexicon.Vocabulary()


def test_the_rebuild_is_a_periodic_job_of_the_worker():
    job = registry.periodic_job("answers.rebuild_if_stale")
    assert job is not None and job.run is services.rebuild_if_stale
