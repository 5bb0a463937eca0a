"""Ranking quality on a small labelled set, `answered`, and the unanswered questions' log.

A dozen fixed passages (bokmål and Danish, not the demo content) are indexed with
`services.index_bulk`, three synonym groups are added, and people's questions – with typing errors,
in nynorsk and Danish, with abbreviations, compounds and the forms of "konsert" – must find their
passage among the first three. The larger measurement is bench/answers/evaluate.py.
"""

import pytest

from samspill.answers import lexicon, search, services
from samspill.answers.models import Synonym, UnansweredQuestion
from samspill.core.text import analysis

pytestmark = pytest.mark.django_db

PASSAGES = {
    "enk": (
        "nb",
        "Slik starter du et enkeltpersonforetak",
        "Registrering i Enhetsregisteret",
        "Du registrerer enkeltpersonforetaket i Enhetsregisteret gjennom Samordnet registermelding i "
        "Altinn. Registreringen er gratis, og du får et organisasjonsnummer som du bruker på fakturaene.",
    ),
    "mva": (
        "nb",
        "Merverdiavgift for musikere",
        "Dette er unntatt",
        "Billetter til konserter er unntatt fra merverdiavgift, også når konserten strømmes. "
        "Kunstnerisk fremføring er unntatt. Du må registrere deg i Merverdiavgiftsregisteret når "
        "avgiftspliktig omsetning passerer 50 000 kroner i løpet av tolv måneder.",
    ),
    "merch": (
        "nb",
        "Merch og plater",
        "Salg av varer",
        "Salg av t-skjorter, plakater og plater er salg av varer og er avgiftspliktig. Regn på "
        "kostnader og frakt før du bestiller et stort opplag til turneen.",
    ),
    "a-melding": (
        "nb",
        "Arrangør: slik betaler du musikerne",
        "Honorar til frilansere",
        "Honorarer til frilansere rapporteres i A-meldingen for måneden de utbetales. Arrangøren "
        "henter skattekortet, gjør forskuddstrekk og betaler arbeidsgiveravgift.",
    ),
    "sykepenger": (
        "nb",
        "Sykepenger og pensjon",
        "Sykepenger fra NAV",
        "Som selvstendig næringsdrivende får du sykepenger fra dag 17, og da 80 prosent av "
        "beregningsgrunnlaget, begrenset til 6 G. De første 16 dagene dekker du selv, med mindre du "
        "har tegnet frivillig forsikring.",
    ),
    "strom": (
        "nb",
        "Strømmekonserter",
        "Lisens fra TONO",
        "Når en konsert sendes på nett, trenger du lisens fra TONO. Hovedtariffen for direktesendte "
        "konserter er 12 prosent av omsetningen, med et minstebeløp.",
    ),
    "avtale": (
        "nb",
        "Konsertavtalen",
        "Avlysning og honorar",
        "Skriv i konsertavtalen hva som skal betales hvis konserten avlyses, hva som regnes som "
        "force majeure, og om konserten kan flyttes til en ny dato.",
    ),
    "tono-gramo": (
        "nb",
        "TONO og Gramo",
        "Verket og innspillingen",
        "TONO representerer komponister og tekstforfattere og krever inn vederlag for verket. Gramo "
        "representerer utøvende musikere og plateselskaper og fordeler vederlag for innspillingen.",
    ),
    "stipend": (
        "nb",
        "Arbeidsstipend og diversestipend",
        "Frist og skatt",
        "Søknadsfristen for arbeidsstipend og diversestipend fra Statens kunstnerstipend er i midten "
        "av oktober. Diversestipend rapporteres til skattemyndighetene, men det trekkes ikke skatt.",
    ),
    "isrc": (
        "nb",
        "Metadata",
        "ISRC",
        "ISRC-koden identifiserer én innspilling. En remiks eller en liveversjon skal ha sin egen kode.",
    ),
    "sikkerhet": (
        "nb",
        "Sikkerhet på arrangementer",
        "Risikovurdering",
        "Lag en risikovurdering før arrangementet: hvor mange kan være i lokalet, hvor er "
        "nødutgangene, og hvem kan stoppe programmet hvis noe skjer?",
    ),
    "da-moms": (
        "da",
        "Moms for musikere i Danmark",
        "Fritagelsen",
        "Honorarer for kunstnerisk arbejde er fritaget for moms. Når en arrangør hyrer dig til at "
        "spille, skal du ikke lægge moms på honoraret.",
    ),
    "da-koda": (
        "da",
        "Koda og Gramex",
        "Medlemskab",
        "Det koster et engangsbeløb på 650 kr. at blive medlem af Koda som komponist eller "
        "sangskriver. Du anmelder dine værker med korrekte andele.",
    ),
}

SYNONYMS = [
    "ENK, enkeltpersonforetak, enkeltmannsforetak",
    "MVA, merverdiavgift, moms, meirverdiavgift",
    "konsert, koncert, gig, spillejobb",
]

