"""N+1 queries fail the test suite; a served page in development mode logs them and is served;
production runs without django-zeal installed."""

import json
import logging
import os
import subprocess
import sys

import pytest
from zeal import NPlusOneError

from tests.core.factories import MembershipFactory
from tests.core.test_settings import PRODUCTION_ENV, read_settings

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.nplusone_urls")]


@pytest.fixture
def two_memberships():
    MembershipFactory.create_batch(2)


def test_the_test_suite_raises_on_an_n_plus_one(client, two_memberships):
    with pytest.raises(NPlusOneError, match=r"core\.Membership\.organisation"):
        client.get("/n-plus-one/")


def test_development_mode_serves_a_page_with_an_n_plus_one_and_logs_it(
    client, settings, caplog, two_memberships
):
    raise_on_n_plus_one, detecting = read_settings(
        {"SAMSPILL_ENV": "development", "DEBUG": "true"},
        "s.ZEAL_RAISE",
        "'samspill.core.nplusone.n_plus_one_middleware' in s.MIDDLEWARE",
    )
    assert detecting
    settings.ZEAL_RAISE = raise_on_n_plus_one
    with caplog.at_level(logging.WARNING, logger="samspill.nplusone"):
        response = client.get("/n-plus-one/?x=1")
    assert response.status_code == 200
    [record] = [r for r in caplog.records if r.name == "samspill.nplusone"]
    assert record.levelno == logging.WARNING
    assert "core.Membership.organisation" in record.getMessage()
    assert "GET /n-plus-one/?x=1" in record.getMessage()


def test_production_mode_does_not_install_the_detector():
    installed, detecting = read_settings(
        {
            "SAMSPILL_ENV": "production",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "hub.example.org",
            "EMAIL_URL": "smtp://localhost:25",
            "DATABASE_URL": "sqlite:///:memory:",
        },
        "'zeal' in s.INSTALLED_APPS",
        "'samspill.core.nplusone.n_plus_one_middleware' in s.MIDDLEWARE",
    )
    assert not installed
    assert not detecting


def test_without_django_zeal_the_app_runs_and_ignoring_is_a_no_op():
    """A production install has no [dev] extra: nothing imports zeal, settings leave it out."""
    code = """
import importlib, json, os, sys
sys.modules["zeal"] = sys.modules["zeal.signals"] = None  # as if not installed
import django
django.setup()
from django.conf import settings as s
from samspill.core.nplusone import AVAILABLE, ignore_n_plus_one
for app in ("events", "knowledge", "projects", "ideas", "surveys"):
    importlib.import_module(f"samspill.{app}.wagtail_hooks")
with ignore_n_plus_one([{"model": "core.Membership", "field": "*"}]):
    pass
print(json.dumps([AVAILABLE, "zeal" in s.INSTALLED_APPS, any("nplusone" in m for m in s.MIDDLEWARE)]))
"""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="samspill.settings")
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == [False, False, False]


def test_the_test_suite_refuses_to_run_without_django_zeal():
    code = "import sys; sys.modules['zeal'] = None; import django; django.setup()"
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env.update(SAMSPILL_ENV="test", DJANGO_SETTINGS_MODULE="samspill.settings")
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "django-zeal" in result.stderr
