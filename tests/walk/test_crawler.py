"""The walk reports what it must: errors, N+1s, forbidden pages and secrets, on a tiny site."""

import re

import pytest
from django.test import Client, override_settings

from tests.core.factories import MembershipFactory
from tests.walk.crawler import Rules, Walk

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.walk.crawler_urls")]


def test_the_walk_reports_errors_n_plus_ones_forbidden_pages_and_secrets():
    MembershipFactory.create_batch(2)
    rules = Rules(forbidden_paths=(re.compile(r"^/admin/"),), secrets={"Hemmelig": "a draft"})
    with override_settings(ZEAL_RAISE=False):
        done = Walk(Client(), name="test", rules=rules, page_types={}).run(["/"])
    kinds = {(f.kind, f.url) for f in done.findings}
    assert ("exception", "/broken/") in kinds
    assert ("n+1", "/slow/") in kinds
    assert ("forbidden-page", "/admin/secret/") in kinds
    assert ("leak", "/admin/secret/") in kinds
    assert ("/search/?q=lyd", 200) in done.visited
    assert not any("elsewhere" in url for url, _status in done.visited)
    assert "5 URLs" in done.summary()
