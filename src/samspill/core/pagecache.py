"""The anonymous full-page cache, exact by content versions (core.versions).

A view opts in with ``@cached_page(depends=...)`` (Wagtail's pages are in with every namespace).
`PageCacheMiddleware`, placed after the session, locale, CSRF, authentication and message
middleware, then answers a visitor's GET or HEAD from the pages this process served last (its
memory, 32 MB) or, with Redis, from the "pages" cache every process shares:

- **Who**: a request without a session cookie, a message waiting (its cookie) or an
  Authorization header (a guest's session, a message: rendered afresh); other cookies (CSRF,
  language, a consent banner's) change nothing. Signed-in visitors get the
  anonymous page only where the view says ``members_share=True`` (a Wagtail page class:
  ``page_cache_members_share = True``): the page is the same for everyone but its personal parts
  (``{% personal "template" %}``: the header's account part, the home page's calls to join),
  which are rendered for them from the request alone. ``members_share`` may also be a function
  of the request and the URL's arguments (a survey's results: not for those who run it).
- **Key**: host, scheme, path, normalised query string, language, htmx's request headers, the
  running code's version, and the tokens of the namespaces the page depends on. A write anywhere gives its namespace a new token,
  so the next request misses and renders anew; ``timeout`` bounds what depends on the clock
  (an event that has started leaves "upcoming").
- **What is stored**: 200 responses, not streamed, that set no cookie, added no message and marked
  no session change, and whose Cache-Control allows it. CSRF tokens in the HTML are replaced by a
  placeholder and filled per request with this visitor's token (the CSRF middleware then sets its
  cookie), so forms on cached pages work.
- **For proxies**: ``Cache-Control: public, no-cache`` with an ETag (the body's hash) and
  ``Vary: Cookie``: a proxy may keep the page and must ask again each time, and a conditional
  request that still matches is answered 304 without rendering. Pages that carry a CSRF token are
  ``private``.
- ``X-Page-Cache: hit | miss | shared | bypass`` says what happened (benchmarks count it).
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, wraps
from importlib import import_module
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage import default_storage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

from samspill.core import versions

logger = logging.getLogger(__name__)

PAGES_CACHE = "pages"
HEADER = "X-Page-Cache"
_CSRF_PLACEHOLDER = b"\x00samspill-csrf\x00"
_TOKEN = re.compile(rb"[A-Za-z0-9]{64}")
# The template's name, and after "?" the arguments it is rendered with (percent-encoded).
_PERSONAL = re.compile(
    rb"<!--personal:([\w/.-]+(?:\?[\w.%=&~+-]*)?)-->.*?<!--/personal-->", re.DOTALL
)
_HTMX_HEADERS = (
    "HTTP_HX_REQUEST",
    "HTTP_HX_BOOSTED",
    "HTTP_HX_TARGET",
    "HTTP_HX_TRIGGER",
    "HTTP_HX_TRIGGER_NAME",
    "HTTP_HX_HISTORY_RESTORE_REQUEST",
)
_SKIPPED_HEADERS = frozenset({"set-cookie", "x-page-cache", "content-length"})


@dataclass(frozen=True)
class Policy:
    depends: tuple[str, ...] = versions.ALL
    # True: signed-in members get the visitors' page with its personal parts rendered for them;
    # None: the page says so when it is rendered (Wagtail pages: `page_cache_members_share`);
    # a function of the request and the URL's arguments: asked per member (a survey's results
    # are the visitors' for every member but those who run the survey).
    members_share: bool | Callable[..., bool] | None = False
    timeout: int = 60


WAGTAIL_PAGES = Policy(members_share=None)
_policies_by_url_name: dict[str, Policy] = {"wagtail_serve": WAGTAIL_PAGES}


def cached_page(
    depends: Iterable[str] = versions.ALL,
    *,
    members_share: bool | Callable[..., bool] = False,
    timeout: int = 60,
) -> Callable:
    """Serve this view to visitors from the page cache (module docstring). ``depends``: the
    namespaces whose writes can change the page (core.versions); leave the default (every one)
    unless sure. ``timeout``: how long a page may stay when nothing is written, for what the
    clock changes."""
    policy = Policy(tuple(depends), members_share, timeout)

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)

        wrapper.page_cache = policy
        return wrapper

    return decorate


def register_url_name(url_name: str, policy: Policy) -> None:
    """Cache a view one cannot decorate (another package's), by its URL name."""
    _policies_by_url_name[url_name] = policy


def policy_for(request: HttpRequest) -> Policy | None:
    return _resolved(request)[0]


def _resolved(request: HttpRequest) -> tuple[Policy | None, dict]:
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    policy, arguments = _policy_for_path(urlconf, request.path_info, translation.get_language())
    return policy, dict(arguments)


@lru_cache(maxsize=4096)
def _policy_for_path(urlconf: str, path: str, language: str | None) -> tuple[Policy | None, tuple]:
    # The URLconf is code: a path resolves the same way until the process restarts. (The language
    # is part of it: i18n_patterns resolve by the active one.)
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None, ()
    policy = getattr(match.func, "page_cache", None)
    if policy is None and match.url_name:
        policy = _policies_by_url_name.get(match.url_name)
    return policy, tuple(match.kwargs.items())


def _member_may_share(request: HttpRequest, policy: Policy) -> bool:
    if policy.members_share is False:
        return False
    if callable(policy.members_share):
        return bool(policy.members_share(request, **_resolved(request)[1]))
    return True


class _Memory:
    """The pages this process served last, up to a number of bytes: a hit without a round trip
    to the shared cache. Exact like the shared cache, whose keys it uses."""

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self.entries: OrderedDict[str, dict] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry["expires"] <= time.time():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def set(self, key: str, entry: dict) -> None:
        size = len(entry["body"])
        if size > self.limit // 8:
            return
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = entry
            self.size += size
            while self.size > self.limit:
                self._drop(next(iter(self.entries)))

    def _drop(self, key: str) -> None:
        self.size -= len(self.entries.pop(key)["body"])

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


_memory = _Memory(32 * 1024 * 1024)


def _get(cache, key: str) -> dict | None:
    entry = _memory.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is not None:
            _memory.set(key, entry)
    return entry


# --- Counting (this process) -----------------------------------------------------------------------

_counts = {"hit": 0, "miss": 0, "shared": 0, "bypass": 0}
_counts_lock = threading.Lock()


def _count(outcome: str) -> None:
    with _counts_lock:
        _counts[outcome] += 1


def stats() -> dict[str, int]:
    with _counts_lock:
        return dict(_counts)


def clear() -> None:
    """Empty the page cache (the test suite does between tests)."""
    caches[PAGES_CACHE].clear()
    _memory.clear()


# --- The middleware --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def code_version() -> str:
    """What the running code renders with: its modules, templates, translations and the static
    files' manifest. After an upgrade the new processes use new keys, so no page rendered by the
    old code is served by the new."""
    import samspill

    package = Path(samspill.__file__).parent
    files = [path for path in package.rglob("*") if path.suffix in _CODE_SUFFIXES]
    manifest = Path(settings.STATIC_ROOT or "") / "staticfiles.json"
    if settings.STATIC_ROOT and manifest.exists():
        files.append(manifest)
    stamp = "|".join(f"{path}:{path.stat().st_mtime_ns}" for path in sorted(files))
    return hashlib.blake2b(stamp.encode(), digest_size=8).hexdigest()


_CODE_SUFFIXES = frozenset({".py", ".html", ".txt", ".mo", ".json", ".svg"})


def _key(request: HttpRequest, policy: Policy) -> str:
    query = sorted(request.GET.lists())
    parts = [
        code_version(),
        request.scheme,
        request.get_host(),
        request.path,
        urlencode(query, doseq=True),
        translation.get_language() or "",
        *(request.META.get(name, "") for name in _HTMX_HEADERS),
        *versions.current(*policy.depends),
    ]
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
    return f"samspill:page:{digest}"


def _cacheable_request(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD")


# The cookies that make a request someone's: a session (signed in, or a guest's answers), a message
# waiting to be shown. Other cookies (the CSRF token, a language, a consent banner's, analytics)
# change nothing samspill renders.
_PERSONAL_COOKIES = ("messages",)


def _anonymous_request(request: HttpRequest) -> bool:
    """No session, no message waiting, no credentials of any other kind."""
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and not any(
        name in cookies for name in _PERSONAL_COOKIES
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        if settings.PAGE_CACHE:
            code_version()  # at start, not in the first visitor's request

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with versions.request_snapshot():
            return self._handle(request)

    def _handle(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE or not _cacheable_request(request):
            return self.get_response(request)
        policy = policy_for(request)
        if policy is None:
            return self.get_response(request)
        cache = caches[PAGES_CACHE]
        if _anonymous_request(request):
            try:
                key = _key(request, policy)
                entry = _get(cache, key)
            except Exception:
                # A cache that does not answer must not take the site down with it.
                logger.exception("The page cache did not answer")
                return self.get_response(request)
            if entry is not None:
                _count("hit")
                return self._from_entry(request, entry, "hit")
            response = self.get_response(request)
            if self._store(request, response, cache, key, policy):
                _count("miss")
                response[HEADER] = "miss"
            else:
                _count("bypass")
                response[HEADER] = "bypass"
            return response
        if (
            policy.members_share is not False
            and request.user.is_authenticated
            and not get_messages(request)
            and _member_may_share(request, policy)
        ):
            shared = self._shared(request, policy, cache)
            if shared is not None:
                return shared
        response = self.get_response(request)
        _count("bypass")
        response[HEADER] = "bypass"
        return response

    def _shared(self, request, policy, cache) -> HttpResponse | None:
        """A member's copy of the visitors' page, rendering that page first when no visitor has
        lately (members should not wait for a visitor to come by); None when the page is not
        the same for everyone."""
        try:
            key = _key(request, policy)
            entry = _get(cache, key)
        except Exception:
            logger.exception("The page cache did not answer")
            return None
        if entry is None:
            visitor = _visitors_request(request)
            response = self.get_response(visitor)
            if not self._store(visitor, response, cache, key, policy):
                return None
            entry = _memory.get(key)
        if entry is None or not entry.get("members_share"):
            return None
        _count("shared")
        return self._from_entry(request, entry, "shared")

    # -- storing

    def _store(self, request, response, cache, key, policy) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        storage = getattr(request, "_messages", None)
        if storage is not None and getattr(storage, "_queued_messages", None):
            return False
        body = response.content
        uses_csrf = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        if uses_csrf:
            body = _hide_csrf_tokens(request, body)
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        if not uses_csrf:
            response["ETag"] = etag
            response["Cache-Control"] = "public, no-cache"
        else:
            response["Cache-Control"] = "private, no-cache"
        patch_vary_headers(response, ("Cookie",))
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _SKIPPED_HEADERS
        ]
        entry = {
            "headers": headers,
            "body": body,
            "csrf": uses_csrf,
            "etag": etag,
            "expires": time.time() + policy.timeout,
            # A function is asked per member before; the visitors' copy itself may be shared.
            "members_share": bool(
                getattr(
                    request,
                    "page_cache_members_share",
                    policy.members_share is True or callable(policy.members_share),
                )
            ),
        }
        _memory.set(key, entry)
        try:
            cache.set(key, entry, policy.timeout)
        except Exception:
            logger.exception("The page cache did not keep a page")
            return False
        return True

    # -- serving

    def _from_entry(self, request, entry, outcome: str) -> HttpResponse:
        body = entry["body"]
        shared = outcome == "shared"
        if shared:
            body = _PERSONAL.sub(lambda match: _personal(request, match.group(1)), body)
        if entry["csrf"] or shared:
            body = _fill_csrf_tokens(request, body)
        elif request.headers.get("If-None-Match") == entry["etag"]:
            response = HttpResponseNotModified()
            response["ETag"] = entry["etag"]
            response[HEADER] = outcome
            return response
        response = HttpResponse(body)
        for name, value in entry["headers"]:
            response[name] = value
        if shared:
            response["Cache-Control"] = "private, no-cache"
            del response["ETag"]
        response[HEADER] = outcome
        return response


def _visitors_request(request: HttpRequest) -> HttpRequest:
    """The same request as a visitor without a session would make it."""
    visitor = copy.copy(request)
    visitor.META = {key: value for key, value in request.META.items() if key != "HTTP_COOKIE"}
    visitor.COOKIES = {
        name: value
        for name, value in request.COOKIES.items()
        if name != settings.SESSION_COOKIE_NAME and name not in _PERSONAL_COOKIES
    }
    visitor.user = AnonymousUser()
    visitor.session = import_module(settings.SESSION_ENGINE).SessionStore()
    visitor._messages = default_storage(visitor)
    return visitor


def _personal(request: HttpRequest, template: bytes) -> bytes:
    name, _, query = template.decode().partition("?")
    arguments = dict(parse_qsl(query)) if query else {}
    html = render_to_string(name, arguments or None, request=request)
    return personal_region(name, html, arguments).encode()


def personal_region(template: str, html: str, arguments: dict | None = None) -> str:
    """A part of a page that a signed-in member gets rendered for them (`{% personal %}`), from
    the request and `arguments` (a few short strings: a follow button's target and title)."""
    if arguments:
        template = f"{template}?{urlencode(arguments, quote_via=quote)}"
    return f"<!--personal:{template}-->{html}<!--/personal-->"


def _hide_csrf_tokens(request: HttpRequest, body: bytes) -> bytes:
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return body

    def replace(match: re.Match) -> bytes:
        token = match.group(0).decode()
        return _CSRF_PLACEHOLDER if _unmask_cipher_token(token) == secret else match.group(0)

    return _TOKEN.sub(replace, body)


def _fill_csrf_tokens(request: HttpRequest, body: bytes) -> bytes:
    if _CSRF_PLACEHOLDER not in body:
        return body
    return body.replace(_CSRF_PLACEHOLDER, get_token(request).encode())
