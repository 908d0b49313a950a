"""A Redis cache that degrades to "nothing cached" when Redis is unreachable.

Everything that uses the cache (the anonymous page cache, allauth's rate limits and
locks, Wagtail) treats it as an optimisation, so an outage must cost speed, not the
site. While Redis is down, reads miss, writes are dropped, ``add`` succeeds (allauth's
rate-limit locks and checks fail open, and the outage is logged) and ``incr`` reports a
missing key. After a failure Redis is left alone for ``RETRY_SECONDS`` so requests do not
each wait for a connection attempt.
"""

import logging
import pickle
import threading
import time
from collections import OrderedDict

from django.core.cache.backends.base import DEFAULT_TIMEOUT
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

    def _process_key(self, key, version):
        """A key as a per-process memory of this cache holds it: its servers and its full key."""
        return tuple(self._servers), self.make_and_validate_key(key, version=version)

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


class RenditionCache(ResilientRedisCache):
    """The cache of Wagtail's image renditions (the ``renditions`` alias), skipping rewrites.

    Wagtail's ``get_rendition`` writes the rendition to the cache each time a page shows an
    image, even one it has just read from there or from the prefetched renditions: a Redis
    round trip per image per page, twelve on the course list. Here a write of the object this
    process wrote under the same key less than ``REWRITE_SECONDS`` ago (the same model row) is
    skipped. Reads still go to Redis: a skipped write can cost another process a cache miss (a
    query) if the key was deleted meanwhile, never a stale rendition, since a rendition made
    again is a new row and is written.
    """

    REWRITE_SECONDS = 300
    KEPT_WRITES = 5000
    # Per process, shared by the threads' cache instances: {(location, key): ((type, pk), when)}.
    _written = {}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        pk = getattr(value, "pk", None)
        identity = (type(value), pk) if pk is not None else None
        written_key = self._process_key(key, version)
        now = time.monotonic()
        written = self._written.get(written_key)
        if (
            identity is not None
            and written
            and written[0] == identity
            and now - written[1] < self.REWRITE_SECONDS
        ):
            return
        super().set(key, value, timeout, version)
        if identity is None or self.is_down():
            self._written.pop(written_key, None)
            return
        if len(self._written) >= self.KEPT_WRITES:
            self._written.clear()
        self._written[written_key] = (identity, now)

    def delete(self, key, version=None):
        self._written.pop(self._process_key(key, version), None)
        return super().delete(key, version)

    def delete_many(self, keys, version=None):
        for key in keys:
            self._written.pop(self._process_key(key, version), None)
        return super().delete_many(keys, version)

    def clear(self):
        self._written.clear()
        return super().clear()


_MISSING = object()


class KeptFragmentsCache(ResilientRedisCache):
    """The cache of what never changes under its key (the ``fragments`` alias: rendered HTML and
    what is read once per generation, each keyed on the versions it depends on), kept in this
    process too.

    A page read each of its fragments and per-generation values from Redis, a round trip each (six
    on a guideline page). Here a value read or written once is kept pickled in the process, the
    least recently read dropped beyond ``KEPT_BYTES``, and unpickled afresh on every read as a
    value from Redis is, so no request shares an object with another. Only for keys that are
    never rewritten with another value: a key's value is served from here until it is deleted
    in this process or dropped.
    """

    KEPT_BYTES = 4 * 1024 * 1024
    # Per process, shared by the threads' cache instances: {(location, key): pickled value}.
    _kept = OrderedDict()
    _kept_bytes = 0
    _lock = threading.Lock()

    @classmethod
    def _keep(cls, kept_key, value):
        pickled = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if len(pickled) > cls.KEPT_BYTES // 8:
            return  # one value may not push out everything else
        with cls._lock:
            previous = cls._kept.pop(kept_key, None)
            cls._kept_bytes += len(pickled) - (len(previous) if previous is not None else 0)
            cls._kept[kept_key] = pickled
            while cls._kept_bytes > cls.KEPT_BYTES:
                _key, dropped = cls._kept.popitem(last=False)
                cls._kept_bytes -= len(dropped)

    @classmethod
    def _kept_value(cls, kept_key):
        with cls._lock:
            pickled = cls._kept.get(kept_key)
            if pickled is None:
                return _MISSING
            cls._kept.move_to_end(kept_key)
        return pickle.loads(pickled)  # noqa: S301 - written by this process

    @classmethod
    def _forget(cls, kept_keys):
        with cls._lock:
            for kept_key in kept_keys:
                dropped = cls._kept.pop(kept_key, None)
                if dropped is not None:
                    cls._kept_bytes -= len(dropped)

    @classmethod
    def forget_everything(cls):
        with cls._lock:
            cls._kept.clear()
            cls._kept_bytes = 0

    def get(self, key, default=None, version=None):
        kept_key = self._process_key(key, version)
        value = self._kept_value(kept_key)
        if value is not _MISSING:
            return value
        value = super().get(key, _MISSING, version)
        if value is _MISSING:
            return default
        self._keep(kept_key, value)
        return value

    def get_many(self, keys, version=None):
        found, missing = {}, []
        for key in keys:
            value = self._kept_value(self._process_key(key, version))
            if value is _MISSING:
                missing.append(key)
            else:
                found[key] = value
        if missing:
            read = super().get_many(missing, version)
            for key, value in read.items():
                self._keep(self._process_key(key, version), value)
            found.update(read)
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        super().set(key, value, timeout, version)
        if not self.is_down():
            self._keep(self._process_key(key, version), value)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = super().set_many(data, timeout, version)
        if not self.is_down():
            for key, value in data.items():
                if key not in failed:
                    self._keep(self._process_key(key, version), value)
        return failed

    def delete(self, key, version=None):
        self._forget([self._process_key(key, version)])
        return super().delete(key, version)

    def delete_many(self, keys, version=None):
        self._forget([self._process_key(key, version) for key in keys])
        return super().delete_many(keys, version)

    def clear(self):
        self.forget_everything()
        return super().clear()
