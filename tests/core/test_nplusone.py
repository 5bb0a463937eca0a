"""N+1 queries fail the test suite; a served page in development mode logs them and is served."""

import logging

import pytest
from zeal import NPlusOneError

from tests.core.factories import MembershipFactory
from tests.core.test_settings import read_settings

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
        "'samspill.core.middleware.n_plus_one_middleware' in s.MIDDLEWARE",
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
        "'samspill.core.middleware.n_plus_one_middleware' in s.MIDDLEWARE",
    )
    assert not installed
    assert not detecting
