"""Browser tests in a real Chromium (Debian's package, never a downloaded browser).

Every test here is marked `e2e` and put in the xdist group "e2e" (so `pytest -n 2 --dist loadgroup`
runs them all in one worker, sharing one browser). Without Chromium they are skipped with a hint.

Each test gets a live server (pytest-django's `live_server`, which makes the test transactional) and
the demo hub built in the test database, one fresh browser context (no shared cookies) and a page.
"""

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("SAMSPILL_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_REASON = (
    f"no Chromium at {CHROMIUM}: install Debian's chromium: sudo apt-get install chromium "
    "(or point SAMSPILL_CHROMIUM at a Chromium binary)"
)
# Playwright waits at most this long (ms) for an element or a navigation.
TIMEOUT_MS = 10_000

# The demo hub's logins (samspill.demo.core.PEOPLE).
MEMBER_EMAIL = "medlem@samspill.test"
MEMBER_PASSWORD = "samspill-medlem"


def chromium_available() -> bool:
    path = Path(CHROMIUM)
    if path.is_file():
        return os.access(path, os.X_OK)
    return shutil.which(CHROMIUM) is not None


def pytest_configure(config):
    # pytest-xdist registers this marker; declare it too so `-p no:xdist` works with
    # --strict-markers.
    config.addinivalue_line("markers", "xdist_group(name): run in the xdist group `name`")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    available = chromium_available()
    e2e_items = [item for item in items if E2E_DIR in Path(str(item.path)).resolve().parents]
    if e2e_items and not available and os.environ.get("SAMSPILL_REQUIRE_E2E"):
        # CI must run the browser tests: a missing browser fails the run instead of skipping.
        raise pytest.UsageError(f"SAMSPILL_REQUIRE_E2E is set but there is {SKIP_REASON}")
    for item in e2e_items:
        item.add_marker(pytest.mark.e2e)
        item.add_marker(pytest.mark.xdist_group("e2e"))
        if not available:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


# The browser and the lifted async guard below are package-scoped, not session-scoped: pytest
# ends them right after the last e2e test (the e2e tests run together: pytest-django orders
# live-server tests after the other database tests), so no other test runs beside Playwright's
# event loop or inherits DJANGO_ALLOW_ASYNC_UNSAFE (`check --deploy` in a subprocess refuses it).


@pytest.fixture(scope="package")
def _allow_sync_django_beside_playwright():
    """Playwright's sync API runs an event loop in the test thread; Django's guard would refuse
    database access from a thread with a running loop. Lifted only while the e2e tests run."""
    old = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if old is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = old


@pytest.fixture(scope="package")
def browser(_allow_sync_django_beside_playwright):
    """One headless Chromium for all the e2e tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _restore_wagtail_baseline() -> None:
    """What Wagtail's data migrations create and the demo builds on: the default locale, the root
    page and the root collection. A transactional test (every live-server test is one) empties the
    tables when it ends, so the next one finds them gone. (Django's serialized rollback cannot
    help: post_migrate recreates the content types under new ids, and restoring the old ones
    fails on their unique names.)"""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(instance=Collection(name="Root"))


# Snapshots of the demo database, by what was built: {key: an in-memory SQLite copy}.
_snapshots: dict[str, sqlite3.Connection] = {}


def demo_snapshot(key: str, build) -> None:
    """Run `build` (a demo builder: fixture set-up, so N+1 checks do not apply) on the test
    database, once per test process: on SQLite, the database is copied into memory after the
    first build and copied back for every later test that asks for the same `key` (milliseconds instead
    of the builders' many seconds; each test still starts from exactly what the builders make).
    `key` names everything the database then holds, the parts built before `build` included."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from zeal import zeal_ignore

    sqlite = connection.vendor == "sqlite"
    if sqlite and key in _snapshots:
        connection.ensure_connection()
        _snapshots[key].backup(connection.connection)
        ContentType.objects.clear_cache()  # the flush after the last test made new ids
        return
    with zeal_ignore():
        build()
    if sqlite:
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _snapshots[key] = copy


@pytest.fixture
def hub(live_server, _allow_sync_django_beside_playwright):
    """The demo hub in the test database, served by the live server; its base URL."""
    from samspill.demo import core as demo

    def build():
        _restore_wagtail_baseline()
        demo.build()

    demo_snapshot("core", build)
    return live_server.url


@pytest.fixture
def new_page(browser, hub):
    """A factory for pages, each in its own context (`java_script_enabled=False` and other
    context options pass through); all are closed after the test."""
    contexts = []

    def make(**context_options):
        context = browser.new_context(base_url=hub, **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page in a fresh browser context (no cookies); relative URLs go to the live server."""
    return new_page()


@pytest.fixture
def signed_in_page(page):
    """A page signed in as the demo member (through the log-in form)."""
    page.goto("/konto/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill(MEMBER_EMAIL)
    form.locator("input[name=password]").fill(MEMBER_PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/konto/profil/")
    return page
