"""A page behind a view restriction is listed nowhere an anonymous visitor looks: its section's
list and the home page's feeds."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.cache import invalidate_everything
from core.feeds import get_feed_items
from tests.courses.factories import build_course
from tests.events.factories import make_event, make_index

pytestmark = pytest.mark.django_db


def restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    invalidate_everything()


def test_a_members_only_course_is_not_listed(client, home):
    build_course(home, title="公开课程")
    private = build_course(home, title="会员专享课程")
    restrict(private)
    html = client.get("/courses/").content.decode()
    assert "公开课程" in html and "会员专享课程" not in html
    assert [course.title for course in get_feed_items("courses", 5)] == ["公开课程"]


def test_a_members_only_event_is_not_listed(client, home):
    index = make_index(home)
    start = timezone.now() + timedelta(days=3)
    make_event(index, title="公开沙龙", start_at=start, end_at=start + timedelta(hours=2))
    private = make_event(index, title="会员专场沙龙", start_at=start, end_at=start + timedelta(hours=2))
    restrict(private)
    html = client.get("/events/").content.decode()
    assert "公开沙龙" in html and "会员专场沙龙" not in html
    assert [event.title for event in get_feed_items("events", 5)] == ["公开沙龙"]
