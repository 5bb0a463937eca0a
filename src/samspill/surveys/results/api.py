"""Public survey results in the open API.

The same figures as the public results page (`results.summary(public=True)`): nothing when fewer
than five have answered, every count from 1 to 4 as null (its share too), and as null too any
figure from which such a count could be worked out (complementary suppression, see `results`).
Only published surveys whose results are public; any other survey is not found.
"""

from ninja import Field, Router, Schema

from samspill.core.api_schemas import errors
from samspill.core.errors import NotFound
from samspill.core.questions import answered_kind_names
from samspill.surveys import results, selectors

router = Router(tags=["surveys"])


# --- Output ---------------------------------------------------------------------------------------


class CountOut(Schema):
    value: str = Field(
        ..., description="The stored answer: option text, yes/no, code, __other__, or a number"
    )
    label: str = Field(..., description="For people, in the language of Accept-Language")
    count: int | None = Field(
        ..., description="Respondents; null for fewer than five, or where it would give one away"
    )
    share: float | None = Field(
        ..., description="Of the question's respondents, 0 to 1; null where the count is"
    )


class MatrixRowOut(Schema):
    label: str
    count: int | None = Field(
        ..., description="Answers to the row; null for fewer than five, or to protect one"
    )
    mean: float | None
    distribution: list[CountOut] = Field(..., description="Answers per value, 1 to the maximum")


class QuestionResultOut(Schema):
    key: str = Field(..., description="q<id>, as in the survey's questions and the exports")
    text: str
    kind: str = Field(
        ...,
        description=answered_kind_names(),
    )
    answered: int | None = Field(
        ..., description="Respondents who answered; null for 1 to 4, or to protect a small group"
    )
    withheld: bool = Field(..., description="Fewer than five answered: no figures are given")
    counts: list[CountOut] = Field(
        ..., description="Choices and scales: respondents per option or value"
    )
    mean: float | None = Field(..., description="Scales and numbers")
    minimum: int | None = Field(..., description="Numbers; null (one person's answer)")
    median: float | None = Field(..., description="Numbers")
    maximum: int | None = Field(..., description="Numbers; null (one person's answer)")
    rows: list[MatrixRowOut] = Field(..., description="Matrices: one entry per row")
    texts: list[str] = Field(
        ..., description="Free texts (and “other” texts), the latest first, at most 50"
    )
    text_count: int = Field(..., description="How many free texts there are in all")


class SurveyResultsOut(Schema):
    slug: str
    title: str
    respondents: int | None = Field(..., description="Submitted responses; null for 1 to 4")
    withheld: bool = Field(..., description="Fewer than five respondents: no questions are given")
    min_group: int = Field(..., description="The smallest group the results show")
    questions: list[QuestionResultOut]


def _counts(bars) -> list[dict]:
    return [
        {"value": bar.key, "label": bar.label, "count": bar.count, "share": bar.share}
        for bar in bars
    ]


def _question_out(result: results.QuestionResult) -> dict:
    return {
        "key": result.key,
        "text": result.question.text,
        "kind": result.kind,
        "answered": result.answered,
        "withheld": result.withheld,
        "counts": _counts(result.bars),
        "mean": result.mean,
        "minimum": result.minimum,
        "median": result.median,
        "maximum": result.maximum,
        "rows": [
            {
                "label": row.label,
                "count": row.count,
                "mean": row.mean,
                "distribution": _counts(row.bars),
            }
            for row in result.rows
        ],
        "texts": [text.text for text in result.texts],
        "text_count": result.text_count,
    }


# --- Endpoints ------------------------------------------------------------------------------------


@router.get(
    "/surveys/{slug}/results",
    response={200: SurveyResultsOut, **errors(404)},
    summary="A survey's public results",
    # The operation's id from before the results had their own package (clients may use it).
    operation_id="samspill_surveys_api_results_survey_results",
    description="Counts, shares and means per question over the submitted responses, for "
    "published surveys with public results. Groups of fewer than five are never shown: the "
    "results are withheld below five respondents, counts from 1 to 4 are null, and so are "
    "the counts from which one of those could be worked out.",
)
def survey_results(request, slug: str):
    survey = selectors.survey_by_slug(slug, published=True)
    if survey is None or not survey.results_public:
        raise NotFound()
    summary = results.summary(survey, public=True)
    return {
        "slug": survey.slug,
        "title": survey.title,
        "respondents": summary.respondents,
        "withheld": summary.withheld,
        "min_group": results.MIN_GROUP,
        "questions": [_question_out(r) for r in summary.questions],
    }
