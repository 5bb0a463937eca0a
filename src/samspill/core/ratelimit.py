"""A fixed-window rate limit, counted where every process sees it: in Redis when `REDIS_URL` is
set (INCR is atomic), otherwise in the database (`RateLimitCounter`, one conditional UPDATE), so
that three gunicorn workers do not each allow the full rate.

The key is the client's address: `REMOTE_ADDR`, or behind a trusted reverse proxy (`BEHIND_PROXY`,
`TRUSTED_PROXIES`) the right-most address in X-Forwarded-For that no trusted proxy added.

Each app registers its scopes with their default rates in its `AppConfig.ready()`
(`core.registry.register_rate_limit`, "events.register" at "20/h"); a scope nobody registered
counts at 60/h. `SAMSPILL_RATE_LIMITS` overrides them from the environment:
`off` lifts every limit (load tests from one address), or a list such as
`events.register=60/h,events.invite=5/h` changes single scopes. Rates are `N/s`, `N/m`, `N/h`, `N/d`.
"""

import hashlib
import ipaddress
import random
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models import F

from samspill.core import registry
from samspill.core.models import RateLimitCounter

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
UNREGISTERED_RATE = "60/h"


def parse_rate(rate: str) -> tuple[int, int]:
    try:
        count, unit = rate.strip().split("/")
        return int(count), PERIODS[unit.strip()]
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f"A rate limit must look like 20/h (per s, m, h or d), not {rate!r}."
        ) from error


def parse_setting(value: str) -> dict[str, tuple[int, int]] | None:
    """The rates in force (the registered defaults, changed by `value`): None when limits are off."""
    rates = {scope: parse_rate(rate) for scope, rate in registry.rate_limits().items()}
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
    return rates.get(scope) or parse_rate(UNREGISTERED_RATE)


def _address(text: str):
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.split(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address, proxies: list[str]) -> bool:
    for proxy in proxies:
        try:
            if address in ipaddress.ip_network(proxy.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(request) -> str:
    """The client's address. X-Forwarded-For counts only with `BEHIND_PROXY` and only when the
    request comes from a trusted proxy; then the client is the right-most address in it that is not
    a trusted proxy (everything to its left the client could have written itself)."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    peer = _address(remote)
    proxies = list(getattr(settings, "TRUSTED_PROXIES", []))
    trust_peer_only = "*" in proxies
    if peer is None or not (trust_peer_only or _trusted(peer, proxies)):
        return remote
    chain = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part]
    client = remote
    for entry in reversed(chain):
        address = _address(entry)
        if address is None:
            break  # garbage: keep the last address a trusted proxy vouched for
        client = str(address)
        if trust_peer_only or not _trusted(address, proxies):
            break
    return client


def _hit_in_database(cache_key: str, limit: int, period: int, window: int) -> bool:
    """Count one use; one conditional UPDATE decides, so concurrent requests cannot both take the
    last one."""
    if RateLimitCounter.objects.filter(key=cache_key, count__lt=limit).update(count=F("count") + 1):
        return True
    if RateLimitCounter.objects.filter(key=cache_key).exists():
        return False  # the window's limit is used up
    expires_at = datetime.fromtimestamp((window + 1) * period, tz=UTC)
    try:
        with transaction.atomic():
            RateLimitCounter.objects.create(key=cache_key, count=1, expires_at=expires_at)
    except IntegrityError:  # another process made it first: count on it
        return bool(
            RateLimitCounter.objects.filter(key=cache_key, count__lt=limit).update(
                count=F("count") + 1
            )
        )
    if random.random() < 0.01:
        RateLimitCounter.objects.filter(expires_at__lt=datetime.now(tz=UTC)).delete()
    return limit >= 1


def hit(key: str, limit: int, period: int) -> bool:
    """Count one use of `key`; False once more than `limit` uses fall in the current window."""
    window = int(time.time() // period)
    cache_key = "rl:" + hashlib.sha256(f"{key}:{window}".encode()).hexdigest()[:32]
    if not isinstance(caches["default"], RedisCache):  # only Redis counts atomically
        return _hit_in_database(cache_key, limit, period, window)
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
