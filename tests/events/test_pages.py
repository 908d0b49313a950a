"""Event pages: page-type rules, the /events/ list, the event page, calendars."""

from datetime import timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone
from wagtail.models import Page

from events.models import EventIndexPage, EventPage
from library.models import Industry
from portal.models import HomePage, StandardPage
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


def test_page_type_rules():
    assert EventIndexPage.allowed_parent_page_models() == [HomePage]
    assert EventIndexPage.allowed_subpage_models() == [EventPage]
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]
    assert EventPage.allowed_subpage_models() == []
    assert not EventPage.can_create_at(Page())
    assert EventIndexPage.can_create_at(HomePage()) and not EventIndexPage.can_create_at(StandardPage())


def test_event_validation_rejects_end_before_start(index):
    event = EventPage(
        title="x",
        slug="x",
        summary="x",
        venue="x",
        start_at=timezone.now(),
        end_at=timezone.now() - timedelta(hours=1),
    )
    with pytest.raises(Exception) as excinfo:
        event.full_clean()
    assert "结束时间必须晚于开始时间" in str(excinfo.value)


def test_index_lists_upcoming_and_past_on_its_own_tab(client, index, event, past_event):
    response = client.get("/events/")
    assert response.status_code == 200
    content = response.content.decode()
    assert event.title in content and past_event.title not in content
    content = client.get("/events/?tab=past").content.decode()
    assert past_event.title in content and event.title not in content


def test_index_filters_by_kind_and_industry(client, index):
    footwear = Industry.objects.create(name="鞋革", code="footwear")
    forum = make_event(index, title="白鹿法治论坛", kind="forum")
    salon = make_event(index, title="软件合规沙龙", kind="salon")
    forum.industries.add(footwear)
    forum.save()
    content = client.get("/events/?kind=forum").content.decode()
    assert forum.title in content and salon.title not in content
    content = client.get("/events/?industry=footwear").content.decode()
    assert forum.title in content and salon.title not in content


@pytest.mark.parametrize("query", ["?kind=bogus", "?industry=<script>", "?page=abc", "?page=999", "?tab=x"])
def test_index_bad_query_strings_do_not_break(client, index, event, query):
    response = client.get("/events/" + query)
    assert response.status_code == 200
    assert event.title in response.content.decode()


def test_index_empty_state(client, index):
    assert "暂无符合条件的近期活动" in client.get("/events/").content.decode()


def test_the_list_counts_registrations_as_they_come_and_shows_an_event_as_published(
    client, index, event, user
):
    from events import registration

    client.force_login(user)  # signed in: no page cache in the way, the cards are kept all the same
    assert "已报名 0 / 3" in client.get("/events/").content.decode()
    registration.register(event, user, consent=True)
    # A registration publishes nothing: the count stays outside the kept card.
    assert "已报名 1 / 3" in client.get("/events/").content.decode()
    event.title = "改名后的沙龙"
    event.save_revision().publish()
    assert "改名后的沙龙" in client.get("/events/").content.decode()
    event.unpublish()
    assert "暂无符合条件的近期活动" in client.get("/events/").content.decode()


def _make_many(index, count, offset=0):
    industry, _created = Industry.objects.get_or_create(name="软件", code="software")
    for i in range(count):
        event = make_event(index, title=f"沙龙{offset + i}", slug=f"many-{offset + i}")
        event.industries.add(industry)
        event.save()


def test_index_query_count_does_not_grow(client, index, user, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)  # signed in: no page cache in the way

    _make_many(index, 2)
    client.get("/events/")  # warm per-process caches (site root paths)
    with CaptureQueriesContext(connection) as few:
        client.get("/events/")
    _make_many(index, 10, offset=2)
    with CaptureQueriesContext(connection) as new_cards:
        response = client.get("/events/")
    assert "沙龙11" in response.content.decode()
    assert len(new_cards) <= len(few) + 1  # the industries of the cards not kept yet, in one query
    with CaptureQueriesContext(connection) as many:
        client.get("/events/")
    assert len(many) == len(few)
    with django_assert_max_num_queries(20):
        client.get("/events/")


