"""Ideas in the open API: the list and each idea (public), and support (signed in).

Reads are public. Support uses the signed-in session with its CSRF token (header `X-CSRFToken`):
POST adds it (201 the first time, 200 when the person already supports the idea, with the same
body), DELETE withdraws it. One support per person is kept by the database.
"""

import datetime

from django.conf import settings
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.utils import check_csrf

from samspill.core.api_schemas import Pagination, errors
from samspill.core.errors import CsrfFailed
from samspill.ideas import selectors, services
from samspill.ideas.models import IdeaStatus
from samspill.projects.selectors import municipality_key

router = Router(tags=["ideas"])


def operation_id(name: str) -> str:
    """The operation ids the endpoints had when they lived in `projects.api_ideas` (clients
    generated from the OpenAPI document use them)."""
    return f"samspill_projects_api_ideas_{name}"


# --- Output ---------------------------------------------------------------------------------------


class IdeaThemeOut(Schema):
    slug: str
    name: str


class IdeaMunicipalityOut(Schema):
    code: str = Field(..., description='Country and official number, like "dk-165"')
    name: str


class IdeaOut(Schema):
    id: int
    title: str
    description: str = Field(..., description="Plain text")
    status: str = Field(..., description="proposed, under_review, accepted, declined or project")
    status_reason: str = Field(..., description="The editors' public reason (declined ideas)")
    programme: str = Field(..., description="The programme's slug")
    themes: list[IdeaThemeOut]
    municipalities: list[IdeaMunicipalityOut]
    support_count: int
    comment_count: int = Field(..., description="Visible comments")
    project: str | None = Field(..., description="The project's slug, once the idea became one")
    created_at: datetime.datetime = Field(..., description="In UTC")
    url: str = Field(..., description="The idea's public page")

    @staticmethod
    def resolve_programme(idea) -> str:
        return idea.programme.slug

    @staticmethod
    def resolve_themes(idea) -> list[dict]:
        return [{"slug": t.slug, "name": t.label} for t in idea.themes.all()]

    @staticmethod
    def resolve_municipalities(idea) -> list[dict]:
        return [{"code": municipality_key(m), "name": m.name} for m in idea.municipalities.all()]

    @staticmethod
    def resolve_project(idea) -> str | None:
        return idea.project.slug if idea.project_id else None

    @staticmethod
    def resolve_url(idea, context) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return context["request"].build_absolute_uri(idea.get_absolute_url())


class SupportOut(Schema):
    supported: bool = Field(..., description="Whether the signed-in person supports the idea")
    support_count: int


# --- Input ----------------------------------------------------------------------------------------


class IdeaFilters(Schema):
    theme: str | None = Field(None, description="Theme slug, see /themes")
    status: IdeaStatus | None = None
    municipality: str | None = Field(None, description='Like "dk-165"', pattern=r"^[a-z]{2}-\d+$")
    programme: str | None = Field(None, description="Programme slug")
    sort: str = Field(
        "support",
        description="support: most supported first; new: newest first",
        pattern="^(support|new)$",
    )


# --- Endpoints ------------------------------------------------------------------------------------


@router.get(
    "/ideas",
    operation_id=operation_id("idea_list"),
    response={200: list[IdeaOut], **errors(422)},
    summary="List ideas",
    description="Visible ideas of published programmes, paginated (`limit`, `offset`). The "
    "filters combine.",
)
@paginate(Pagination)
def idea_list(request, filters: Query[IdeaFilters]):
    return selectors.idea_list_public(
        sort=filters.sort,
        theme=filters.theme,
        status=filters.status.value if filters.status else None,
        municipality=filters.municipality,
        programme=filters.programme,
    )


@router.get(
    "/ideas/{idea_id}",
    operation_id=operation_id("idea_detail"),
    response={200: IdeaOut, **errors(404, 422)},
    summary="One idea",
)
def idea_detail(request, idea_id: int):
    return selectors.idea_get_public(pk=idea_id)


def _signed_in(request):
    if not request.user.is_authenticated:
        raise AuthenticationError()
    if check_csrf(request) is not None:
        raise CsrfFailed()
    return request.user


def _support_body(request, idea) -> dict:
    idea.refresh_from_db(fields=["support_count"])
    return {"supported": True, "support_count": idea.support_count}


@router.post(
    "/ideas/{idea_id}/support",
    operation_id=operation_id("idea_support"),
    response={200: SupportOut, 201: SupportOut, **errors(401, 403, 404, 409, 422)},
    summary="Support an idea",
    description=(
        "Signed in: the session cookie with its CSRF token (header `X-CSRFToken`). 201 when this "
        "call added the support, 200 (same body) when the person already supported the idea: "
        "one support per person. 401 `unauthenticated` when signed out; 403 `csrf_failed` "
        "without the token; 404 for an unknown or hidden idea; 409 `idea_declined`."
    ),
)
def idea_support(request, idea_id: int):
    user = _signed_in(request)
    idea = selectors.idea_for_write(pk=idea_id)
    added = services.idea_support(user=user, idea=idea)
    body = _support_body(request, idea)
    return Status(201 if added else 200, body)


@router.delete(
    "/ideas/{idea_id}/support",
    operation_id=operation_id("idea_unsupport"),
    response={200: SupportOut, **errors(401, 403, 404, 422)},
    summary="Withdraw support for an idea",
    description="Signed in, with the CSRF token. Withdrawing twice is harmless (200 again).",
)
def idea_unsupport(request, idea_id: int):
    user = _signed_in(request)
    idea = selectors.idea_for_write(pk=idea_id)
    services.idea_unsupport(user=user, idea=idea)
    idea.refresh_from_db(fields=["support_count"])
    return Status(200, {"supported": False, "support_count": idea.support_count})
