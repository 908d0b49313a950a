"""/events/calendar.ics is assembled from cached VEVENTs that follow publishing."""

import icalendar
import pytest

from events import calendar
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(monkeypatch):
    """The full-page cache off: these tests look at the VEVENTs behind it."""
    monkeypatch.setattr("core.cache.TIMEOUT", 0)


@pytest.fixture
def built(monkeypatch):
    """The events whose VEVENT was built (not read from the cache) during a request."""
    names = []
    original = calendar._vevent

    def counting(event, stamp):
        names.append(event.title)
        return original(event, stamp)

    monkeypatch.setattr(calendar, "_vevent", counting)
    return names


def summaries(client):
    response = client.get("/events/calendar.ics")
    assert response.status_code == 200
    cal = icalendar.Calendar.from_ical(response.content)
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    return [str(v["summary"]) for v in cal.walk("VEVENT")]


def test_only_changed_events_are_built_again(client, index, built):
    first = make_event(index, title="白鹿法治论坛")
    second = make_event(index, title="合规沙龙")
    assert sorted(summaries(client)) == ["合规沙龙", "白鹿法治论坛"]
    assert sorted(built) == ["合规沙龙", "白鹿法治论坛"]
    built.clear()
    assert sorted(summaries(client)) == ["合规沙龙", "白鹿法治论坛"]
    assert built == []

    second.title = "合规沙龙(第二期)"
    second.save_revision().publish()
    assert sorted(summaries(client)) == ["合规沙龙(第二期)", "白鹿法治论坛"]
    assert built == ["合规沙龙(第二期)"]

    first.unpublish()
    assert summaries(client) == ["合规沙龙(第二期)"]
    built.clear()
    first.save_revision().publish()
    assert sorted(summaries(client)) == ["合规沙龙(第二期)", "白鹿法治论坛"]
    assert built == ["白鹿法治论坛"]


def test_an_empty_calendar_is_still_a_calendar(client, index):
    assert summaries_or_empty(client) == []


def summaries_or_empty(client):
    cal = icalendar.Calendar.from_ical(client.get("/events/calendar.ics").content)
    return [str(v["summary"]) for v in cal.walk("VEVENT")]


def test_the_calendar_is_built_in_three_queries_whatever_the_number_of_events(
    client, index, django_assert_max_num_queries
):
    for n in range(5):
        make_event(index, title=f"活动{n}")
    summaries(client)
    with django_assert_max_num_queries(3):
        client.get("/events/calendar.ics")
