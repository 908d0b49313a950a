"""Where a URL leads is kept between requests, and is as fresh as the page cache."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from courses import enrolment
from portal.demo_english import translate_page
from tests.conftest import make_user
from tests.courses.factories import build_course
from tests.portal.test_pages import add_standard_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(db):
    # Signed in: the page cache never answers, so every request routes.
    client = Client()
    client.force_login(make_user("route@example.com", real_name="路由用户"))
    return client


@pytest.fixture
def pages(home):
    guide = add_standard_page(home, "guide", "办事指南")
    child = add_standard_page(guide, "child", "子页面")
    other = add_standard_page(home, "other", "其他栏目")
    return guide, child, other


def child_lookups(client, path):
    """The response, and the queries that looked the page's slug up."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [query["sql"] for query in queries if "'child'" in query["sql"]]


def test_a_url_is_routed_once_then_served_without_looking_its_pages_up(signed_in, pages):
    response, lookups = child_lookups(signed_in, "/guide/child/")
    assert response.status_code == 200 and lookups
    response, lookups = child_lookups(signed_in, "/guide/child/")
    assert response.status_code == 200 and "子页面" in response.content.decode()
    assert lookups == []


def test_publishing_a_change_serves_it_at_once(signed_in, pages):
    _guide, child, _other = pages
    signed_in.get("/guide/child/")
    child.title = "子页面(修订)"
    child.save_revision().publish()
    assert "子页面(修订)" in signed_in.get("/guide/child/").content.decode()


def test_unpublishing_and_deleting_end_the_kept_route(signed_in, client, pages):
    guide, child, _other = pages
    for visitor in (signed_in, client):
        assert visitor.get("/guide/child/").status_code == 200
    child.unpublish()
    for visitor in (signed_in, client):
        assert visitor.get("/guide/child/").status_code == 404
    assert signed_in.get("/guide/").status_code == 200
    guide.delete()
    for visitor in (signed_in, client):
        assert visitor.get("/guide/").status_code == 404


def test_moving_a_section_moves_its_pages_urls(signed_in, client, pages):
    guide, _child, other = pages
    for visitor in (signed_in, client):
        assert visitor.get("/guide/child/").status_code == 200
    guide.move(other, pos="last-child")
    for visitor in (signed_in, client):
        # Wagtail's redirects app sends the old URL on to the new one.
        assert visitor.get("/guide/child/").headers.get("Location") == "/other/guide/child/"
        assert visitor.get("/other/guide/child/").status_code == 200


def test_a_renamed_page_leaves_its_old_url(signed_in, client, pages, django_capture_on_commit_callbacks):
    _guide, child, _other = pages
    for visitor in (signed_in, client):
        assert visitor.get("/guide/child/").status_code == 200
    child.slug = "renamed"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail signals the rename on commit
        child.save_revision().publish()
    for visitor in (signed_in, client):
        assert visitor.get("/guide/child/").headers.get("Location") == "/guide/renamed/"
        assert visitor.get("/guide/renamed/").status_code == 200


def test_a_translation_is_served_in_english_after_chinese_visits(signed_in, pages):
    _guide, child, _other = pages
    signed_in.get("/guide/child/")
    signed_in.get("/guide/child/", {"lang": "en"})
    english = Locale.objects.get_or_create(language_code="en")[0]

    def edit(copy):
        copy.title = "Child page"

    translate_page(child, english, edit)
    assert "Child page" in signed_in.get("/guide/child/", {"lang": "en"}).content.decode()
    html = signed_in.get("/guide/child/", {"lang": "zh-hans"}).content.decode()
    assert "子页面" in html and "Child page" not in html


def test_a_posted_form_routes_afresh(signed_in, pages):
    signed_in.get("/guide/child/")
    with CaptureQueriesContext(connection) as queries:
        signed_in.post("/guide/child/", {})
    assert any("'child'" in query["sql"] for query in queries)


def test_a_kept_route_serves_each_learner_their_own_state(home):
    course = build_course(home, lessons=1, questions=0)
    enrolled_user = make_user("enrolled@example.com")
    enrolment.enrol(enrolled_user, course)
    enrolled, other = Client(), Client()
    enrolled.force_login(enrolled_user)
    other.force_login(make_user("other@example.com"))
    for _visit in range(2):  # routed afresh, then served from the kept route
        assert "退出课程" in enrolled.get(course.url).content.decode()
        html = other.get(course.url).content.decode()
        assert "报名学习" in html and "退出课程" not in html
