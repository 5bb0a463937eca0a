"""Security headers, the Content-Security-Policy, two-factor authentication for hub admins, the
admin's door for people without admin access, and N+1 detection in development."""

import logging
import traceback
import warnings
from contextvars import ContextVar

from allauth.mfa.models import Authenticator
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# The Wagtail admin and the API docs run a few inline scripts and styles that carry no nonce; only
# those signed-in editor screens and the docs get 'unsafe-inline'. Public pages never do.
_WIDER_POLICY_PREFIXES = ("/admin/", "/api/v1/docs")


def security_headers_middleware(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(_WIDER_POLICY_PREFIXES):
            parts.replace = {
                **(parts.replace or {}),
                "script-src": ["'self'", "'unsafe-inline'"],
                "style-src": ["'self'", "'unsafe-inline'"],
                "img-src": ["'self'", "data:", "blob:"],
                "frame-src": ["'self'"],
                "frame-ancestors": ["'self'"],
            }
        return parts


def require_admin_mfa_middleware(get_response):
    """With REQUIRE_ADMIN_MFA, a hub admin must set up TOTP before using the admin."""

    def middleware(request):
        if (
            settings.REQUIRE_ADMIN_MFA
            and request.path_info.startswith("/admin/")
            and request.user.is_authenticated
            and request.user.is_superuser
            and not _has_totp(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Hub administrators must turn on two-factor authentication before using the admin."
                ),
            )
            return redirect("mfa_activate_totp")
        return get_response(request)

    return middleware


def _has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def api_language_middleware(get_response):
    """The API speaks the language of the Accept-Language header, English when none fits.

    (Its URLs carry no language prefix, so the page rule "no prefix means bokmål" does not apply.)
    """

    def middleware(request):
        if not request.path_info.startswith("/api/"):
            return get_response(request)
        language = _accepted_language(request.headers.get("Accept-Language", "")) or "en"
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Accept-Language",))
        return response

    return middleware


def _accepted_language(header: str) -> str | None:
    supported = {code for code, _name in settings.LANGUAGES}
    for code, _quality in parse_accept_lang_header(header):
        code = code.lower()
        for candidate in (
            code,
            code.split("-")[0],
            "nb" if code.split("-")[0] in {"no", "nn"} else "",
        ):
            if candidate in supported:
                return candidate
    return None


def admin_access_middleware(get_response):
    """A signed-in person without admin access gets the 403 page at /admin/.

    Wagtail sends them to the login page, which sends a signed-in person back to `next`
    (/admin/): a redirect loop. Anonymous visitors still go to the login page.
    """

    def middleware(request):
        if (
            request.path_info.startswith("/admin/")
            and request.user.is_authenticated
            and not request.user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied
        return get_response(request)

    return middleware


nplusone_logger = logging.getLogger("samspill.nplusone")
_current_request: ContextVar = ContextVar("samspill_nplusone_request", default=None)


def n_plus_one_origin() -> str:
    """Where the repeated query came from: the innermost frame outside Django's ORM and templates
    and zeal, and the innermost frame of samspill's own code, when that is another one."""
    stack = traceback.extract_stack()
    # Only what led to the query: the frames outside zeal's report (the signal and its receivers).
    outer = min((i for i, f in enumerate(stack) if "/zeal/" in f.filename), default=len(stack))
    frames = [
        f for f in reversed(stack[:outer]) if not any(part in f.filename for part in _NOT_AN_ORIGIN)
    ]
    if not frames:
        return ""
    first = frames[0]
    ours = next(
        (f for f in frames if "/samspill/" in f.filename and not f.filename.endswith(_SELF)), None
    )
    places = [first] + ([ours] if ours and ours is not first else [])
    return " at " + " via ".join(f"{_short(f.filename)}:{f.lineno} in {f.name}" for f in places)


_SELF = "/samspill/core/middleware.py"
_NOT_AN_ORIGIN = (
    "/zeal/",
    "/django/db/",
    "/django/template/",
    "/django/utils/",
    "/django/dispatch/",
    "/modelcluster/",
    "/django_htmx/",
)


def _short(filename: str) -> str:
    for marker in ("/site-packages/", "/src/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def _log_n_plus_one(sender, exception, **kwargs):
    request = _current_request.get()
    where = f" ({request.method} {request.get_full_path()})" if request is not None else ""
    nplusone_logger.warning("%s%s%s", exception, n_plus_one_origin(), where)


def n_plus_one_middleware(get_response):
    """Each request runs under django-zeal's N+1 detection (development and test mode only).

    With ZEAL_RAISE (the test suite) an N+1 raises and fails the test. A served process never
    fails a page for it: the N+1 is logged as a warning on "samspill.nplusone", once, with the
    request it happened in.
    """
    from zeal import zeal_context
    from zeal.signals import nplusone_detected

    nplusone_detected.connect(_log_n_plus_one, dispatch_uid="samspill.nplusone.log")
    # zeal also emits a UserWarning for what is logged above; one report is enough.
    warnings.filterwarnings("ignore", message=r"N\+1 detected", category=UserWarning)

    def middleware(request):
        token = _current_request.set(request)
        try:
            with zeal_context():
                return get_response(request)
        finally:
            _current_request.reset(token)

    return middleware
