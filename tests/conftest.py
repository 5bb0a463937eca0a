"""Shared fixtures: query-count assertions, people with roles, the page tree.

N+1 detection runs on every request the suite makes (django-zeal's middleware in test mode)."""

import os
import re
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory, hub_site

# Against running servers (SAMSPILL_TARGETS, bench/scaleout.py) the tests use the servers' own
# settings: their database as it is (no test database) and their cache (never emptied: it holds
# their sessions).
AGAINST_TARGETS = bool(os.environ.get("SAMSPILL_TARGETS"))

if AGAINST_TARGETS:

    @pytest.fixture(scope="session")
    def django_db_setup():
        """The targets' database, migrated and filled by whoever started them."""


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches, so rate limits and cached locales do not leak."""
    from django.core.cache import cache

    from samspill.core import fragments, locales, pagecache, selectors, versions

    if AGAINST_TARGETS:
        yield
        return

    def empty():
        cache.clear()
        pagecache.clear()
        versions.clear_memos()
        fragments.clear()
        locales.clear_cache()
        selectors.clear_hub_name_cache()

    empty()
    yield
    empty()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the hub's default language (bokmål), whatever the test before it
    activated: a test that reads English messages says so itself (`translation.override("en")`).
    Without this, such tests passed or failed by the order the suite happened to run in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _squash(sql: str) -> str:
    return re.sub(r"\s+", " ", sql)[:300]


class QueryCounter:
    def __init__(self):
        self.context = CaptureQueriesContext(connection)

    @contextmanager
    def __call__(self, expected: int | None = None, *, at_most: int | None = None):
        with self.context:
            yield self.context
        n = len(self.context.captured_queries)
        failed = (expected is not None and n != expected) or (at_most is not None and n > at_most)
        if failed:
            sql = "\n".join(
                f"{i + 1}. {_squash(q['sql'])}" for i, q in enumerate(self.context.captured_queries)
            )
            limit = f"exactly {expected}" if expected is not None else f"at most {at_most}"
            pytest.fail(f"Expected {limit} queries, ran {n}:\n{sql}")

    def count(self, func) -> int:
        with CaptureQueriesContext(connection) as context:
            func()
        return len(context.captured_queries)


@pytest.fixture
def queries():
    """`with queries(5): ...` or `queries.count(callable)`; prints the SQL when the count is off."""
    return QueryCounter()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def hub_admin(db):
    return UserFactory(email="hubadmin@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Lydhuset", slug="lydhuset")


@pytest.fixture
def org_admin(organisation):
    return MembershipFactory(organisation=organisation, role="admin").user


@pytest.fixture
def org_editor(organisation):
    return MembershipFactory(organisation=organisation, role="editor").user


@pytest.fixture
def org_member(organisation):
    return MembershipFactory(organisation=organisation, role="member").user


@pytest.fixture
def home_page(db):
    """The hub's page tree: a home page in bokmål, Danish and English, each with the about,
    privacy and accessibility pages, and the default Site on it (`tests.core.factories.hub_site`;
    the demo is built only by the tests about it)."""
    return hub_site()


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache on (core.pagecache): off elsewhere in the suite, whose tests read
    the template context of responses."""
    settings.PAGE_CACHE = True
    return settings


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files and image renditions go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
