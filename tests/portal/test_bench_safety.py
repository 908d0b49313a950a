"""The serving benchmark deletes only its own Redis keys: a shared Redis keeps everyone else's."""

import socket

import pytest

from tests.bench import bench_serving


def test_the_benchmark_never_flushes_and_deletes_only_its_prefix():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    import redis

    url = "redis://127.0.0.1:6379/15"
    client = redis.Redis.from_url(url)
    mine = [f"{bench_serving.BENCH_CACHE_PREFIX}:1:pagecache:test-{n}" for n in range(3)]
    others = ["compliance:1:someone-else", "other-app:key"]
    try:
        for key in mine + others:
            client.set(key, "x", ex=60)
        assert bench_serving.clear_bench_keys(url) >= 3
        assert not any(client.exists(key) for key in mine)
        assert all(client.exists(key) for key in others)
    finally:
        client.delete(*mine, *others)
        client.close()
    source = open(bench_serving.__file__, encoding="utf-8").read()
    assert "FLUSHDB\\r" not in source and 'b"FLUSH' not in source
