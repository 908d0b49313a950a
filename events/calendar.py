"""iCalendar files for one event or every upcoming event (Asia/Shanghai times, stable UIDs)."""

from zoneinfo import ZoneInfo

import icalendar
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

from core.emails import absolute_url

SHANGHAI = ZoneInfo("Asia/Shanghai")
UID_DOMAIN = "compliance-academy"


def event_uid(event):
    return f"event-{event.pk}@{UID_DOMAIN}"


def build_calendar(events, name):
    cal = icalendar.Calendar()
    cal.add("prodid", "-//合规学堂 Compliance Academy//events//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    stamp = timezone.now()
    for event in events:
        item = icalendar.Event()
        item.add("uid", event_uid(event))
        item.add("dtstamp", stamp)
        item.add("summary", event.title)
        item.add("dtstart", event.start_at.astimezone(SHANGHAI))
        item.add("dtend", event.end_at.astimezone(SHANGHAI))
        # The online link is for confirmed attendees only (shown on their ticket), not public files.
        location = " ".join(part for part in [event.venue, event.address] if part) or str(event.where_display)
        item.add("location", location)
        # On the public address even when the page's Wagtail site names another host.
        url = absolute_url(event.url)
        item.add("url", url)
        item.add("description", f"{strip_tags(event.summary)}\n{url}")
        item.add("categories", [str(event.get_kind_display())])
        item.add("last-modified", event.last_published_at or stamp)
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal


def calendar_response(cal, filename):
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
