"""Rate limits: defaults per scope, changed or lifted by SAMSPILL_RATE_LIMITS."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from samspill.core import ratelimit


def test_the_setting_overrides_single_scopes_and_keeps_the_others():
    rates = ratelimit.parse_setting("events.register=2/m, events.invite=5/d")
    assert rates["events.register"] == (2, 60)
    assert rates["events.invite"] == (5, 86400)
    assert rates["answers.feedback"] == ratelimit.parse_rate(
        ratelimit.DEFAULT_RATES["answers.feedback"]
    )


@pytest.mark.parametrize("value", ["off", "OFF", "false", "none"])
def test_off_lifts_every_limit(value):
    assert ratelimit.parse_setting(value) is None


@pytest.mark.parametrize("value", ["events.register", "events.register=10", "x=1/w", "x=a/h"])
def test_a_malformed_setting_is_refused_with_a_clear_message(value):
    with pytest.raises(ImproperlyConfigured, match="rate"):
        ratelimit.parse_setting(value)


def test_requests_over_the_rate_are_refused_per_address(settings):
    settings.SAMSPILL_RATE_LIMITS = "events.invite=2/h"
    one = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1")
    other = RequestFactory().get("/", REMOTE_ADDR="192.0.2.2")
    assert [ratelimit.allow_request(one, "events.invite") for _ in range(3)] == [True, True, False]
    assert ratelimit.allow_request(other, "events.invite")
    settings.SAMSPILL_RATE_LIMITS = "off"
    assert all(ratelimit.allow_request(one, "events.invite") for _ in range(10))
