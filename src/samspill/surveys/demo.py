"""The demo's surveys: Mustech Norway's mapping of the music-tech field, with 320 synthetic
responses that make the results worth slicing, and Musikmetropolen's input survey to its
municipalities, answered through personal links.

The synthetic responses are fictional and drawn with a fixed seed. Each is checked by
`services.check_answers`, like any answer, and then written in bulk: a few hundred responses one
by one through the service would slow `samspill demo` down for nothing."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from samspill.core.models import Municipality, Organisation
from samspill.surveys import services
from samspill.surveys.models import Answer, Kind, Mode, Question, Response, ResponseStatus, Survey

MAPPING_SLUG = "kartlegging-musikkteknologi"
INPUT_SLUG = "musikmetropolen-input-kommuner"
RESPONSES = 320

NEEDS = [
    "Investering",
    "Mentor eller rådgiver",
    "Markedsføring og salg",
    "Juridisk hjelp og rettigheter",
    "Teknologiutvikling",
    "Tilgang til bransjen",
    "Rekruttering",
]
HUB_OFFERS = [
    "Samlinger og nettverk",
    "Kompetansedeling",
    "Møter med investorer",
    "Synlighet for feltet",
    "Innspill til politikk og virkemidler",
]
STAGES = ["Idé", "Pre-seed", "Seed", "Vekst", "Etablert"]

MAPPING = [
    (Kind.SECTION, "Om virksomheten", {"help_text": "Litt om hvem dere er."}),
    (
        Kind.ORG_KIND,
        "Hva slags virksomhet er dere?",
        {"required": True},
    ),
    (Kind.SINGLE, "Hvilken fase er dere i?", {"options": "\n".join(STAGES), "required": True}),
    (
        Kind.MUNICIPALITY,
        "Hvor holder dere til?",
        {"help_text": "Kommunen der dere har kontor.", "municipality_country": "NO"},
    ),
    (
        Kind.NUMBER,
        "Hvor mange jobber i virksomheten?",
        {"min_value": 0, "max_value": 5000, "help_text": "Regn med deg selv. Omtrentlig er fint."},
    ),
    (Kind.SECTION, "Behov", {"help_text": "Hva trenger dere for å vokse?"}),
    (
        Kind.MULTIPLE,
        "Hva trenger dere mest nå?",
        {"options": "\n".join(NEEDS), "allow_other": True, "required": True},
    ),
    (
        Kind.MATRIX,
        "Hvor viktig er dette for dere det neste året?",
        {
            "options": "Kapital\nKompetanse\nKunder\nPartnere",
            "scale_max": 5,
            "low_label": "Lite viktig",
            "high_label": "Svært viktig",
        },
    ),
    (Kind.SECTION, "Et knutepunkt for musikkteknologi", {}),
    (
        Kind.MULTIPLE,
        "Hva bør Mustech Norway tilby?",
        {"options": "\n".join(HUB_OFFERS), "allow_other": True},
    ),
    (
        Kind.SCALE,
        "Hvor nyttig ville et nettverk for musikkteknologi være for dere?",
        {
            "scale_max": 5,
            "low_label": "Ikke nyttig",
            "high_label": "Svært nyttig",
            "required": True,
        },
    ),
    (Kind.YES_NO, "Vil dere delta på samlinger?", {"required": True}),
    (
        Kind.SINGLE,
        "Hvilket format passer best?",
        {
            "options": "Digitalt\nFysisk\nBegge deler",
            "show_if": ("Vil dere delta på samlinger?", "yes"),
        },
    ),
    (
        Kind.SHORT_TEXT,
        "Hvilke temaer vil dere ha på agendaen?",
        {"show_if": ("Vil dere delta på samlinger?", "yes")},
    ),
    (Kind.LONG_TEXT, "Noe annet du vil si til oss?", {}),
]

INPUT = [
    (Kind.MUNICIPALITY, "Kommune", {"required": True, "municipality_country": "DK"}),
    (
        Kind.MULTIPLE,
        "Hvilke indsatsområder er vigtigst for jeres kommune?",
        {
            "options": "Talent- og karriereudvikling\nUdvikling af spillesteder og scener\n"
            "Musikbranchens infrastruktur og samarbejde",
            "required": True,
        },
    ),
    (
        Kind.SCALE,
        "Hvor godt kender musiklivet i kommunen til Musikmetropolen?",
        {"scale_max": 5, "low_label": "Slet ikke", "high_label": "Rigtig godt"},
    ),
    (Kind.YES_NO, "Vil kommunen være med i et nyt projekt i 2020?", {"required": True}),
    (Kind.LONG_TEXT, "Idéer til nye initiativer", {}),
]

INPUT_MUNICIPALITIES = [
    ("165", "Albertslund"),
    ("183", "Ishøj"),
    ("175", "Rødovre"),
    ("259", "Køge"),
    ("265", "Roskilde"),
    ("260", "Halsnæs"),
    ("250", "Frederikssund"),
    ("217", "Helsingør"),
]
INPUT_IDEAS = [
    "Fremtidens musikskole: talentforløb på tværs af kommunerne.",
    "Fra inkubator til klar til at flyve – et forløb for unge bands.",
    "Kompetenceforløb for frivillige arrangører.",
    "Fælles booking af turnéer mellem de mindre spillesteder.",
    "",
    "Øvelokaler i kulturhusene om aftenen.",
]

THEMES = [
    "investorer og kapital",
    "rettigheter og data",
    "lansering og markedsføring",
    "KI i musikkproduksjon",
    "samarbeid med festivaler",
    "eksport",
]
REMARKS = [
    "Bra initiativ, vi trenger et felles sted å møtes.",
    "Vi savner investorer som forstår musikkbransjen.",
    "Gjerne samarbeid med andre teknologimiljøer.",
    "",
    "",
    "",
]


def build() -> list[str]:
    with transaction.atomic():
        mapping = _mapping()
        municipalities = _input()
    submitted = Response.objects.filter(survey=mapping, status=ResponseStatus.SUBMITTED).count()
    return [
        f"Surveys: the music-tech mapping with {submitted} responses, "
        f"the Musikmetropolen input survey with {municipalities} answers from its municipalities"
    ]


def _owner(slug: str) -> Organisation:
    return (
        Organisation.objects.filter(slug=slug).first()
        or Organisation.objects.filter(kind="music_office").order_by("pk").first()
        or Organisation.objects.order_by("pk").first()
    )


def _create(slug, spec, **fields) -> tuple[Survey, bool]:
    survey = Survey.objects.filter(slug=slug).first()
    if survey is not None:
        # A demo built before municipality questions had a country offers every municipality.
        for kind, text, extra in spec:
            if kind == Kind.MUNICIPALITY and extra.get("municipality_country"):
                survey.questions.filter(text=text, kind=kind, municipality_country="").update(
                    municipality_country=extra["municipality_country"]
                )
        return survey, False
    survey = Survey.objects.create(slug=slug, **fields)
    by_text = {}
    for order, (kind, text, extra) in enumerate(spec):
        extra = dict(extra)
        show_if = extra.pop("show_if", None)
        question = Question(survey=survey, sort_order=order, kind=kind, text=text, **extra)
        if show_if:
            question.show_if_question = by_text[show_if[0]]
            question.show_if_value = show_if[1]
        question.save()
        by_text[text] = question
    return survey, True


def _mapping() -> Survey:
    now = timezone.now()
    survey, created = _create(
        MAPPING_SLUG,
        MAPPING,
        title="Kartlegging av musikkteknologifeltet",
        introduction=(
            "Mustech Norway vil kartlegge feltet og behovene: hvem dere er, hva dere trenger, og "
            "hva et knutepunkt for musikkteknologi bør gjøre. Det tar fem minutter. Svarene er "
            "anonyme, og resultatene er åpne for alle (grupper under fem vises ikke)."
        ),
        owner=_owner("mustech-norway"),
        language="nb",
        mode=Mode.ANONYMOUS,
        one_response=True,
        results_public=True,
        is_published=True,
        opens_at=now - datetime.timedelta(days=45),
        closes_at=now + datetime.timedelta(days=30),
    )
    if created:
        _synthetic_responses(survey)
    return survey


def _synthetic_responses(survey: Survey) -> None:
    rng = random.Random(20210611)
    questions = list(survey.questions.all())
    q = {question.text: question for question in questions}
    places = list(Municipality.objects.filter(country="NO").values_list("code", flat=True)) or [
        None
    ]
    weights = {"0301": 40, "4601": 14, "5001": 10, "1103": 6, "5501": 3}
    place_weights = [weights.get(code, 2) for code in places]
    kinds = [
        "startup",
        "label",
        "studio",
        "venue",
        "management",
        "publisher",
        "investor",
        "association",
    ]
    kind_weights = [55, 10, 6, 6, 6, 5, 6, 6]
    now = timezone.now()
    responses, answer_rows = [], []
    for n in range(RESPONSES):
        kind = rng.choices(kinds, kind_weights)[0]
        stage = rng.choices(STAGES, [3, 4, 3, 2, 1] if kind == "startup" else [0, 1, 1, 3, 6])[0]
        early = STAGES.index(stage) <= 2
        need_weights = [
            6 if early else 2,  # investment
            4 if early else 2,
            3,
            2 if kind in ("label", "publisher") else 1,
            3 if kind == "startup" else 1,
            4 if kind == "startup" else 2,
            1 if early else 3,
        ]
        needs = sorted(set(rng.choices(NEEDS, need_weights, k=rng.randint(1, 3))), key=NEEDS.index)
        gatherings = rng.random() < (0.8 if kind == "startup" else 0.55)
        data = {
            q["Hva slags virksomhet er dere?"].key: kind,
            q["Hvilken fase er dere i?"].key: stage,
            q["Hvor holder dere til?"].key: rng.choices(places, place_weights)[0] or "",
            q["Hvor mange jobber i virksomheten?"].key: max(
                1, int(rng.lognormvariate(1.2 if early else 2.6, 0.8))
            ),
            q["Hva trenger dere mest nå?"].key: needs,
            q["Hvor viktig er dette for dere det neste året?"].key: {
                "Kapital": _clip(rng.gauss(4.3 if early else 3.0, 0.8)),
                "Kompetanse": _clip(rng.gauss(3.8, 0.9)),
                "Kunder": _clip(rng.gauss(3.4 if early else 4.2, 0.9)),
                "Partnere": _clip(rng.gauss(3.9, 0.8)),
            },
            q["Hva bør Mustech Norway tilby?"].key: sorted(
                set(rng.choices(HUB_OFFERS, [6, 4, 5 if early else 2, 3, 2], k=rng.randint(1, 3))),
                key=HUB_OFFERS.index,
            ),
            q["Hvor nyttig ville et nettverk for musikkteknologi være for dere?"].key: _clip(
                rng.gauss(4.2 if kind == "startup" else 3.4, 0.8)
            ),
            q["Vil dere delta på samlinger?"].key: "yes" if gatherings else "no",
            q["Hvilket format passer best?"].key: rng.choices(
                ["Digitalt", "Fysisk", "Begge deler"], [4, 2, 4]
            )[0],
            q["Hvilke temaer vil dere ha på agendaen?"].key: rng.choice(THEMES)
            if rng.random() < 0.4
            else "",
            q["Noe annet du vil si til oss?"].key: rng.choice(REMARKS),
        }
        if rng.random() < 0.05:
            data[f"{q['Hva trenger dere mest nå?'].key}_other"] = "Lydteknikere med koding"
        values = services.check_answers(survey, data, questions=questions)
        submitted = now - datetime.timedelta(minutes=rng.randrange(0, 44 * 24 * 60))
        responses.append(
            Response(
                survey=survey,
                status=ResponseStatus.SUBMITTED,
                one_per_person=survey.one_response,
                browser_key=f"demo-{n}",
                submitted_at=submitted,
                section=3,
            )
        )
        answer_rows.append(values)
    created = Response.objects.bulk_create(responses, batch_size=500)
    Answer.objects.bulk_create(
        [
            Answer(
                response=response,
                question_id=question_id,
                option=row.get("option") or "",
                row=row.get("row") or "",
                number=row.get("number"),
                text=row.get("text") or "",
            )
            for response, values in zip(created, answer_rows, strict=True)
            for question_id, rows in values.items()
            for row in rows
        ],
        batch_size=1000,
    )


def _clip(value: float, top: int = 5) -> int:
    return max(1, min(top, round(value)))


def _input() -> int:
    now = timezone.now()
    survey, created = _create(
        INPUT_SLUG,
        INPUT,
        title="Input fra kommunerne til Musikmetropolen",
        introduction=(
            "Sekretariatet samler input fra kommunerne i kulturaftalen: hvilke indsatsområder er "
            "vigtigst, og hvilke idéer har I til nye initiativer? Hver kommune har fået sit eget "
            "link."
        ),
        owner=_owner("musikmetropolen"),
        language="da",
        mode=Mode.INVITATION,
        one_response=True,
        results_public=False,
        is_published=True,
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=21),
    )
    if created:
        rng = random.Random(2017)
        invitations = services.invitations_create(
            actor=None, survey=survey, labels=[name for _code, name in INPUT_MUNICIPALITIES]
        )
        q = {question.text: question for question in survey.questions.all()}
        known = set(Municipality.objects.values_list("code", flat=True))
        for (code, _name), invitation, idea in zip(
            INPUT_MUNICIPALITIES[:6], invitations, INPUT_IDEAS, strict=False
        ):
            if code not in known:
                continue
            services.response_submit(
                survey=survey,
                invitation=invitation,
                answers={
                    q["Kommune"].key: code,
                    q["Hvilke indsatsområder er vigtigst for jeres kommune?"].key: rng.sample(
                        [
                            "Talent- og karriereudvikling",
                            "Udvikling af spillesteder og scener",
                            "Musikbranchens infrastruktur og samarbejde",
                        ],
                        k=rng.randint(1, 2),
                    ),
                    q[
                        "Hvor godt kender musiklivet i kommunen til Musikmetropolen?"
                    ].key: rng.randint(2, 4),
                    q["Vil kommunen være med i et nyt projekt i 2020?"].key: "yes"
                    if rng.random() < 0.8
                    else "no",
                    q["Idéer til nye initiativer"].key: idea,
                },
            )
    return Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED).count()
