"""A Redis cache that degrades to "nothing cached" when Redis is unreachable.

Everything that uses the cache (the anonymous page cache, allauth's rate limits and
locks, Wagtail) treats it as an optimisation, so an outage must cost speed, not the
site. While Redis is down, reads miss, writes are dropped, ``add`` succeeds (allauth's
rate-limit locks and checks fail open, and the outage is logged) and ``incr`` reports a
missing key. After a failure Redis is left alone for ``RETRY_SECONDS`` so requests do not
each wait for a connection attempt.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


def _missing(*args, **kwargs):
    raise ValueError("cache unavailable")


def _default(key, default=None, *args, **kwargs):
    return default


def _get_or_set(key, default, *args, **kwargs):
    return default() if callable(default) else default


# What each operation answers while Redis is unreachable.
FALLBACKS = {
    "get": _default,
    "get_many": lambda *args, **kwargs: {},
    "has_key": lambda *args, **kwargs: False,
    "get_or_set": _get_or_set,
    "set": lambda *args, **kwargs: None,
    "set_many": lambda data, *args, **kwargs: list(data),
    "add": lambda *args, **kwargs: True,
    "touch": lambda *args, **kwargs: False,
    "delete": lambda *args, **kwargs: False,
    "delete_many": lambda *args, **kwargs: None,
    "incr": _missing,
    "decr": _missing,
    "clear": lambda *args, **kwargs: None,
}


class KeptClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, building one ``redis.Redis`` per connection pool instead of one per
    operation: each costs about 170 response callbacks set up, and a page makes several cache
    reads. A redis-py client is safe to share between threads (its pool hands out connections)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, answering as an empty cache while Redis is unreachable."""

    _down_until = 0.0  # per process: shared by every alias and thread

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient

    @classmethod
    def is_down(cls):
        return time.monotonic() < cls._down_until

    @classmethod
    def _mark_down(cls, operation, exc):
        if not cls.is_down():
            logger.warning(
                "Redis cache unreachable (%s: %s); serving without the cache for %ss",
                operation,
                exc.__class__.__name__,
                RETRY_SECONDS,
            )
        cls._down_until = time.monotonic() + RETRY_SECONDS

    def ping(self):
        """True when Redis answers now (ignores the retry pause: health checks want the truth)."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except RedisError:
            return False


def _resilient(name, fallback):
    operation = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if type(self).is_down():
            return fallback(*args, **kwargs)
        try:
            return operation(self, *args, **kwargs)
        except RedisError as exc:
            type(self)._mark_down(name, exc)
            return fallback(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = operation.__doc__
    return method


for _name, _fallback in FALLBACKS.items():
    setattr(ResilientRedisCache, _name, _resilient(_name, _fallback))
