"""The answer finder in the open API: `GET /api/v1/answers?q=…`."""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from samspill.answers import search
from samspill.core.api_schemas import errors
from samspill.core.errors import InvalidInput

router = Router(tags=["answers"])


class AnswerOut(Schema):
    article_id: str = Field(
        ..., description="The import id of an imported article, else a stable id"
    )
    title: str
    heading: str = Field(..., description="The section the passage comes from (empty for the top)")
    url: str = Field(..., description="The page, with the anchor of the passage")
    passage: str = Field(..., description="The passage, shortened around the matched words")
    score: float
    language: str
    other_language: bool = Field(
        ...,
        description="Whether the passage is in another language than the question (a Danish "
        "answer to a Norwegian question or the reverse): shown as such",
    )


class AnswersOut(Schema):
    query: str
    answered: bool = Field(..., description="Whether the best result is a good answer")
    results: list[AnswerOut]


class AnswerParams(Schema):
    q: str | None = Field(
        None, description="The question, in the asker's own words", max_length=300
    )
    lang: str | None = Field(
        None,
        description="The question's language: nb, nn, da, sv or en",
        pattern="^(nb|nn|da|sv|en)$",
    )
    audience: str | None = Field(None, description="Audience slug, see /audiences")
    topic: str | None = Field(None, description="Topic slug, see /topics")
    limit: int = Field(5, ge=1, le=20)


@router.get(
    "/answers", response={200: AnswersOut, **errors(422)}, summary="Find the answers to a question"
)
def answers(request, params: Query[AnswerParams]):
    """The best passages for a question, best first, at most one per article."""
    question = " ".join((params.q or "").split())
    if not question:
        raise InvalidInput(_("Give a question in the parameter q."), field="q")
    result = search.find_answers(
        question,
        language=params.lang,
        audience=params.audience,
        topic=params.topic,
        limit=params.limit,
        log=True,
    )
    return {
        "query": result.query,
        "answered": result.answered,
        "results": [
            {
                "article_id": a.answer_id,
                "title": a.title,
                "heading": a.heading,
                "url": request.build_absolute_uri(a.url),
                "passage": a.snippet,
                "score": a.score,
                "language": a.language,
                "other_language": a.other_language,
            }
            for a in result.results
        ],
    }
