"""Rate limits: defaults per scope, changed or lifted by SAMSPILL_RATE_LIMITS."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from samspill.core import ratelimit, registry

pytestmark = pytest.mark.django_db


def test_the_setting_overrides_single_scopes_and_keeps_the_others():
    rates = ratelimit.parse_setting("events.register=2/m, events.invite=5/d")
    assert rates["events.register"] == (2, 60)
    assert rates["events.invite"] == (5, 86400)
    assert rates["answers.feedback"] == ratelimit.parse_rate(
        registry.rate_limits()["answers.feedback"]
    )


def test_each_app_registers_its_own_scopes_with_the_same_default_rates():
    assert registry.rate_limits() == {
        "answers.feedback": "30/h",
        "core.follow": "120/h",
        "core.unsubscribe": "300/h",
        "events.agenda": "20/h",
        "events.confirm": "30/h",
        "events.invite": "10/h",
        "events.register": "20/h",
        "network.contact": "10/h",
        "network.invite": "10/h",
        "network.join": "20/h",
        "projects.comment": "30/h",
        "projects.propose": "10/h",
        "projects.report": "20/h",
        "surveys.mailing": "20/h",
        "surveys.respond": "60/h",
    }


def test_a_registered_scope_counts_at_its_rate_and_an_unknown_one_at_the_fallback(settings):
    settings.SAMSPILL_RATE_LIMITS = ""
    registry.register_rate_limit(registry.RateLimit(scope="tests.poke", rate="3/m"))
    try:
        assert ratelimit.rate_for("tests.poke") == (3, 60)
        assert ratelimit.rate_for("tests.unregistered") == ratelimit.parse_rate(
            ratelimit.UNREGISTERED_RATE
        )
        settings.SAMSPILL_RATE_LIMITS = "tests.poke=5/h"
        assert ratelimit.rate_for("tests.poke") == (5, 3600)
    finally:
        registry._registry.rate_limits.pop("tests.poke", None)


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


def _request(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_x_forwarded_for_is_ignored_when_not_behind_a_proxy(settings):
    settings.BEHIND_PROXY = False
    assert ratelimit.client_ip(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_behind_a_proxy_the_client_is_the_address_the_proxy_saw(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert ratelimit.client_ip(_request("127.0.0.1", "203.0.113.9")) == "203.0.113.9"
    # A client's own X-Forwarded-For is to the left of what the proxy appended: not believed.
    assert ratelimit.client_ip(_request("127.0.0.1", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    # Without a header the proxy itself is all there is.
    assert ratelimit.client_ip(_request("127.0.0.1")) == "127.0.0.1"


def test_a_header_from_an_untrusted_peer_is_ignored_behind_a_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert ratelimit.client_ip(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "::1"]
    chain = "6.6.6.6, 203.0.113.9, 10.1.2.3, 10.4.5.6"
    assert ratelimit.client_ip(_request("::1", chain)) == "203.0.113.9"
    assert ratelimit.client_ip(_request("10.9.9.9", "[2001:db8::5]:443, 10.1.1.1")) == "2001:db8::5"
    # Garbage where an address should be: the last address a trusted proxy vouched for.
    assert (
        ratelimit.client_ip(_request("10.9.9.9", "203.0.113.9, nonsense, 10.1.1.1")) == "10.1.1.1"
    )


def test_a_wildcard_trusts_only_the_immediate_peer(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["*"]
    assert ratelimit.client_ip(_request("192.0.2.50", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"


def test_spoofing_x_forwarded_for_does_not_escape_the_limit_behind_a_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.SAMSPILL_RATE_LIMITS = "events.invite=2/h"
    answers = [
        ratelimit.allow_request(_request("127.0.0.1", f"10.0.0.{i}, 203.0.113.9"), "events.invite")
        for i in range(3)
    ]
    assert answers == [True, True, False]


def test_the_counter_lives_in_the_database_shared_by_every_process():
    from samspill.core.models import RateLimitCounter

    assert [ratelimit.hit("login:kari", 2, 3600) for _ in range(3)] == [True, True, False]
    assert RateLimitCounter.objects.get().count == 2


def test_with_redis_the_counter_is_the_caches_atomic_incr(monkeypatch):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    from samspill.core.models import RateLimitCounter

    class FakeRedis(RedisCache):
        def __init__(self):
            self.counts = {}

        def add(self, key, value, timeout=None, version=None):
            if key in self.counts:
                return False
            self.counts[key] = value
            return True

        def incr(self, key, delta=1, version=None):
            self.counts[key] += delta
            return self.counts[key]

        def clear(self):
            self.counts.clear()

    fake = FakeRedis()
    monkeypatch.setattr(ratelimit, "cache", fake)
    monkeypatch.setattr(caches._connections, "default", fake, raising=False)
    assert [ratelimit.hit("login:kari", 2, 3600) for _ in range(3)] == [True, True, False]
    assert list(fake.counts.values()) == [3]
    assert not RateLimitCounter.objects.exists()


def test_a_malformed_setting_fails_when_the_apps_load(settings):
    """CoreConfig.ready checks SAMSPILL_RATE_LIMITS: a typo stops the start, not the first request."""
    settings.SAMSPILL_RATE_LIMITS = "events.register=lots"
    with pytest.raises(ImproperlyConfigured, match="rate"):
        apps.get_app_config("core").ready()
