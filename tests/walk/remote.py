"""The walk's client against running servers (`SAMSPILL_TARGETS`, bench/scaleout.py).

It has what the walk uses of Django's test client: `force_login` (the session is written through
the targets' session engine, Redis in the scale-out profile, which the test process shares with
them; unlike Django's, without `login()`, whose update of `last_login` would hold the person's
row locked in the test's transaction while the servers serve them) and `get`, here a real HTTP request to the next target in turn, with the
client's cookies. A walk thus goes back and forth between the app servers, so every page it opens
after the first reads a session and cookies another server wrote.
"""

import http.client
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from importlib import import_module
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.test import Client

from tests.served import target_addresses

TIMEOUT = 60


@dataclass
class RemoteResponse:
    status_code: int
    headers: dict = field(default_factory=dict)  # lower-cased names
    content: bytes = b""
    streaming: bool = False
    server: str = ""

    def __post_init__(self):
        self.headers = _Headers(self.headers)


class _Headers(dict):
    def get(self, name, default=None):
        return super().get(name.lower(), default)

    def __getitem__(self, name):
        return super().__getitem__(name.lower())


class RemoteClient(Client):
    def __init__(self, **defaults):
        super().__init__(**defaults)
        self.addresses = target_addresses()
        self.requests = 0
        self.by_server: dict[str, int] = {}

    def force_login(self, user, backend=None):
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = backend or settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        self.cookies[settings.SESSION_COOKIE_NAME] = session.session_key

    def _cookie_header(self) -> str:
        return "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())

    def _keep_cookies(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, path, data=None, follow=False, secure=False, headers=None, **extra):
        host, port = self.addresses[self.requests % len(self.addresses)]
        self.requests += 1
        server = f"{host}:{port}"
        self.by_server[server] = self.by_server.get(server, 0) + 1
        connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
        try:
            request_headers = {
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                "User-Agent": "samspill-walk",
                **(headers or {}),
            }
            if self.cookies:
                request_headers["Cookie"] = self._cookie_header()
            connection.request("GET", path, headers=request_headers)
            response = connection.getresponse()
            content = response.read()
            self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
            headers_out = {name.lower(): value for name, value in response.getheaders()}
        finally:
            connection.close()
        location = headers_out.get("location", "")
        if location:
            # Back to a path: the walk follows same-site links, and each target is "the site".
            parts = urlsplit(location)
            if parts.hostname in {host, "127.0.0.1", "localhost"}:
                headers_out["location"] = parts.path + (f"?{parts.query}" if parts.query else "")
        return RemoteResponse(response.status, headers_out, content, server=server)
