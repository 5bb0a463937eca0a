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

from samspill.core import registry
from samspill.core.data.places import DEMO_MUNICIPALITIES
from samspill.core.models import Municipality, Organisation
from samspill.demo.clock import at_clock
from samspill.demo.data import load
from samspill.surveys import services
from samspill.surveys.models import Answer, Kind, Mode, Question, Response, ResponseStatus, Survey

MAPPING_SLUG = "kartlegging-musikkteknologi"
INPUT_SLUG = "musikmetropolen-input-kommuner"
RESPONSES = 320

DATA = load("surveys")
# The answers the synthetic responses draw from.
NEEDS = DATA["needs"]
HUB_OFFERS = DATA["hub_offers"]
STAGES = DATA["stages"]
THEMES = DATA["themes"]
REMARKS = DATA["remarks"]
# The questions of the two surveys: [kind, text, other fields of the question]; "show_if" names
# the text of an earlier question and the answer that shows this one.
MAPPING = DATA["mapping"]
INPUT = DATA["input"]
# The municipalities invited to the input survey ([code, name]) and the ideas the first six sent.
INPUT_MUNICIPALITIES = DATA["input_municipalities"]
INPUT_IDEAS = DATA["input_ideas"]


# Alone (a test builds only this part) or within builders.build: indexed once at the end.
@registry.deferred_indexing()
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


def _texts(name: str) -> dict:
    """A survey's title, introduction, language and owner (by slug) from the data."""
    texts = dict(DATA[name])
    return {**texts, "owner": _owner(texts["owner"])}


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
        **_texts("mapping_survey"),
        mode=Mode.ANONYMOUS,
        one_response=True,
        results_public=True,
        is_published=True,
        opens_at=at_clock(-45, hour=9, now=now),
        closes_at=at_clock(30, hour=12, now=now),
    )
    if created:
        _synthetic_responses(survey)
    return survey


def _synthetic_responses(survey: Survey) -> None:
    rng = random.Random(20210611)
    questions = list(survey.questions.all())
    q = {question.text: question for question in questions}
    places = list(
        Municipality.objects.filter(country="NO", code__in=DEMO_MUNICIPALITIES["NO"]).values_list(
            "code", flat=True
        )
    ) or [None]
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
        **_texts("input_survey"),
        mode=Mode.INVITATION,
        one_response=True,
        results_public=False,
        is_published=True,
        opens_at=at_clock(-10, hour=9, now=now),
        closes_at=at_clock(21, hour=12, now=now),
    )
    if created:
        rng = random.Random(2017)
        invitations = services.invitations_create(
            actor=None,
            survey=survey,
            labels=[f"{name} <{_input_address(code)}>" for code, name in INPUT_MUNICIPALITIES],
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
    _mark_sent(survey)
    return Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED).count()


def _input_address(code: str) -> str:
    """A municipality's fictional address (example.dk: nothing is ever delivered there)."""
    return f"kultur.{code}@example.dk"


def _mark_sent(survey: Survey) -> None:
    """The links were emailed when the survey opened, so that the admin offers reminders to the
    municipalities that have not answered. Written as sent, never sent: the demo sends no email.
    Idempotent, and it gives a demo built before invitations were emailed their addresses."""
    names = {name: code for code, name in INPUT_MUNICIPALITIES}
    for invitation in survey.invitations.filter(sent_at__isnull=True):
        code = names.get(invitation.label)
        email = invitation.email or (_input_address(code) if code else "")
        if email:
            invitation.email = email
            invitation.sent_at = survey.opens_at
            invitation.save(update_fields=["email", "sent_at"])
