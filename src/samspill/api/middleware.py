"""Errors under /api/ that no ninja handler wrote (an unknown path, a method a path does not have,
a crash, a refused host or CSRF check) leave as the API's JSON error shape, never as an HTML page,
in production and in development alike. The traceback of a crash still goes to the log."""

import json

from django.http import JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


def code_and_message(status: int) -> tuple[str, str]:
    """The error code and message of an HTTP status that no more precise error explains."""
    if status == 400:
        return "bad_request", _("The request could not be read.")
    if status == 401:
        return "unauthenticated", _("Sign in to use this endpoint.")
    if status == 403:
        return "not_permitted", _("You do not have permission to do this.")
    if status == 404:
        return "not_found", _("Not found.")
    if status == 405:
        return "method_not_allowed", _("This method is not allowed here.")
    if status == 429:
        return "rate_limited", _("Too many attempts. Try again later.")
    if status >= 500:
        return "server_error", _("Something went wrong on our side")
    return "error", _("The request could not be carried out.")


def error_json(status: int) -> JsonResponse:
    code, message = code_and_message(status)
    body = {"error": {"code": code, "message": str(message), "details": []}}
    return JsonResponse(body, status=status)


def _strings(value, path=""):
    """(dotted path, text) for every key and string in a JSON body."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = f"{path}.{key}" if path else str(key)
            yield inner, key
            yield from _strings(item, inner)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}.{index}" if path else str(index))


def _fields_with_nul(request) -> list[str]:
    """The inputs that hold a NUL character, which no text column can store (PostgreSQL refuses
    it: a 500); Django's forms refuse it the same way."""
    fields = [
        name
        for name, values in request.GET.lists()
        if any("\x00" in value for value in [name, *values])
    ]
    if request.body and request.content_type == "application/json":
        try:
            body = json.loads(request.body)
        except ValueError:
            return fields  # ninja answers 400
        for path, text in _strings(body):
            if "\x00" in text and (path or "body") not in fields:
                fields.append(path or "body")
    return fields


def refuse_nul(request) -> JsonResponse | None:
    fields = _fields_with_nul(request)
    if not fields:
        return None
    message = _("Null characters are not allowed.")
    body = {
        "error": {
            "code": "invalid",
            "message": _("The input is not valid."),
            "details": [{"field": field, "message": message} for field in fields],
        }
    }
    return JsonResponse(body, status=422)


def api_errors_middleware(get_response):
    def middleware(request):
        if request.path.startswith(API_PREFIX) and (refused := refuse_nul(request)):
            return refused
        response = get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        answer = error_json(response.status_code)
        for header in KEPT_HEADERS:
            if header in response:
                answer[header] = response[header]
        return answer

    return middleware
