"""Security headers, the Content-Security-Policy, two-factor authentication for hub admins, and the
admin's door for people without admin access. (N+1 detection in development: core.nplusone.)"""

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
