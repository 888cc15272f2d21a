"""Counting events per key in the shared cache: rate limits and login lockouts.

The cache is the database (settings.CACHES), so limits hold across several app servers.
Counters are fixed windows: simple, and precise enough to stop brute force and floods.
"""

import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The caller's IP. Behind N trusted proxies, the Nth address from the right of
    X-Forwarded-For is the one the nearest untrusted hop reported."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def _window_key(name: str, key: str, window: int) -> tuple[str, int]:
    bucket = int(time.time()) // window
    return f"throttle:{name}:{key}:{bucket}", window - int(time.time()) % window


def count(name: str, key: str, window: int) -> int:
    cache_key, _ = _window_key(name, key, window)
    return cache.get(cache_key, 0)


def hit(name: str, key: str, window: int) -> int:
    """Record one event; return the number of events in the current window."""
    cache_key, remaining = _window_key(name, key, window)
    if cache.add(cache_key, 1, timeout=remaining + 1):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=remaining + 1)
        return 1


def seconds_left(window: int) -> int:
    return window - int(time.time()) % window


def allow(name: str, key: str, limit: int, window: int) -> bool:
    """Count this request; False when it is over the limit."""
    return hit(name, key, window) <= limit


def lock(name: str, key: str, seconds: int) -> None:
    cache.set(f"lock:{name}:{key}", int(time.time()) + seconds, timeout=seconds)


def locked_for(name: str, key: str) -> int:
    until = cache.get(f"lock:{name}:{key}")
    return max(0, until - int(time.time())) if until else 0


def unlock(name: str, key: str) -> None:
    cache.delete(f"lock:{name}:{key}")
