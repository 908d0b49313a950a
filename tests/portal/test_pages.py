import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from portal.models import HomePage, StandardPage


def add_standard_page(parent, slug, title="关于平台"):
    page = StandardPage(title=title, slug=slug, intro="平台导语", body=[("paragraph", "<p>正文内容</p>")])
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def home_query_count(client):
    cache.clear()  # measure rendering, not the page cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_home_page_renders_in_chinese_with_bounded_queries(client, home):
    home.body = [
        ("hero", {"title": "事前合规,胜过事后整改", "subtitle": "副标题", "actions": []}),
        ("featured", {"heading": "精选", "pages": []}),
        ("feed", {"heading": "近期活动", "kind": "events", "count": 4}),
    ]
    home.save_revision().publish()
    response = client.get("/")
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "事前合规,胜过事后整改" in html
    assert "合规学堂" in html
    few = home_query_count(client)
    for i in range(30):
        add_standard_page(home, f"page-{i}")
    assert home_query_count(client) == few
    assert few <= 25


@pytest.mark.django_db
def test_a_home_feed_shows_a_publication_at_once_and_drops_an_ended_event_within_a_minute(
    client, home, user, monkeypatch
):
    import time
    from datetime import timedelta

    from django.utils import timezone

    from events.models import EventPage
    from portal.models.pages import FEED_SECONDS
    from tests.events.factories import make_event, make_index

    index = make_index(home)
    first = make_event(index, title="合规沙龙")
    home.body = [("feed", {"heading": "近期活动", "kind": "events", "count": 4})]
    home.save_revision().publish()
    client.force_login(user)  # signed in: no page cache in the way, the feed is kept all the same
    assert "合规沙龙" in client.get("/").content.decode()
    second = make_event(index, title="第二场沙龙", slug="second")
    second.save_revision().publish()
    assert "第二场沙龙" in client.get("/").content.decode()  # published below the home page: at once
    # An event ends without any publication.
    EventPage.objects.filter(pk=first.pk).update(
        start_at=timezone.now() - timedelta(hours=3), end_at=timezone.now() - timedelta(hours=1)
    )
    later = time.time() + FEED_SECONDS
    monkeypatch.setattr(time, "time", lambda: later)
    html = client.get("/").content.decode()
    assert "合规沙龙" not in html and "第二场沙龙" in html


@pytest.mark.django_db
def test_standard_page_and_rules(client, home):
    page = add_standard_page(home, "about")
    html = client.get(page.url).content.decode()
    assert "平台导语" in html and "正文内容" in html
    assert StandardPage in home.specific_class.allowed_subpage_models()
    assert HomePage not in StandardPage.allowed_subpage_models()
    assert StandardPage.allowed_parent_page_models() == [HomePage, StandardPage]


@pytest.mark.django_db
def test_unpublished_page_is_not_public(client, home):
    page = add_standard_page(home, "draft-page")
    page.unpublish()
    assert client.get("/draft-page/").status_code == 404


@pytest.mark.django_db
def test_404_page_is_chinese(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@pytest.mark.django_db
def test_500_page_is_chinese(client):
    from portal.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "服务器" in response.content.decode()


@pytest.mark.django_db
def test_language_switch_to_english(client, home):
    assert 'href="/language/en/?next=/"' in client.get("/").content.decode()
    response = client.get("/language/en/", {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Sign in" in html and "Compliance Academy" in html
    # Unknown languages and off-site redirects change nothing harmful.
    response = client.get("/language/xx/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert '<html lang="en">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_healthz_reports_every_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
        "search": "ok",
    }


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise connection.Database.OperationalError("database is down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"].startswith("error")


@pytest.mark.django_db
def test_only_one_home_page_per_parent(home):
    assert not HomePage.can_create_at(Page.get_first_root_node())
