"""Builders for surveys tests.

`make_survey()` gives an open, published, anonymous survey with two sections that use most
question kinds; `answer(survey, **by_text)` submits a response through the service, its answers
given by question text (see `answers_for`)."""

import datetime

from django.utils import timezone

from samspill.surveys import services
from samspill.surveys.models import Kind, Mode, Question, Survey
from tests.core.factories import OrganisationFactory

# (kind, text, extra fields); a Kind.SECTION entry starts a section.
STANDARD = [
    (Kind.SECTION, "Om dere", {"help_text": "Litt om virksomheten."}),
    (Kind.ORG_KIND, "Hva slags virksomhet er dere?", {"required": True}),
    (Kind.SINGLE, "Fase", {"options": "Idé\nOppstart\nVekst", "required": True}),
    (Kind.MUNICIPALITY, "Kommune", {}),
    (Kind.NUMBER, "Antall ansatte", {"min_value": 0, "max_value": 10000}),
    (Kind.SECTION, "Behov", {}),
    (
        Kind.MULTIPLE,
        "Hva trenger dere?",
        {"options": "Investering\nMentor\nMarkedsføring\nJuridisk hjelp", "allow_other": True},
    ),
    (
        Kind.SCALE,
        "Hvor nyttig er et nettverk?",
        {"scale_max": 5, "low_label": "Lite", "high_label": "Svært"},
    ),
    (Kind.YES_NO, "Vil dere komme på samlinger?", {"required": True}),
    (Kind.SHORT_TEXT, "Hvilke?", {"show_if": ("Vil dere komme på samlinger?", "yes")}),
    (Kind.MATRIX, "Hvor viktig er", {"options": "Kapital\nKompetanse", "scale_max": 5}),
    (Kind.LONG_TEXT, "Noe annet?", {}),
]


def make_survey(
    *,
    title="Kartlegging av musikkteknologi",
    slug=None,
    owner=None,
    mode=Mode.ANONYMOUS,
    spec=None,
    opens_in_days: float | None = -1,
    closes_in_days: float | None = 30,
    **fields,
) -> Survey:
    now = timezone.now()
    survey = Survey.objects.create(
        title=title,
        slug=slug or f"survey-{Survey.objects.count() + 1}",
        owner=owner or OrganisationFactory(),
        mode=mode,
        is_published=fields.pop("is_published", True),
        opens_at=None if opens_in_days is None else now + datetime.timedelta(days=opens_in_days),
        closes_at=None if closes_in_days is None else now + datetime.timedelta(days=closes_in_days),
        **fields,
    )
    by_text = {}
    for order, (kind, text, extra) in enumerate(spec or STANDARD):
        extra = dict(extra)
        show_if = extra.pop("show_if", None)
        question = Question.objects.create(
            survey=survey, sort_order=order, kind=kind, text=text, **extra
        )
        if show_if:
            question.show_if_question = by_text[show_if[0]]
            question.show_if_value = show_if[1]
            question.save()
        by_text[text] = question
    return survey


def q(survey, text) -> Question:
    return survey.questions.get(text=text)


def answers_for(survey, **by_text) -> dict:
    """{question key: value} from {question text with spaces as _ ...}; or pass `data=`."""
    data = {}
    for text, value in by_text.items():
        question = survey.questions.get(text=text.replace("_", " "))
        data[question.key] = value
    return data


def answer(survey, data: dict, **who):
    return services.response_submit(survey=survey, answers=data, **who)


def standard_answers(survey, **overrides) -> dict:
    """A complete, valid answer to STANDARD; overrides by question text."""
    values = {
        "Hva slags virksomhet er dere?": "startup",
        "Fase": "Oppstart",
        "Antall ansatte": 3,
        "Hva trenger dere?": ["Investering", "Mentor"],
        "Hvor nyttig er et nettverk?": 4,
        "Vil dere komme på samlinger?": "yes",
        "Hvilke?": "Digitale møter",
        "Hvor viktig er": {"Kapital": 5, "Kompetanse": 3},
        "Noe annet?": "",
    }
    values.update(overrides)
    return {q(survey, text).key: value for text, value in values.items()}
