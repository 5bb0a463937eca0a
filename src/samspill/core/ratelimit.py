"""A fixed-window rate limit in the cache (shared across app servers when the cache is Redis).

Each scope has a default rate below; `SAMSPILL_RATE_LIMITS` overrides them from the environment:
`off` lifts every limit (load tests from one address), or a list such as
`events.register=60/h,events.invite=5/h` changes single scopes. Rates are `N/s`, `N/m`, `N/h`, `N/d`.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

DEFAULT_RATES = {
    "answers.feedback": "30/h",
    "events.register": "20/h",
    "events.invite": "10/h",
    "events.agenda": "20/h",
    "events.confirm": "30/h",
    "network.contact": "10/h",
    "network.invite": "10/h",
    "network.join": "20/h",
    "projects.comment": "30/h",
    "projects.propose": "10/h",
    "projects.report": "20/h",
    "surveys.respond": "60/h",
}
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    try:
        count, unit = rate.strip().split("/")
        return int(count), PERIODS[unit.strip()]
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f"A rate limit must look like 20/h (per s, m, h or d), not {rate!r}."
        ) from error


def parse_setting(value: str) -> dict[str, tuple[int, int]] | None:
    """The rates in force: None when limits are off."""
    rates = {scope: parse_rate(rate) for scope, rate in DEFAULT_RATES.items()}
    value = (value or "").strip()
    if value.lower() in {"off", "0", "false", "none"}:
        return None
    for item in filter(None, (part.strip() for part in value.split(","))):
        scope, _, rate = item.partition("=")
        if not rate:
            raise ImproperlyConfigured(
                f"SAMSPILL_RATE_LIMITS: write each rate as scope=N/period, not {item!r}."
            )
        rates[scope.strip()] = parse_rate(rate)
    return rates


def rate_for(scope: str) -> tuple[int, int] | None:
    rates = parse_setting(getattr(settings, "SAMSPILL_RATE_LIMITS", ""))
    if rates is None:
        return None
    return rates.get(scope) or parse_rate(DEFAULT_RATES.get(scope, "60/h"))


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(key: str, limit: int, period: int) -> bool:
    """Count one use of `key`; False once more than `limit` uses fall in the current window."""
    window = int(time.time() // period)
    cache_key = "rl:" + hashlib.sha256(f"{key}:{window}".encode()).hexdigest()[:32]
    if cache.add(cache_key, 1, period):
        return True
    try:
        return cache.incr(cache_key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, period)
        return True


def allow(scope: str, key: str) -> bool:
    """One use of `scope` by `key` (an address, an account): False when over its rate."""
    rate = rate_for(scope)
    if rate is None:
        return True
    return hit(f"{scope}:{key}", *rate)


def allow_request(request, scope: str) -> bool:
    """Limit by the client's address, and by the account too when someone is signed in."""
    if not allow(scope, client_ip(request)):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return allow(scope, f"user-{user.pk}")
    return True
