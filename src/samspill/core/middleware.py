"""Security headers, the Content-Security-Policy, two-factor authentication for hub admins, and the
admin's door for people without admin access. (N+1 detection in development: core.nplusone.)"""

import http.client
from dataclasses import asdict

from allauth.mfa.models import Authenticator
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from samspill.core import selectors

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


_WIDER_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}

# The header text per (report only, wider) variant, built once per process: the policy depends on
# the settings only, unless a response or request brings its own parts (a nonce, a decorator).
_built_policies: dict[tuple[bool, bool], str] = {}


@receiver(setting_changed)
def _forget_built_policies(*, setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _built_policies.clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's wider policy and the header text built
    once per variant rather than per response (the same text as django-csp builds it)."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(_WIDER_POLICY_PREFIXES):
            parts.replace = {**(parts.replace or {}), **_WIDER_POLICY}
        return parts

    def policy(self, request, response, report_only: bool = False) -> str:
        """The header's text, as django-csp's `build_policy` makes it."""
        own = ("_csp_config", "_csp_update", "_csp_replace")
        if report_only:
            own = tuple(f"{name}_ro" for name in own)
        variant = None
        if getattr(request, "_csp_nonce", None) is None and not any(
            getattr(response, name, None) for name in own
        ):
            wider = not report_only and request.path_info.startswith(_WIDER_POLICY_PREFIXES)
            variant = (report_only, wider)
            built = _built_policies.get(variant)
            if built is not None:
                return built
        parts = self.get_policy_parts(request=request, response=response, report_only=report_only)
        built = build_policy(**asdict(parts), report_only=report_only)
        if variant is not None:
            _built_policies[variant] = built
        return built

    def process_response(self, request, response):
        """django-csp's `process_response`, with the text from `policy`."""
        exempted_debug_codes = (http.client.INTERNAL_SERVER_ERROR, http.client.NOT_FOUND)
        if response.status_code in exempted_debug_codes and settings.DEBUG:
            return response
        for report_only, header, exempt, setting in (
            (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (True, HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            text = self.policy(request, response, report_only)
            if not text or header in response or getattr(response, exempt, False) is not False:
                continue
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = text
        # As django-csp: a nonce asked for after the header was written raises.
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


# Paths that render no hub page: the health checks read nothing, the API and the admin find the
# Site themselves where they need it (the admin may move a page and then build its address within
# one request).
_NO_HUB_PAGE_PREFIXES = ("/healthz", "/api/", "/admin/")


def site_middleware(get_response):
    """The request's Wagtail Site and the site root paths from this process's memory
    (`core.selectors`), where Wagtail's page serving, settings and page addresses look for them:
    for the hub's pages, not for the paths in `_NO_HUB_PAGE_PREFIXES`."""

    def middleware(request):
        if not request.path_info.startswith(_NO_HUB_PAGE_PREFIXES):
            selectors.site_for_request(request)
            if request.method in ("GET", "HEAD"):
                selectors.site_root_paths_for_request(request)
        return get_response(request)

    return middleware


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


def admin_language_middleware(get_response):
    """The admin speaks the hub's language (or the person's own), not the browser's.

    /admin/ has no language prefix, so Django's LocaleMiddleware took the browser's
    Accept-Language: an English browser got Wagtail in English on a bokmål hub (issue 18). Unless
    the language cookie is set, the admin uses the person's preferred language, else the hub's; a
    language chosen in the admin's own account settings (Wagtail's profile) still wins, as Wagtail
    applies it per view.
    """

    def middleware(request):
        if request.path_info.startswith("/admin/") and (
            settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
        ):
            user = getattr(request, "user", None)
            chosen = getattr(user, "preferred_language", "") if user is not None else ""
            language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return get_response(request)

    return middleware
