"""Each host's Wagtail site comes from the cache, and a change to the sites shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from portal.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(monkeypatch):
    monkeypatch.setattr("core.cache.TIMEOUT", 0)


def site_reads(client, url="/", **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return response, sum('FROM "wagtailcore_site"' in q["sql"] for q in queries)


def test_a_host_is_looked_up_once(client, home):
    _response, first = site_reads(client)
    response, again = site_reads(client)
    assert first >= 1 and again == 0  # the first also reads the site root paths Wagtail caches
    assert "合规学堂" in response.content.decode()


def test_a_new_root_page_shows_on_the_next_request(client, home):
    site_reads(client)
    other = HomePage(title="第二站点首页", slug="second-home")
    Page.get_first_root_node().add_child(instance=other)
    other.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()
    response, _reads = site_reads(client)
    assert "第二站点首页" in response.content.decode()


def test_hosts_are_told_apart_as_wagtail_does(client, home):
    other = HomePage(title="培训基地", slug="training")
    Page.get_first_root_node().add_child(instance=other)
    other.save_revision().publish()
    Site.objects.create(hostname="training.example", port=80, root_page=other, site_name="培训基地")
    training, _reads = site_reads(client, HTTP_HOST="training.example")
    default, _reads = site_reads(client, HTTP_HOST="unknown.example")
    assert "培训基地" in training.content.decode() and "培训基地" not in default.content.decode()
    training, reads = site_reads(client, HTTP_HOST="training.example")
    assert "培训基地" in training.content.decode() and reads == 0


def test_publishing_the_home_page_shows_on_the_next_request(client, home):
    client.get("/")
    home.title = "合规学堂（新版）"
    home.save_revision().publish()
    response, _reads = site_reads(client)
    assert "合规学堂（新版）" in response.content.decode()
