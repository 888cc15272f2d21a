"""Counting events per key: rate limits (sign-in, password reset, sign-up, invitations, the scoring
API, refused-access audit rows).

The counters live in their own cache, ``caches["ratelimit"]`` (settings.CACHES): Redis when
``REDIS_URL`` is set — shared by every app server, and a Redis configured not to evict
(``maxmemory-policy noeviction``) never drops a counter — else this process's memory (the
embedded single-server default). Never the database: a counter is not worth two commits a
request. Increments are atomic (Redis INCR; LocMemCache holds a lock). Counters are fixed
windows: simple, and precise enough to stop brute force and floods. Sign-in lockouts are
django-axes' (assessments.auth).
"""

import ipaddress
import time

from django.conf import settings
from django.core.cache import caches

RATE_LIMIT_CACHE = "ratelimit"


def limits_cache():
    return caches[RATE_LIMIT_CACHE]


def client_address(request) -> str:
    """The caller's IP address.

    With ``TRUSTED_PROXY_COUNT = N`` (N reverse proxies in front of the app, each appending the
    address it received the request from to X-Forwarded-For), the Nth address from the right is
    the one the outermost trusted proxy saw; anything further left was written by the client and
    is ignored. With 0 (no proxy) the header is ignored. The app server must then be reachable
    only through the proxy (gunicorn bound to 127.0.0.1, README "Deployment"), or a client could
    write the header itself. A value that is not an IP address falls back to REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 - a key, not a bind
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")[:2000]
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote


def _window_key(name: str, key: str, window: int) -> tuple[str, int]:
    now = int(time.time())
    return f"throttle:{name}:{key}:{now // window}", window - now % window


def seconds_left(window: int) -> int:
    return window - int(time.time()) % window


def hit(name: str, key: str, window: int) -> int:
    """Record one event atomically; return the number of events in the current window."""
    cache = limits_cache()
    cache_key, remaining = _window_key(name, str(key)[:200], window)
    client = _redis_client(cache)
    if client is not None:
        full_key = cache.make_and_validate_key(cache_key)
        pipe = client.pipeline()
        pipe.incr(full_key)
        pipe.expire(full_key, remaining + 1, nx=True)
        return int(pipe.execute()[0])
    if cache.add(cache_key, 1, timeout=remaining + 1):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=remaining + 1)
        return 1


def count(name: str, key: str, window: int) -> int:
    cache_key, _ = _window_key(name, str(key)[:200], window)
    return int(limits_cache().get(cache_key, 0))


def allow(name: str, key: str, limit: int, window: int) -> bool:
    """Count this request; False when it is over the limit."""
    return hit(name, key, window) <= limit


def _redis_client(cache):
    """The raw redis-py client of Django's RedisCache (INCR and EXPIRE in one round trip; the
    backend's own incr() checks existence first and can leave a counter without expiry)."""
    from django.core.cache.backends.redis import RedisCache

    if isinstance(cache, RedisCache):
        return cache._cache.get_client(write=True)
    return None
