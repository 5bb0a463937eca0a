"""Schemas the apps' API routers share: the one shape of every error answer.

`{"error": {"code": ..., "message": ..., "details": [{"field": ..., "message": ...}]}}`, written
by the handlers in `samspill.api.api` for every error; the routers name it in their
`response={..., **errors(404, 422)}` so that the OpenAPI schema documents it. And the one
pagination of every list (`limit`, `offset`, both bounded). And `page_url`, the one way an
endpoint names a page of the site."""

from django.conf import settings
from django.utils import translation
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination


class ErrorDetailOut(Schema):
    field: str | None = None
    message: str | None = None


class ErrorBodyOut(Schema):
    code: str = Field(
        ...,
        description="Stable code, such as not_found, invalid, conflict, rate_limited or one "
        "named by the endpoint",
    )
    message: str = Field(..., description="For people, in the language of Accept-Language")
    details: list[ErrorDetailOut]


class ErrorOut(Schema):
    error: ErrorBodyOut


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error answers an operation can give, for its `response={...}`: `**errors(404, 422)`."""
    return dict.fromkeys(statuses, ErrorOut)


# The deepest page a list serves: far beyond any hub, yet small enough for every database's
# OFFSET (a larger number used to reach SQLite and overflow there: a 500).
MAX_OFFSET = 10_000_000


class PageIn(Schema):
    limit: int = Field(
        settings.NINJA_PAGINATION_PER_PAGE,
        ge=1,
        le=settings.NINJA_PAGINATION_MAX_LIMIT,
        description="How many items to return",
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip")


class Pagination(LimitOffsetPagination):
    """`limit` and `offset` within bounds: anything else is a 422 with the error shape."""

    Input = PageIn


def page_url(request, path_of) -> str:
    """An absolute address of a page, in the hub's default language (no language prefix):
    `path_of` is called with that language active (a `get_absolute_url` or a `reverse`)."""
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(path_of())


class ImageOut(Schema):
    """A picture or logo (`core.images.api_image`): one rendition of it and its alt text."""

    url: str = Field(..., description="An absolute address of the image, sized for the web")
    width: int = Field(..., description="In pixels")
    height: int = Field(..., description="In pixels")
    alt: str = Field(
        ...,
        description="Text for people who cannot see it; empty when it is decoration (a "
        "picture whose editor gave no description)",
    )
