"""The walk of the whole product: every role, in development and in production mode.

From the home page (and the admin, for those who have it) each role follows every same-site link
it is shown (tests/walk/crawler.py). Nothing may answer 5xx or raise, no page may run an N+1
(development mode, where the detector is on), and no role may open an admin page it has no
business in or see another organisation's drafts. A new page joins the walk as soon as a link
leads to it.

Findings that belong to another part of the work are listed in KNOWN_ELSEWHERE (kind, URL
pattern as the walk names it, and what was found); they are reported but do not fail the walk.
"""

import re
import warnings

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.test import Client, override_settings

from tests.served import TARGETS
from tests.walk.conftest import editable_organisations
from tests.walk.crawler import Rules, Walk
from tests.walk.remote import RemoteClient

# (finding kind, path regex) -> what was found and who fixes it. Cleared by the lead after merging.
KNOWN_ELSEWHERE: dict[tuple[str, str], str] = {}

# Bounds that keep the walk within its CI budget; breadth-first, so each bound cuts the deepest,
# most repetitive pages first.
MAX_URLS = {"anonymous": 60, "member": 70, "org-editor": 110, "org-admin": 110, "hub-admin": 150}

ADMIN = re.compile(r"^/admin/")


def development_settings():
    return override_settings(DEBUG=True, ZEAL_RAISE=False)


def production_settings():
    """What SAMSPILL_ENV=production changes that a request can meet: no debug pages, no N+1
    detector, secure cookies and HTTPS only, two-factor authentication for hub admins."""
    return override_settings(
        DEBUG=False,
        MIDDLEWARE=[m for m in settings.MIDDLEWARE if "n_plus_one" not in m],
        SESSION_COOKIE_SECURE=True,
        CSRF_COOKIE_SECURE=True,
        LANGUAGE_COOKIE_SECURE=True,
        SECURE_SSL_REDIRECT=True,
        REQUIRE_ADMIN_MFA=True,
    )


def rules_for(hub, role) -> Rules:
    may_edit = editable_organisations(role.user)
    secrets = {}
    if may_edit is not None:
        for title, owner in hub.drafts:
            if owner not in may_edit:
                secrets[title] = "a draft of another organisation"
    return Rules(
        forbidden_paths=() if role.admin else (ADMIN,),
        secrets=secrets,
    )


def walk(hub, role_name: str, mode: str) -> Walk:
    """Through Django's test client; with `SAMSPILL_TARGETS`, over HTTP against those servers
    (in the mode they run in: the scale-out profile's production)."""
    role = hub.roles[role_name]
    if TARGETS:
        client = RemoteClient()
        if role.user is not None:
            client.force_login(role.user)  # the hub admins' TOTP: tests/walk/conftest._join_demo
        return Walk(
            client,
            name=f"{role_name}/{mode} on {len(TARGETS)} servers",
            rules=rules_for(hub, role),
            page_types=hub.page_types,
            max_urls=MAX_URLS[role_name],
        ).run(["/", "/admin/"])
    with development_settings() if mode == "development" else production_settings():
        client = Client()
        if role.user is not None:
            if mode == "production" and role.user.is_superuser:
                Authenticator.objects.create(user=role.user, type=Authenticator.Type.TOTP, data={})
            client.force_login(role.user)
        start = ["/", "/admin/"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Walk(
                client,
                name=f"{role_name}/{mode}",
                rules=rules_for(hub, role),
                page_types=hub.page_types,
                max_urls=MAX_URLS[role_name],
                request_kwargs={"secure": mode == "production"},
            ).run(start)


def _known(finding) -> bool:
    path = finding.url.split("?")[0]
    return any(
        kind == finding.kind and re.search(pattern, path) for kind, pattern in KNOWN_ELSEWHERE
    )


# Against running servers only their mode can be walked (bench/scaleout.py runs production).
@pytest.mark.parametrize("mode", ["production"] if TARGETS else ["development", "production"])
@pytest.mark.parametrize("role", ["anonymous", "member", "org-editor", "org-admin", "hub-admin"])
def test_every_role_walks_the_product_without_errors_n_plus_ones_or_leaks(hub, role, mode):
    done = walk(hub, role, mode)
    print(done.summary())
    if TARGETS:
        print(f"requests per server: {done.client.by_server}")
        assert len(done.client.by_server) == len(TARGETS), done.client.by_server
    assert len(done.visited) >= 20, done.summary()
    findings = [f for f in done.findings if not _known(f)]
    assert not findings, "\n".join(str(f) for f in findings)
