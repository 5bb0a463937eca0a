"""The open API at /api/v1/: one NinjaAPI that mounts a router per app (`<app>/api.py`).

Every error has the same JSON shape: {"error": {"code": ..., "message": ..., "details": [...]}}.
Messages follow the request's Accept-Language (English by default); codes never change.
"""

import functools

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from samspill.answers.api import router as answers_router
from samspill.api.middleware import code_and_message
from samspill.core.api import router as core_router
from samspill.core.api_me import router as me_router
from samspill.core.errors import SamspillError
from samspill.events.api import router as events_router
from samspill.ideas.api import router as ideas_router
from samspill.knowledge.api import router as knowledge_router
from samspill.network.api import router as network_router
from samspill.news.api import router as news_router
from samspill.projects.api import router as projects_router
from samspill.surveys.api import router as surveys_router
from samspill.surveys.results.api import router as surveys_results_router

api = NinjaAPI(
    title="samspill API",
    version="1",
    description=(
        "The open API of a samspill hub. Read endpoints are public; write endpoints use the "
        "signed-in session (with its CSRF token)."
    ),
    urls_namespace="api",
    docs_url="/docs",
)


def error_response(request, status: int, code: str, message: str, details=None):
    body = {"error": {"code": code, "message": str(message), "details": details or []}}
    return api.create_response(request, body, status=status)


@api.exception_handler(SamspillError)
def on_domain_error(request, exc: SamspillError):
    details = exc.details or ([{"field": exc.field}] if exc.field else [])
    return error_response(request, exc.status, exc.code, exc.message, details)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    details = [
        {"field": ".".join(str(p) for p in e.get("loc", [])[1:]), "message": e.get("msg")}
        for e in exc.errors
    ]
    return error_response(request, 422, "invalid", _("The input is not valid."), details)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error_response(request, 404, "not_found", _("Not found."))


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return error_response(
        request, 403, "not_permitted", _("You do not have permission to do this.")
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return error_response(request, 401, "unauthenticated", _("Sign in to use this endpoint."))


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    # ninja's own (such as 400 for a body that is no JSON): its English text is not for people
    code, message = code_and_message(exc.status_code)
    return error_response(request, exc.status_code, code, message)


class ResourceOut(Schema):
    url: str
    summary: str


class ApiIndexOut(Schema):
    name: str
    version: str
    description: str
    docs: str = Field(..., description="The interactive documentation")
    openapi: str = Field(..., description="The OpenAPI document")
    resources: list[ResourceOut] = Field(..., description="The collections: each list endpoint")


@functools.cache
def _collections() -> list[tuple[str, str]]:
    """(path, summary) of every GET without path parameters, read from the API's own schema."""
    paths = api.get_openapi_schema()["paths"]
    return [
        (path, operations["get"].get("summary", ""))
        for path, operations in paths.items()
        if "get" in operations and "{" not in path and path != reverse("api:api_index")
    ]


@api.get("/", response=ApiIndexOut, summary="This index", tags=["index"])
def api_index(request):
    absolute = request.build_absolute_uri
    return {
        "name": api.title,
        "version": api.version,
        "description": api.description,
        "docs": absolute(reverse("api:openapi-view")),
        "openapi": absolute(reverse("api:openapi-json")),
        "resources": [
            {"url": absolute(path), "summary": summary} for path, summary in _collections()
        ],
    }


api.add_router("/", core_router)
api.add_router("/", knowledge_router)
api.add_router("/", answers_router)
api.add_router("/", events_router)
api.add_router("/", network_router)
api.add_router("/", surveys_router)
api.add_router("/", surveys_results_router)
api.add_router("/", projects_router)
api.add_router("/", ideas_router)
api.add_router("/", news_router)
api.add_router("/", me_router)
