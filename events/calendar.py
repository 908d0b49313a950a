"""iCalendar files for one event or every upcoming event (Asia/Shanghai times, stable UIDs)."""

import hashlib
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language

from core.downloads import content_disposition
from core.emails import absolute_url

SHANGHAI = ZoneInfo("Asia/Shanghai")
UID_DOMAIN = "compliance-academy"


def event_uid(event):
    return f"event-{event.pk}@{UID_DOMAIN}"


def _calendar(name):
    cal = icalendar.Calendar()
    cal.add("prodid", "-//合规学堂 Compliance Academy//events//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    return cal


def _vevent(event, stamp):
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
    return item


def build_calendar(events, name):
    cal = _calendar(name)
    stamp = timezone.now()
    for event in events:
        cal.add_component(_vevent(event, stamp))
    cal.add_missing_timezones()
    return cal


# Bump when a VEVENT's shape changes, so no cached one of the old shape is served.
VEVENT_VERSION = 1
VEVENT_SECONDS = 7 * 24 * 3600


def _vevent_key(pk, revision_id, url_path, language):
    digest = hashlib.md5(f"{url_path}|{settings.SITE_URL}".encode()).hexdigest()[:12]
    return f"ics-event:{VEVENT_VERSION}:{language}:{pk}:{revision_id}:{digest}"


@lru_cache(maxsize=1)
def _shanghai_vtimezone():
    """The VTIMEZONE of Asia/Shanghai, as icalendar writes it (built once per process)."""
    cal = icalendar.Calendar()
    probe = icalendar.Event()
    probe.add("dtstart", datetime(2026, 1, 1, tzinfo=SHANGHAI))
    cal.add_component(probe)
    cal.add_missing_timezones()
    return b"".join(component.to_ical() for component in cal.walk("VTIMEZONE"))


def calendar_ics(events, name):
    """The iCalendar bytes of ``events`` (a queryset of live event pages) from cached VEVENTs.

    Each event's VEVENT text is cached under its id, live revision, URL path and language:
    publishing an event (a new live revision), moving it or changing the public address gives a
    new key, and an unpublished or past event leaves the queryset; so only changed events are
    built again. One query for the list, one for the events to build, one cache read.
    """
    from django.core.cache import caches

    cache = caches["fragments"]
    language = get_language()
    rows = list(events.values_list("pk", "live_revision_id", "url_path"))
    keys = [_vevent_key(pk, revision, url_path, language) for pk, revision, url_path in rows]
    found = cache.get_many(keys)
    missing = {pk: key for (pk, _revision, _path), key in zip(rows, keys, strict=True) if key not in found}
    if missing:
        stamp = timezone.now()
        built = {
            missing[event.pk]: _vevent(event, stamp).to_ical()
            for event in events.model.objects.filter(pk__in=list(missing))
        }
        cache.set_many(built, VEVENT_SECONDS)
        found.update(built)
    head = _calendar(name).to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    parts = [head[: -len(end)], _shanghai_vtimezone() if rows else b""]
    parts += [found[key] for key in keys if key in found]
    parts.append(end)
    return b"".join(parts)


def calendar_response(cal, filename, title=None):
    """``cal``: an icalendar.Calendar, or its bytes already (``calendar_ics``).

    ``filename``: the ASCII name; ``title``: the name (Chinese kept) without ``.ics``.
    """
    body = cal if isinstance(cal, bytes) else cal.to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"{title}.ics" if title else filename, filename)
    return response
