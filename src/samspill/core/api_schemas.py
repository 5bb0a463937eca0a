"""Schemas the apps' API routers share: the one shape of every error answer.

`{"error": {"code": ..., "message": ..., "details": [{"field": ..., "message": ...}]}}`, written
by the handler in `samspill.api.api` for every `SamspillError`; the routers name it in their
`response={...: ErrorOut}` so that the OpenAPI schema documents it."""

from ninja import Field, Schema


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
