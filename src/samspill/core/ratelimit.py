"""A fixed-window rate limit in the cache (shared across app servers when the cache is Redis)."""

import hashlib
import time

from django.core.cache import cache


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


def limit_by_ip(request, scope: str, limit: int, period: int) -> bool:
    return hit(f"{scope}:{client_ip(request)}", limit, period)
