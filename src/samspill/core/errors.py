"""Domain errors. Views and the API each translate them to a response in one place."""

from django.utils.translation import gettext_lazy as _


class SamspillError(Exception):
    """Base of every domain error; `code` is stable for API clients, `message` is for people."""

    code = "error"
    status = 400
    default_message = _("The request could not be carried out.")

    def __init__(self, message=None, *, field: str | None = None, details: list | None = None):
        self.message = message or self.default_message
        self.field = field
        # [{"field": ..., "message": ...}] when several inputs are wrong at once
        self.details = details
        super().__init__(str(self.message))


class NotSignedIn(SamspillError):
    code = "unauthenticated"
    status = 401
    default_message = _("Sign in to use this endpoint.")


class NotPermitted(SamspillError):
    code = "not_permitted"
    status = 403
    default_message = _("You do not have permission to do this.")


class NotFound(SamspillError):
    code = "not_found"
    status = 404
    default_message = _("Not found.")


class Conflict(SamspillError):
    code = "conflict"
    status = 409
    default_message = _("This conflicts with data that already exists.")


class InvalidInput(SamspillError):
    code = "invalid"
    status = 422
    default_message = _("The input is not valid.")


class LastAdminError(Conflict):
    code = "last_admin"
    default_message = _("An organisation must keep at least one administrator.")


class RateLimited(SamspillError):
    code = "rate_limited"
    status = 429
    default_message = _("Too many attempts. Try again later.")


class CsrfFailed(NotPermitted):
    code = "csrf_failed"
    default_message = _(
        "Send the CSRF token (header X-CSRFToken) when you use the signed-in session."
    )
