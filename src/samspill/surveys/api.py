"""Surveys in the open API: the list of surveys anyone may answer, one survey with its sections
and questions, and answering it in one request.

Reads are public; a survey answered through personal links is not listed but can be read by its
slug (the link holds it). Answering follows the survey's mode:

- anonymous: anyone, no session; each POST is a response of its own (nothing ties it to a person);
- signed in: the session cookie with its CSRF token (header `X-CSRFToken`); one response per
  account when the survey says so;
- invitation: the `token` of the personal link; one response per link.

Answers are keyed by question key (`q<id>`), in the formats `surveys.services` describes.
"""

import datetime
from typing import Any, Literal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.utils import check_csrf

from samspill.core.api_schemas import Pagination, errors, page_url
from samspill.core.errors import CsrfFailed, NotFound, NotSignedIn, RateLimited
from samspill.core.questions import answered_kind_names
from samspill.core.questions.kinds import offered_country
from samspill.core.ratelimit import allow_request
from samspill.surveys import selectors, services
from samspill.surveys.models import Mode, Survey

router = Router(tags=["surveys"])


# --- Output ---------------------------------------------------------------------------------------


class OwnerOut(Schema):
    slug: str
    name: str


class SurveyOut(Schema):
    id: int
    slug: str
    title: str
    introduction: str
    owner: OwnerOut = Field(..., description="The organisation that runs the survey")
    language: str
    mode: str = Field(..., description="anonymous, signed_in or invitation")
    one_response: bool = Field(..., description="One response per account or personal link")
    results_public: bool
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    state: str = Field(..., description="not_open, open or closed")
    url: str = Field(..., description="The survey's public page")

    @staticmethod
    def resolve_owner(survey) -> dict:
        return {"slug": survey.owner.slug, "name": survey.owner.name}

    @staticmethod
    def resolve_state(survey) -> str:
        return survey.state()

    @staticmethod
    def resolve_url(survey, context) -> str:
        return page_url(context["request"], survey.get_absolute_url)


class ScaleOut(Schema):
    min: int = 1
    max: int
    low_label: str
    high_label: str


class ConditionOut(Schema):
    question: str = Field(..., description="The key of the question this one depends on")
    value: str = Field(..., description="The answer to it that shows this question")


class SurveyQuestionOut(Schema):
    id: int
    key: str = Field(..., description="Key the answer by this in `answers` (q<id>)")
    kind: str = Field(
        ...,
        description=answered_kind_names(),
    )
    text: str
    help_text: str
    required: bool
    options: list[str] = Field(
        ...,
        description="The values to send: option texts (single, multiple), yes/no, "
        "organisation kind codes; empty for municipalities (see options_url)",
    )
    options_url: str | None = Field(
        None, description="Where the allowed values are listed (municipality: their codes)"
    )
    allow_other: bool = Field(
        ..., description="With `q<id>_other` a free text answers “other, please specify”"
    )
    scale: ScaleOut | None = Field(None, description="Scale and matrix questions")
    min_value: int | None = Field(None, description="Number questions: the smallest allowed")
    max_value: int | None = Field(None, description="Number questions: the largest allowed")
    rows: list[str] = Field(..., description="Matrix questions: answer {row: 1..scale.max}")
    condition: ConditionOut | None = Field(
        None, description="Asked only when that question got that answer (else not required)"
    )


def _question_out(question, keys: dict[int, str], municipalities_url: str) -> dict:
    kind = question.engine
    scale = None
    if kind.scaled:
        scale = {
            "min": 1,
            "max": question.scale_max,
            "low_label": question.low_label,
            "high_label": question.high_label,
        }
    condition = None
    if question.show_if_question_id:
        condition = {
            "question": keys.get(question.show_if_question_id, f"q{question.show_if_question_id}"),
            "value": question.show_if_value,
        }
    return {
        "id": question.pk,
        "key": question.key,
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "options": kind.api_options(question),
        "options_url": (
            municipalities_url
            + (f"?country={offered_country(question)}" if offered_country(question) else "")
            if kind.by_country
            else None
        ),
        "allow_other": kind.takes_other(question),
        "scale": scale,
        "min_value": question.min_value if kind.bounded else None,
        "max_value": question.max_value if kind.bounded else None,
        "rows": question.option_list if kind.has_rows else [],
        "condition": condition,
    }