def test_event_page_query_count_bounded(client, index, people, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events import registration as services

    event = make_event(index, capacity=2)
    client.force_login(people[0])
    services.register(event, people[1], consent=True)
    client.get(event.url)  # warm per-process caches (site root paths)
    with CaptureQueriesContext(connection) as few:
        client.get(event.url)
    for p in people[2:]:
        services.register(event, p, consent=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get(event.url)
    assert response.status_code == 200
    assert len(many) == len(few)
    with django_assert_max_num_queries(25):
        client.get(event.url)


def test_event_page_shows_details_in_shanghai_time(client, index):
    start = timezone.datetime(2030, 5, 20, 1, 30, tzinfo=ZoneInfo("UTC"))  # 09:30 in Shanghai
    event = make_event(index, title="白鹿法治论坛", start_at=start, end_at=start + timedelta(hours=3))
    content = client.get(event.url).content.decode()
    assert "2030年5月20日 星期一 09:30–12:30" in content
    assert "登录后报名" in content


def test_search_contract(index):
    industry = Industry.objects.create(name="建筑", code="construction")
    event = make_event(index)
    event.industries.add(industry)
    event.save()
    assert list(event.search_industries()) == [industry]
    assert event.summary in event.search_summary
    assert "沙龙" in event.feed_summary


def _parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_event_calendar_parses_with_stable_uid_and_shanghai_tz(client, index):
    start = timezone.datetime(2030, 5, 20, 1, 30, tzinfo=ZoneInfo("UTC"))
    event = make_event(index, title="白鹿法治论坛", start_at=start, end_at=start + timedelta(hours=3))
    response = client.get(event.url + "calendar.ics")
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="event-{event.pk}.ics"; ')
    assert "filename*=UTF-8''" + quote(f"{event.title}.ics") in disposition
    cal = _parse(response)
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["uid"]) == f"event-{event.pk}@compliance-academy"
    assert str(vevent["summary"]) == "白鹿法治论坛"
    assert vevent["dtstart"].params["TZID"] == "Asia/Shanghai"
    assert vevent.decoded("dtstart").hour == 9
    assert vevent.decoded("dtstart") == start
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    # The same event keeps its UID in the feed of all upcoming events.
    feed = _parse(client.get("/events/calendar.ics"))
    assert f"event-{event.pk}@compliance-academy" in [str(v["uid"]) for v in feed.walk("VEVENT")]


def test_all_events_calendar_lists_only_upcoming_live_events(client, index, event, past_event):
    draft = make_event(index, title="草稿活动", live=False)
    cal = _parse(client.get("/events/calendar.ics"))
    titles = [str(v["summary"]) for v in cal.walk("VEVENT")]
    assert titles == [event.title]
    assert draft.title not in titles


def test_registration_makes_cached_pages_stale(
    client, index, event, user, django_capture_on_commit_callbacks
):
    from events import registration as services

    assert "已确认 0 / 名额 3" in client.get(event.url).content.decode()
    assert client.get(event.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event, user, consent=True)
    assert "已确认 1 / 名额 3" in client.get(event.url).content.decode()


def test_public_calendar_does_not_publish_the_online_link(client, index):
    event = make_event(index, venue="", online_url="https://meeting.example.cn/secret-room")
    content = client.get(event.url + "calendar.ics").content.decode()
    assert "secret-room" not in content
    assert "LOCATION:线上" in content
    assert "secret-room" not in client.get(event.url).content.decode()


def test_the_kept_event_text_never_carries_the_online_link(
    client, index, user, monkeypatch, django_capture_on_commit_callbacks
):
    """Visitors share the event's kept HTML; a confirmed participant's page shows the link."""
    from events import registration as services

    monkeypatch.setattr("core.cache.TIMEOUT", 0)  # the full-page cache off: the fragment is under test
    event = make_event(index, venue="", online_url="https://meeting.example.cn/secret-room")
    assert "secret-room" not in client.get(event.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event, user, consent=True)
    client.force_login(user)
    assert "secret-room" in client.get(event.url).content.decode()
    client.logout()
    assert "secret-room" not in client.get(event.url).content.decode()