QUESTIONS = [
    # abbreviations and synonyms
    ("Må jeg registrere ENK?", "nb", "enk"),
    ("hvordan oppretter jeg enkeltmannsforetak", "nb", "enk"),
    ("MVA på billetter", "nb", "mva"),
    ("a-melding for frilansere", "nb", "a-melding"),
    ("isrc for en remix", "nb", "isrc"),
    ("Må jeg betale moms på t-skjorter?", "nb", "merch"),
    # typing errors
    ("hvordan registrer jeg enkeltpersonforetk", "nb", "enk"),
    ("sykepenger som selvstendig næringsdrivene", "nb", "sykepenger"),
    ("strømekonsert lisens", "nb", "strom"),
    ("forsjell på tono og gramo", "nb", "tono-gramo"),
    ("søknadsfrist diverestipend", "nb", "stipend"),
    # nynorsk
    ("Korleis registrerer eg eit enkeltpersonforetak?", "nn", "enk"),
    ("Må eg ha lisens frå TONO for ein strøymekonsert?", "nn", "strom"),
    ("Kva får eg i sjukepengar som sjølvstendig næringsdrivande?", "nn", "sykepenger"),
    # Danish
    ("Skal jeg lægge moms på mit honorar, når jeg spiller?", "da", "da-moms"),
    ("Hvad koster medlemskab af Koda?", "da", "da-koda"),
    # compounds
    ("merverdiavgift på konsertbilletter", "nb", "mva"),
    ("risikovurdering før konserten", "nb", "sikkerhet"),
    ("stipendsøknad frist oktober", "nb", "stipend"),
    ("honorarutbetaling til frilansere", "nb", "a-melding"),
    # konsert, konserten, konserter, konsertene
    ("avlyste konserter og honorar", "nb", "avtale"),
    ("Hva skjer med honoraret når konserten blir avlyst?", "nb", "avtale"),
    ("konsertene mine sendes på nett, trenger jeg lisens?", "nb", "strom"),
    ("lisens for direktesendt konsert", "nb", "strom"),
    ("Gramo for innspillingen, TONO for verket?", "nb", "tono-gramo"),
]


@pytest.fixture
def index(db):
    """The fixed passages and synonyms, with the search caches emptied (tests reuse versions)."""
    lexicon._vocabulary = lexicon.Vocabulary()
    lexicon._synonyms = lexicon.Synonyms()
    objects = []
    for n, (answer_id, (language, title, heading, text)) in enumerate(PASSAGES.items(), start=1):
        passages = [
            {
                "title": title,
                "heading": "",
                "anchor": "",
                "language": language,
                "answer_id": answer_id,
                "url": f"/{answer_id}/",
                "text": title,
            },
            {
                "title": title,
                "heading": heading,
                "anchor": "del",
                "language": language,
                "answer_id": answer_id,
                "url": f"/{answer_id}/#del",
                "text": text,
                "filters": [f"lang:{language}"],
            },
        ]
        objects.append((n, passages))
    services.index_bulk("tests.ranking", objects)
    for terms in SYNONYMS:
        services.synonym_save(synonym=Synonym(terms=terms))
    yield
    lexicon._vocabulary = lexicon.Vocabulary()
    lexicon._synonyms = lexicon.Synonyms()


def _ranked(question: str, language: str) -> list[str]:
    return [a.answer_id for a in search.find_answers(question, language=language, limit=10).results]


@pytest.mark.parametrize(("question", "language", "expected"), QUESTIONS)
def test_the_expected_passage_is_in_the_top_three(index, question, language, expected):
    ranked = _ranked(question, language)
    assert expected in ranked[:3], f"{question!r}: {ranked[:5]}"


def test_mean_reciprocal_rank(index):
    total = 0.0
    for question, language, expected in QUESTIONS:
        ranked = _ranked(question, language)
        total += 1 / (ranked.index(expected) + 1) if expected in ranked else 0.0
    assert total / len(QUESTIONS) >= 0.85


def test_answered_when_the_best_passage_covers_the_question(index):
    result = search.find_answers(
        "Hvor mye koster TONO-lisens for en strømmekonsert?", language="nb"
    )
    assert result.answered
    assert result.results[0].answer_id == "strom"
    assert result.results[0].coverage >= search.ANSWERED_COVERAGE


@pytest.mark.parametrize(
    "question",
    ["Hvordan stemmer jeg en gitar i drop D?", "qwxz plurk", "", "   ", "og i på"],
)
def test_not_answered_when_nothing_covers_the_question(index, question):
    result = search.find_answers(question, language="nb")
    assert not result.answered


def test_a_question_of_unknown_words_has_no_results(index):
    result = search.find_answers("qwxzv plurkh", language="nb")
    assert result.results == [] and not result.answered


def test_the_unanswered_log_keeps_no_email_addresses_or_long_numbers(index):
    question = "Hvordan stemmer jeg gitaren? Ring meg på 987 65 432 eller skriv til ola.nordmann@example.com"
    result = search.find_answers(question, language="nb", log=True)
    assert not result.answered
    row = UnansweredQuestion.objects.get()
    stored = " ".join([row.key, *row.examples])
    assert "@" not in stored and "example" not in stored and "nordmann" not in stored
    assert not any(run.isdigit() and len(run) >= 5 for run in stored.replace(" ", "|").split("|"))
    assert "98765432" not in stored.replace(" ", "")
    assert analysis.stem("gitaren") in row.key.split()
    # The same question with another number and address is counted under the same key.
    search.find_answers(
        "hvordan stemmer jeg gitaren? ring meg på 41234567 eller skriv til kari@example.org",
        language="nb",
        log=True,
    )
    row.refresh_from_db()
    assert row.count == 2


def test_an_answered_question_is_not_logged(index):
    search.find_answers("Må jeg registrere ENK?", language="nb", log=True)
    assert not UnansweredQuestion.objects.exists()