class SurveySectionOut(Schema):
    index: int
    title: str = Field(..., description="Empty for the questions before the first section break")
    introduction: str
    questions: list[SurveyQuestionOut]


class SurveyDetailOut(SurveyOut):
    sections: list[SurveySectionOut]

    @staticmethod
    def resolve_sections(survey, context) -> list[dict]:
        questions = list(survey.questions.all())
        keys = {q.pk: q.key for q in questions}
        municipalities_url = context["request"].build_absolute_uri(reverse("api:municipality_list"))
        return [
            {
                "index": section.index,
                "title": section.title,
                "introduction": section.introduction,
                "questions": [
                    _question_out(q, keys, municipalities_url) for q in section.questions
                ],
            }
            for section in services.sections_of(survey, questions)
        ]


class ResponseCreatedOut(Schema):
    id: int
    submitted_at: datetime.datetime


# --- Input ----------------------------------------------------------------------------------------


class SurveyFilters(Schema):
    state: Literal["open", "closed", "upcoming"] | None = Field(
        None, description="open: can be answered now; closed: over; upcoming: not open yet"
    )


class ResponseIn(Schema):
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="{question key: answer}: a string (single, yes/no, codes), a list of option "
        "texts (multiple), an integer (scale, number), {row: integer} (matrix); "
        "`q<id>_other` for “other”",
    )
    token: str = Field("", max_length=64, description="The personal link's token (invitation)")


# --- Endpoints ------------------------------------------------------------------------------------


def _published(slug: str) -> Survey:
    survey = selectors.survey_by_slug(slug, published=True)
    if survey is None:
        raise NotFound()
    return survey


@router.get(
    "/surveys",
    response={200: list[SurveyOut], **errors(422)},
    summary="List surveys",
    description="Published surveys anyone may answer (not those answered through personal "
    "links), latest first, paginated (`limit`, `offset`).",
)
@paginate(Pagination)
def survey_list(request, filters: Query[SurveyFilters]):
    return selectors.surveys_for_api(filters.state, timezone.now())


@router.get(
    "/surveys/{slug}",
    response={200: SurveyDetailOut, **errors(404)},
    summary="One survey",
    description="A published survey with its sections and questions, in order.",
)
def survey_detail(request, slug: str):
    return _published(slug)


@router.post(
    "/surveys/{slug}/responses",
    response={201: ResponseCreatedOut, **errors(400, 401, 403, 404, 409, 422, 429)},
    summary="Answer a survey",
    description=(
        "The whole response at once. Anonymous surveys: no session needed, each request is a "
        "response of its own. Surveys for signed-in people: the session cookie and its CSRF token "
        "(header `X-CSRFToken`). Invitation surveys: the personal link's `token`.\n\n"
        "201 with the response's id. 400 for a body that is not JSON. 401 `unauthenticated` "
        "without the sign-in the survey asks for. 403 `survey_closed` before the survey opens or "
        "after it closes, `not_permitted` without the token the survey asks for, `csrf_failed` "
        "without the CSRF token; 404 for a survey that is not published; 409 `already_answered` "
        "for a second response where one is allowed; 422 names each wrong or missing answer in "
        "`details` (`field` is the question key); 429 `rate_limited`."
    ),
)
def response_create(request, slug: str, payload: ResponseIn):
    survey = _published(slug)
    if not allow_request(request, "surveys.respond"):
        raise RateLimited()
    services.check_open(survey)
    user = None
    invitation = None
    if survey.mode == Mode.SIGNED_IN:
        if not request.user.is_authenticated:
            raise NotSignedIn(_("Log in to answer this survey."))
        if check_csrf(request) is not None:
            raise CsrfFailed()
        user = request.user
    elif survey.mode == Mode.INVITATION:
        invitation = services.invitation_from_token(survey, payload.token)
    response = services.response_submit(
        survey=survey, answers=payload.answers, user=user, invitation=invitation
    )
    return Status(201, {"id": response.pk, "submitted_at": response.submitted_at})
