"""Public pages are cached for anonymous visitors and invalidated exactly where content changes."""

import pytest
from django.test import Client
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Site

from portal.models import FooterSettings
from tests.conftest import make_user
from tests.portal.test_pages import add_standard_page


def cache_state(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.get("X-Page-Cache"), response.content.decode()


@pytest.fixture
def pages(home):
    about = add_standard_page(home, "about", "关于平台")
    guide = add_standard_page(home, "guide", "办事指南")
    child = add_standard_page(guide, "child", "子页面")
    return about, guide, child


@pytest.mark.django_db
def test_anonymous_pages_are_cached_and_publishing_refreshes_them(client, pages):
    about, _guide, _child = pages
    assert cache_state(client, "/about/")[0] == "miss"
    assert cache_state(client, "/about/")[0] == "hit"
    about.intro = "更新后的导语"
    about.save_revision().publish()
    state, html = cache_state(client, "/about/")
    assert state == "miss" and "更新后的导语" in html


@pytest.mark.django_db
def test_publishing_invalidates_the_page_its_ancestors_and_nothing_else(client, pages):
    about, guide, child = pages
    for path in ("/", "/about/", "/guide/", "/guide/child/"):
        cache_state(client, path)
    child.title = "子页面(修订)"
    child.save_revision().publish()
    assert cache_state(client, "/guide/child/")[0] == "miss"
    assert cache_state(client, "/guide/")[0] == "miss"
    assert cache_state(client, "/")[0] == "miss"
    assert cache_state(client, "/about/")[0] == "hit"


@pytest.mark.django_db
def test_query_strings_are_cached_separately_and_invalidated_together(client, pages):
    _about, guide, _child = pages
    cache_state(client, "/guide/?page=2")
    assert cache_state(client, "/guide/?page=2")[0] == "hit"
    assert cache_state(client, "/guide/")[0] == "miss"
    guide.save_revision().publish()
    assert cache_state(client, "/guide/?page=2")[0] == "miss"


@pytest.mark.django_db
def test_unpublishing_and_deleting_remove_pages_from_the_cache(client, pages):
    about, guide, child = pages
    cache_state(client, "/about/")
    about.unpublish()
    assert client.get("/about/").status_code == 404
    cache_state(client, "/guide/")
    child.delete()
    assert client.get("/guide/child/").status_code == 404
    assert cache_state(client, "/guide/")[0] == "miss"


@pytest.mark.django_db
def test_signed_in_users_are_never_served_or_stored(client, pages):
    user = make_user("private@example.com", real_name="私人用户")
    signed_in = Client()
    signed_in.force_login(user)
    response = signed_in.get("/about/")
    assert "X-Page-Cache" not in response
    assert "private@example.com" in response.content.decode() or "我的" in response.content.decode()
    # An anonymous visitor afterwards sees the anonymous page, never the user's.
    state, html = cache_state(client, "/about/")
    assert "我的" not in html and "登录" in html
    # And a signed-in user does not get the anonymous copy either.
    cache_state(client, "/about/")
    response = signed_in.get("/about/")
    assert "X-Page-Cache" not in response and "退出" in response.content.decode()


@pytest.mark.django_db
def test_site_settings_start_a_new_generation(client, pages):
    cache_state(client, "/about/")
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.contact = "咨询电话:0577-12345678"
    footer.save()
    state, html = cache_state(client, "/about/")
    assert state == "miss" and "0577-12345678" in html


@pytest.mark.django_db
def test_languages_are_cached_separately(client, pages):
    cache_state(client, "/about/")
    client.cookies["django_language"] = "en"
    state, html = cache_state(client, "/about/")
    assert state == "miss" and '<html lang="en">' in html


@pytest.mark.django_db
def test_responses_that_set_cookies_are_not_stored(client, home):
    # The sign-in page renders a CSRF token, which sets a cookie.
    client.get("/accounts/login/")
    response = client.get("/accounts/login/")
    assert response.get("X-Page-Cache") is None


class RecordingPurgeBackend(BaseBackend):
    """A frontend-cache backend that records what would be purged at the proxy."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def proxy(settings):
    settings.WAGTAILFRONTENDCACHE = {"proxy": {"BACKEND": f"{__name__}.RecordingPurgeBackend"}}
    RecordingPurgeBackend.purged = []
    return RecordingPurgeBackend


@pytest.mark.django_db
def test_a_proxy_keeps_public_pages_and_is_purged_where_content_changes(client, pages, proxy):
    _about, guide, child = pages
    response = client.get("/guide/")
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=600"
    # Query-string variants are never named by a purge, so the proxy keeps them briefly.
    assert client.get("/guide/?page=2")["Cache-Control"] == "public, max-age=0, s-maxage=60"
    child.title = "子页面(修订)"
    child.save_revision().publish()
    purged = {url.removeprefix("http://localhost") for url in proxy.purged}
    assert {"/", "/guide/", "/guide/child/", "/search/"} <= purged
    assert "/about/" not in purged


@pytest.mark.django_db
def test_a_change_shown_everywhere_purges_every_page_at_the_proxy(client, pages, proxy):
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.contact = "咨询电话:0577-12345678"
    footer.save()
    purged = {url.removeprefix("http://localhost") for url in proxy.purged}
    assert {"/", "/about/", "/guide/", "/guide/child/", "/search/"} <= purged


@pytest.mark.django_db
def test_personal_responses_never_tell_a_proxy_to_keep_them(client, pages, proxy):
    signed_in = Client()
    signed_in.force_login(make_user("proxy@example.com"))
    assert "public" not in signed_in.get("/about/").get("Cache-Control", "")
    assert "public" not in client.get("/accounts/login/").get("Cache-Control", "")


@pytest.mark.django_db
def test_without_a_proxy_no_shared_cache_headers_are_sent(client, pages):
    assert "s-maxage" not in client.get("/about/").get("Cache-Control", "")


@pytest.mark.django_db
def test_a_pages_routes_go_stale_with_the_page(client, home):
    from tests.library.factories import make_guideline

    guideline = make_guideline(home, items=2, title="软件行业合规指引")
    pdf_path = guideline.url + "pdf/"
    assert client.get(pdf_path)["X-Page-Cache"] == "miss"
    assert client.get(pdf_path)["X-Page-Cache"] == "hit"
    guideline.title = "软件行业合规指引(修订)"
    guideline.save_revision().publish()
    assert client.get(pdf_path)["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_calendars_are_cached_and_go_stale_with_their_events(client, home):
    from tests.events.factories import make_event, make_index

    index = make_index(home)
    event = make_event(index, title="合规沙龙")
    other = make_event(index, title="另一场沙龙")
    for path in ("/events/calendar.ics", event.url + "calendar.ics", other.url + "calendar.ics"):
        assert client.get(path)["X-Page-Cache"] == "miss"
        assert client.get(path)["X-Page-Cache"] == "hit"
    event.title = "合规沙龙(改期)"
    event.save_revision().publish()
    response = client.get(event.url + "calendar.ics")
    assert response["X-Page-Cache"] == "miss" and "改期" in response.content.decode()
    assert client.get("/events/calendar.ics")["X-Page-Cache"] == "miss"
    # Another event's calendar shows nothing of this one: it stays cached.
    assert client.get(other.url + "calendar.ics")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_a_change_committed_while_a_page_renders_leaves_the_entry_stale(client, pages, monkeypatch):
    from core import cache

    about, _guide, _child = pages
    render = cache.AnonymousPageCacheMiddleware.__init__

    def publishing_midway(self, get_response):
        def respond(request):
            response = get_response(request)
            cache.invalidate_paths(["/about/"])  # lands after the versions were read
            return response

        render(self, respond)

    monkeypatch.setattr(cache.AnonymousPageCacheMiddleware, "__init__", publishing_midway)
    client.get("/about/")
    monkeypatch.undo()
    assert cache_state(Client(), "/about/")[0] == "miss"


@pytest.mark.django_db
def test_page_cache_can_be_turned_off(client, pages, monkeypatch):
    from core import cache

    monkeypatch.setattr(cache, "TIMEOUT", 0)
    client.get("/about/")
    assert client.get("/about/").get("X-Page-Cache") is None


@pytest.mark.django_db
def test_search_results_are_cached_until_the_documents_change(client, pages):
    from search.indexing import refresh_page

    _about, guide, _child = pages
    assert cache_state(client, "/search/?q=办事指南")[0] == "miss"
    state, html = cache_state(client, "/search/?q=办事指南")
    assert state == "hit" and "办事指南" in html
    assert cache_state(client, "/search/suggest/?q=办事")[0] == "miss"
    assert cache_state(client, "/search/suggest/?q=办事")[0] == "hit"
    # The document job runs after the publish, in the worker: results cached in between
    # are made stale again when it finishes.
    refresh_page.call(guide.pk)
    assert cache_state(client, "/search/?q=办事指南")[0] == "miss"
    assert cache_state(client, "/search/suggest/?q=办事")[0] == "miss"
