"""Rate limits and sessions on a real Redis, as with `REDIS_URL` in production.

The tests use the Redis of `SAMSPILL_TEST_REDIS_URL` (default: database 5 of the local server, which
they empty) and are skipped, saying why, when it does not answer. CI has one.
"""

import os
import threading
import uuid

import pytest
from django.core.cache import cache

from samspill.core import ratelimit

REDIS_URL = os.environ.get("SAMSPILL_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def _redis_answers() -> str | None:
    try:
        import redis
    except ImportError:
        return "the redis client is not installed (the [redis] extra)"
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as error:
        return f"Redis at {REDIS_URL} does not answer ({type(error).__name__})"
    return None


_unavailable = _redis_answers()
pytestmark = pytest.mark.skipif(bool(_unavailable), reason=_unavailable or "")


@pytest.fixture
def on_redis(settings):
    """The settings `REDIS_URL` gives: the cache (and so rate limits and sessions) in Redis.

    Each test has a key prefix of its own and deletes only its keys (never FLUSHDB): the suite
    runs in parallel processes that share the Redis database."""
    prefix = f"samspill-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    yield prefix
    for key in _redis().scan_iter(f"{prefix}:*"):
        _redis().delete(key)


def _redis():
    import redis

    return redis.Redis.from_url(REDIS_URL)


@pytest.mark.django_db
def test_rate_limits_count_in_redis_atomically_under_concurrent_hits(on_redis):
    from samspill.core.models import RateLimitCounter

    limit, hitters = 25, 120
    barrier = threading.Barrier(hitters)
    answers = []

    def one():
        barrier.wait(timeout=30)
        answers.append(ratelimit.hit("events.register:192.0.2.7", limit, 3600))

    threads = [threading.Thread(target=one) for _ in range(hitters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(answers) == hitters
    assert answers.count(True) == limit
    # One counter in Redis, with an expiry no longer than the window; nothing in the database.
    keys = [key for key in _redis().scan_iter(f"{on_redis}:*:rl:*")]
    assert len(keys) == 1
    assert int(_redis().get(keys[0])) == hitters
    assert 0 < _redis().ttl(keys[0]) <= 3600
    assert not RateLimitCounter.objects.exists()


@pytest.mark.django_db
def test_a_scope_limit_is_shared_by_every_process_through_redis(on_redis, settings):
    """Another process (here: another client of the same Redis) sees the same count."""
    import redis as redis_module

    settings.SAMSPILL_RATE_LIMITS = "network.contact=3/h"
    assert [ratelimit.allow("network.contact", "198.51.100.4") for _ in range(2)] == [True, True]
    [key] = list(redis_module.Redis.from_url(REDIS_URL).scan_iter(f"{on_redis}:*:rl:*"))
    assert int(_redis().get(key)) == 2
    assert ratelimit.allow("network.contact", "198.51.100.4") is True
    assert ratelimit.allow("network.contact", "198.51.100.4") is False
    assert ratelimit.allow("network.contact", "198.51.100.5") is True  # another address


@pytest.mark.django_db
def test_sessions_live_in_redis_and_any_process_reads_them(on_redis):
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["member"] = 42
    store.create()
    assert list(_redis().scan_iter(f"{on_redis}:*{store.session_key}"))
    again = import_module(settings.SESSION_ENGINE).SessionStore(session_key=store.session_key)
    assert again["member"] == 42
    assert cache.get(store.cache_key) == {"member": 42}
