"""With Redis unreachable the site is served uncached, sign-in works and /healthz names the fault."""

import logging
import socket
import uuid
from contextlib import contextmanager

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from core import cache_backends
from core.cache_backends import ResilientRedisCache
from tests.events.factories import make_event, make_index
from tests.library.factories import make_guideline

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


def redis_cache(url):
    cache = {
        "BACKEND": "core.cache_backends.ResilientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "test-resilience",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    # As in the settings: rendered fragments and renditions live in the same Redis as the rest.
    return {
        "default": cache,
        "fragments": {**cache, "BACKEND": "core.cache_backends.KeptFragmentsCache"},
        "renditions": {**cache, "BACKEND": "core.cache_backends.RenditionCache"},
    }


@contextmanager
def redis_of_its_own(name, url="redis://127.0.0.1:6379/14"):
    """The settings' caches on a real Redis under a key prefix of their own, deleted afterwards
    (only those keys: the database may be shared). Yields the prefix."""
    ResilientRedisCache._down_until = 0.0
    settings = redis_cache(url)
    prefix = f"test-{name}-{uuid.uuid4().hex}"
    for cache in settings.values():
        cache["KEY_PREFIX"] = prefix
    try:
        with override_settings(CACHES=settings):
            yield prefix
    finally:
        client = redis.Redis.from_url(url)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)


@pytest.fixture
def redis_down(settings):
    ResilientRedisCache._down_until = 0.0
    with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{closed_port()}/0")):
        yield caches["default"]
    ResilientRedisCache._down_until = 0.0


def test_pages_search_and_sign_in_work_while_redis_is_down(client, home, user, redis_down, caplog):
    event = make_event(make_index(home))
    guideline = make_guideline(home, items=3)
    caplog.set_level(logging.WARNING, logger="core.cache_backends")
    pages = ["/", "/events/", event.url, "/events/calendar.ics", guideline.url, "/search/?q=合规"]
    for url in pages + [reverse("account_login")]:
        assert client.get(url).status_code == 200, url
    response = client.post(reverse("account_login"), {"login": user.email, "password": "pass-1234-word"})
    assert response.status_code == 302
    assert client.get("/me/").wsgi_request.user == user
    assert "Redis cache unreachable" in caplog.text


def test_failed_sign_ins_while_redis_is_down_are_answered_not_crashed(client, home, user, redis_down):
    # Rate limiting fails open for the outage (logged); the form still says the password is wrong.
    for _ in range(7):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
        assert response.status_code == 200
        assert not response.wsgi_request.user.is_authenticated


def test_healthz_names_the_cache_as_the_failed_part(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["cache"].startswith("error")
    assert body["database"] == "ok" and body["search"] == "ok"


def test_an_outage_is_not_retried_on_every_call(redis_down, monkeypatch):
    attempts = []
    real_get = cache_backends.RedisCache.get

    def counting_get(self, *args, **kwargs):
        attempts.append(1)
        return real_get(self, *args, **kwargs)

    monkeypatch.setattr(cache_backends.RedisCache, "get", counting_get)
    monkeypatch.setattr(
        cache_backends.ResilientRedisCache, "get", cache_backends._resilient("get", cache_backends._default)
    )
    assert redis_down.get("a", "fallback") == "fallback"
    assert redis_down.get("b") is None
    assert redis_down.add("lock", True) is True  # allauth's lock loop must not spin
    with pytest.raises(ValueError):
        redis_down.incr("counter")
    assert attempts == [1]


def redis_reachable():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_a_reachable_redis_is_used_normally():
    ResilientRedisCache._down_until = 0.0
    with override_settings(CACHES=redis_cache("redis://127.0.0.1:6379/1")):
        cache = caches["default"]
        cache.set("probe", {"value": 1}, 30)
        assert cache.get("probe") == {"value": 1}
        assert cache.ping() is True
        cache.delete("probe")


def test_one_redis_client_serves_every_operation(monkeypatch):
    import redis

    built = []
    original = redis.Redis.__init__

    def counting(self, *args, **kwargs):
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting)
    with override_settings(CACHES=redis_cache("redis://127.0.0.1:6379/14")):
        cache = caches["default"]
        cache.set("kept-client", "值")
        assert cache.get("kept-client") == "值" and cache.get_many(["kept-client"]) == {"kept-client": "值"}
        cache.delete("kept-client")
    assert len(built) == 1
