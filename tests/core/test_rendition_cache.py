"""Wagtail writes an image's rendition to the cache each time a page shows it; the renditions'
cache (core.cache_backends.RenditionCache) writes it once and reads it from Redis as before."""

import pytest
from django.core.cache import caches
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from core.cache_backends import RenditionCache, ResilientRedisCache
from tests.core.test_resilience import redis_of_its_own, redis_reachable

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379"),
]


@pytest.fixture
def renditions_in_redis():
    RenditionCache._written.clear()
    with redis_of_its_own("renditions"):
        yield caches["renditions"]
    RenditionCache._written.clear()


@pytest.fixture
def writes(monkeypatch):
    """The keys of the writes that reach Redis."""
    written = []
    write = ResilientRedisCache.set

    def counted(self, key, *args, **kwargs):
        written.append(key)
        return write(self, key, *args, **kwargs)

    monkeypatch.setattr(ResilientRedisCache, "set", counted)
    return written


def test_a_rendition_shown_again_is_not_written_again(renditions_in_redis, writes):
    assert isinstance(renditions_in_redis, RenditionCache)
    image = Image.objects.create(title="封面", file=get_test_image_file())
    first = image.get_rendition("fill-480x270")
    for _ in range(3):
        # As a list page shows it: from the prefetched renditions, then from the cache.
        again = (
            Image.objects.prefetch_renditions("fill-480x270").get(pk=image.pk).get_rendition("fill-480x270")
        )
        assert again.pk == first.pk
        assert Image.objects.get(pk=image.pk).get_rendition("fill-480x270").pk == first.pk
    assert len(writes) == 1
    # Another process (an empty memory of writes) still reads it from Redis.
    RenditionCache._written.clear()
    key = writes[0]
    assert renditions_in_redis.get(key).pk == first.pk


def test_a_rendition_is_written_again_after_a_delete_a_new_row_or_a_while(
    renditions_in_redis, writes, monkeypatch
):
    image = Image.objects.create(title="封面", file=get_test_image_file())
    rendition = image.get_rendition("fill-480x270")
    key = writes[0]
    renditions_in_redis.delete(key)
    image.get_rendition("fill-480x270")
    assert len(writes) == 2 and renditions_in_redis.get(key).pk == rendition.pk
    # A rendition made again is a new row: written at once.
    rendition.delete()
    remade = Image.objects.get(pk=image.pk).get_rendition("fill-480x270")
    assert remade.pk != rendition.pk
    assert renditions_in_redis.get(key).pk == remade.pk
    count = len(writes)
    monkeypatch.setattr(RenditionCache, "REWRITE_SECONDS", 0)
    image.get_rendition("fill-480x270")
    assert len(writes) == count + 1


def test_values_without_a_row_are_always_written(renditions_in_redis, writes):
    renditions_in_redis.set("plain", {"a": 1})
    renditions_in_redis.set("plain", {"a": 1})
    assert writes == ["plain", "plain"]
