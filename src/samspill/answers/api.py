"""The answer finder in the open API: `GET /api/v1/answers?q=…` (the knowledge bank) and
`GET /api/v1/search?q=…` (everything on the hub, by kind)."""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from samspill.answers import hub, search
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
        kinds=hub.ANSWER_KINDS,
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


# --- The hub's search (the header's question box) -------------------------------------------------


class SearchResultOut(Schema):
    kind: str = Field(..., description="What it is: article, faq, guide, event, organisation, …")
    title: str
    heading: str = Field(..., description="The section the passage comes from (empty for the top)")
    url: str = Field(..., description="The page, with the anchor of the passage")
    passage: str = Field(..., description="The passage, shortened around the matched words")
    score: float = Field(..., description="The text ranking's score (0 for a match by name only)")
    language: str
    name_match: bool = Field(
        ..., description="Whether the question is, or holds, this object's name"
    )


class SearchGroupOut(Schema):
    kind: str
    label: str = Field(..., description="The kind's name, in the language of Accept-Language")
    total: int = Field(..., description="How many results of this kind were found")
    results: list[SearchResultOut] = Field(..., description="The best of them, best first")


class SearchOut(Schema):
    query: str
    answered: bool = Field(
        ..., description="Whether the question names something or found a good answer"
    )
    best: SearchResultOut | None = Field(
        ..., description="What the question names, or else the best answer when it is answered"
    )
    groups: list[SearchGroupOut] = Field(
        ..., description="Results by kind, the kind of the best result first"
    )


class SearchParams(Schema):
    q: str | None = Field(None, description="A name, a few words or a question", max_length=300)
    kind: list[str] = Field(
        [],
        description="Only these kinds (repeat the parameter for several); "
        "the kinds are those of the groups, such as article, event or project",
    )
    lang: str | None = Field(
        None,
        description="The question's language: nb, nn, da, sv or en",
        pattern="^(nb|nn|da|sv|en)$",
    )
    limit: int = Field(5, ge=1, le=20, description="Results per kind")


def _search_result(request, answer) -> dict:
    return {
        "kind": answer.kind,
        "title": answer.title,
        "heading": answer.heading,
        "url": request.build_absolute_uri(answer.url),
        "passage": answer.snippet,
        "score": answer.score,
        "language": answer.language,
        "name_match": bool(answer.name_match),
    }


@router.get(
    "/search", response={200: SearchOut, **errors(422)}, summary="Search everything on the hub"
)
def search_everything(request, params: Query[SearchParams]):
    """Answers, events, organisations, people, projects, ideas and surveys for a name, a few
    words or a question, grouped by kind; a thing whose name the question is comes first."""
    question = " ".join((params.q or "").split())
    if not question:
        raise InvalidInput(
            _("Give a name, a few words or a question in the parameter q."), field="q"
        )
    unknown = hub.unknown_kinds(params.kind)
    if unknown:
        raise InvalidInput(
            _("There is nothing of the kind “%(kind)s” to search.") % {"kind": unknown[0]},
            field="kind",
        )
    result = hub.search_hub(
        question,
        language=params.lang,
        kinds=list(dict.fromkeys(params.kind)) or None,
        per_kind=params.limit,
        log=True,
    )
    return {
        "query": result.query,
        "answered": result.answered,
        "best": _search_result(request, result.best) if result.best else None,
        "groups": [
            {
                "kind": group.kind,
                "label": group.label,
                "total": group.total,
                "results": [_search_result(request, answer) for answer in group.results],
            }
            for group in result.groups
        ],
    }
