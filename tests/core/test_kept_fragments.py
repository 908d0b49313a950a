"""The fragments' cache (core.cache_backends.KeptFragmentsCache) keeps what it reads and writes in
the process: a page's fragments and per-generation values are read from Redis once."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from core import request_memo
from core.cache_backends import KeptFragmentsCache, ResilientRedisCache
from tests.core.test_resilience import closed_port, redis_cache, redis_of_its_own, redis_reachable

pytestmark = pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379")


@pytest.fixture
def fragments():
    KeptFragmentsCache.forget_everything()
    with redis_of_its_own("kept"):
        yield caches["fragments"]
    KeptFragmentsCache.forget_everything()


@pytest.fixture
def redis_reads(monkeypatch):
    """The keys read from Redis (get and get_many)."""
    reads = []
    get, get_many = ResilientRedisCache.get, ResilientRedisCache.get_many

    def counted_get(self, key, *args, **kwargs):
        reads.append(key)
        return get(self, key, *args, **kwargs)

    def counted_get_many(self, keys, *args, **kwargs):
        reads.extend(keys)
        return get_many(self, keys, *args, **kwargs)

    monkeypatch.setattr(ResilientRedisCache, "get", counted_get)
    monkeypatch.setattr(ResilientRedisCache, "get_many", counted_get_many)
    return reads


def test_a_value_is_read_from_redis_once_and_each_read_is_a_fresh_copy(fragments, redis_reads):
    assert isinstance(fragments, KeptFragmentsCache)
    fragments.set("written", {"html": "<li>一</li>"})
    first = fragments.get("written")
    first["html"] = "changed by a caller"
    assert fragments.get("written") == {"html": "<li>一</li>"}
    assert redis_reads == []  # written here: never read back
    KeptFragmentsCache.forget_everything()  # as another process, or after a restart
    assert fragments.get("written") == {"html": "<li>一</li>"}
    assert fragments.get("written") == {"html": "<li>一</li>"}
    assert fragments.get("absent", "default") == "default"
    assert fragments.get("absent") is None
    assert redis_reads == ["written", "absent", "absent"]  # a missing key is asked again


def test_many_keys_read_only_what_the_process_lacks(fragments, redis_reads):
    fragments.set_many({"a": 1, "b": None})
    KeptFragmentsCache.forget_everything()
    fragments.set("c", 3)
    assert fragments.get_many(["a", "b", "c", "d"]) == {"a": 1, "b": None, "c": 3}
    assert fragments.get_many(["a", "b", "c"]) == {"a": 1, "b": None, "c": 3}
    assert redis_reads == ["a", "b", "d"]


def test_a_deleted_value_is_forgotten(fragments):
    fragments.set("x", "old")
    fragments.delete("x")
    assert fragments.get("x") is None
    fragments.set_many({"y": 1, "z": 2})
    fragments.delete_many(["y", "z"])
    assert fragments.get_many(["y", "z"]) == {}


def test_the_least_recently_read_go_first_beyond_the_limit(fragments, redis_reads, monkeypatch):
    monkeypatch.setattr(KeptFragmentsCache, "KEPT_BYTES", 8000)
    for number in range(4):
        fragments.set(f"k{number}", "字" * 300)  # about 900 bytes pickled
    fragments.get("k0")  # read again: kept longest
    for number in range(4, 9):
        fragments.set(f"k{number}", "字" * 300)
    assert KeptFragmentsCache._kept_bytes <= 8000
    redis_reads.clear()
    assert fragments.get("k0") == "字" * 300 and fragments.get("k8") == "字" * 300
    assert fragments.get("k1") == "字" * 300  # dropped here, still in Redis
    assert redis_reads == ["k1"]
    fragments.set("huge", "字" * 5000)  # over an eighth of the limit: Redis only
    redis_reads.clear()
    assert fragments.get("huge") == "字" * 5000 and redis_reads == ["huge"]


def test_per_generation_values_are_read_from_redis_once(fragments, redis_reads, monkeypatch):
    monkeypatch.setattr(request_memo, "generation", lambda request=None: 41)
    computed = []

    def in_a_request():
        token = request_memo._memo.set({})
        try:
            return request_memo.once_per_generation("things", lambda: computed.append(1) or ["甲", "乙"])
        finally:
            request_memo._memo.reset(token)

    assert in_a_request() == ["甲", "乙"]
    assert in_a_request() == ["甲", "乙"]
    assert computed == [1]
    assert redis_reads == ["request-memo:things:41"]
    monkeypatch.setattr(request_memo, "generation", lambda request=None: 42)
    assert in_a_request() == ["甲", "乙"] and computed == [1, 1]


def test_kept_values_are_still_served_while_redis_is_down(fragments):
    fragments.set("kept", "<nav>")
    down = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
    with override_settings(CACHES=down):
        cache = caches["fragments"]
        assert cache.get("kept") is None  # another server: another key
        cache.set("unseen", "x")
        assert cache.get("unseen") is None  # written while down: not kept
    ResilientRedisCache._down_until = 0.0
