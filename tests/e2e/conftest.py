"""Browser tests in a real Chromium (Debian's package, never a downloaded browser).

Every test here is marked `e2e` and put in the xdist group "e2e" (so `pytest -n 2 --dist loadgroup`
runs them all in one worker, sharing one browser). Without Chromium they are skipped with a hint.

Each test gets a live server (pytest-django's `live_server`, which makes the test transactional) and
the demo hub built in the test database, one fresh browser context (no shared cookies) and a page.
"""

import os
import shutil
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

# The demo hub's logins (samspill.core.demo.PEOPLE).
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
    for item in items:
        if E2E_DIR not in Path(str(item.path)).resolve().parents:
            continue
        item.add_marker(pytest.mark.e2e)
        item.add_marker(pytest.mark.xdist_group("e2e"))
        # Each test starts from the migrated database (Wagtail's root page, default site, locale),
        # which a transactional test's flush would otherwise leave empty for the next one.
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
        if not available:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture(scope="session")
def _allow_sync_django_beside_playwright():
    """Playwright's sync API runs an event loop in the test thread; Django's guard would refuse
    database access from a thread with a running loop. Only the e2e tests lift the guard."""
    old = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if old is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = old


@pytest.fixture(scope="session")
def browser(_allow_sync_django_beside_playwright):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def hub(live_server, _allow_sync_django_beside_playwright):
    """The demo hub in the test database, served by the live server; its base URL."""
    from zeal import zeal_ignore

    from samspill.core import demo

    # The demo loader is fixture set-up, not the code under test: N+1 checks do not apply.
    with zeal_ignore():
        demo.build()
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
