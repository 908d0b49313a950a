"""The 315 clock: working time in Asia/Shanghai, as pure functions.

Quzhou's "315联动" promises a response within 30 minutes, simple matters settled within
1 working day and feedback on complex ones within 5 working days. All three are counted
in working time: only the working periods of working days count; weekends and public
holidays do not, make-up working days (调休上班) do. One working day is one working
day's worth of working minutes, so a request submitted on Monday at 10:00 is due on
Tuesday at 10:00, and one submitted on Friday at 16:00 is due on Monday at 16:00.

Nothing here touches the database: callers build a ``WorkCalendar`` (see
``consult.services.work_calendar``) and pass it in, which keeps these functions easy
to test and cheap to call once per row of a listing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEFAULT_PERIODS = ((dt.time(8, 30), dt.time(12, 0)), (dt.time(13, 30), dt.time(17, 30)))
PERIOD_RE = re.compile(r"^(?P<h1>\d{1,2}):(?P<m1>\d{2})\s*-\s*(?P<h2>\d{1,2}):(?P<m2>\d{2})$")
# A safety net against a calendar with no working time at all (every day a holiday).
MAX_SCAN_DAYS = 3660


@dataclass(frozen=True)
class WorkCalendar:
    """Working periods of a working day, plus the dates that break the weekday rule."""

    periods: tuple[tuple[dt.time, dt.time], ...] = DEFAULT_PERIODS
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    workdays: frozenset[dt.date] = field(default_factory=frozenset)  # 调休: weekend days worked
    tz: dt.tzinfo = SHANGHAI

    def __post_init__(self):
        periods = tuple(sorted(self.periods))
        if not periods:
            raise ValueError("a work calendar needs at least one working period")
        previous_end = None
        for start, end in periods:
            if start >= end:
                raise ValueError(f"working period {start}–{end} ends before it starts")
            if previous_end is not None and start < previous_end:
                raise ValueError("working periods overlap")
            previous_end = end
        object.__setattr__(self, "periods", periods)
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "workdays", frozenset(self.workdays))

    @property
    def minutes_per_day(self) -> int:
        return sum(_minutes(start, end) for start, end in self.periods)


def _minutes(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def is_working_day(day: dt.date, calendar: WorkCalendar) -> bool:
    """A make-up working day always works; a holiday never does; otherwise Monday–Friday."""
    if day in calendar.workdays:
        return True
    if day in calendar.holidays:
        return False
    return day.weekday() < 5


def _local(moment: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("the 315 clock needs timezone-aware datetimes")
    return moment.astimezone(calendar.tz)


def _day_periods(day: dt.date, calendar: WorkCalendar):
    """The working periods of ``day`` as aware datetimes (none on a non-working day)."""
    if not is_working_day(day, calendar):
        return []
    return [
        (dt.datetime.combine(day, start, calendar.tz), dt.datetime.combine(day, end, calendar.tz))
        for start, end in calendar.periods
    ]


def add_working_minutes(start: dt.datetime, minutes: int, calendar: WorkCalendar) -> dt.datetime:
    """The moment ``minutes`` of working time after ``start`` (aware, in the calendar's zone).

    A deadline that uses up a period exactly falls at the period's end (17:30), not at the
    start of the next one.
    """
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    moment = _local(start, calendar)
    remaining = dt.timedelta(minutes=minutes)
    day = moment.date()
    for _ in range(MAX_SCAN_DAYS):
        for period_start, period_end in _day_periods(day, calendar):
            if moment >= period_end:
                continue
            begin = max(moment, period_start)
            available = period_end - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
        day += dt.timedelta(days=1)
    raise ValueError("no working time found in the calendar")


def add_working_days(start: dt.datetime, days: int, calendar: WorkCalendar) -> dt.datetime:
    """``days`` working days after ``start``: that many full days' worth of working minutes."""
    return add_working_minutes(start, days * calendar.minutes_per_day, calendar)


def working_minutes_between(start: dt.datetime, end: dt.datetime, calendar: WorkCalendar) -> float:
    """Working minutes from ``start`` to ``end``; negative when ``end`` comes first."""
    start, end = _local(start, calendar), _local(end, calendar)
    if end < start:
        return -working_minutes_between(end, start, calendar)
    total = dt.timedelta()
    day = start.date()
    while day <= end.date():
        for period_start, period_end in _day_periods(day, calendar):
            begin, finish = max(start, period_start), min(end, period_end)
            if finish > begin:
                total += finish - begin
        day += dt.timedelta(days=1)
    return total.total_seconds() / 60


def is_working_time(moment: dt.datetime, calendar: WorkCalendar) -> bool:
    moment = _local(moment, calendar)
    return any(start <= moment < end for start, end in _day_periods(moment.date(), calendar))


def parse_periods(text: str) -> tuple[tuple[dt.time, dt.time], ...]:
    """Parse "08:30-12:00, 13:30-17:30" (settings or the admin) into working periods."""
    periods = []
    for chunk in text.replace(",", ",").split(","):
        chunk = chunk.strip().replace("–", "-").replace("—", "-")
        if not chunk:
            continue
        match = PERIOD_RE.match(chunk)
        if match is None:
            raise ValueError(f"not a working period: {chunk!r}")
        try:
            start = dt.time(int(match["h1"]), int(match["m1"]))
            end = dt.time(int(match["h2"]), int(match["m2"]))
        except ValueError as exc:
            raise ValueError(f"not a working period: {chunk!r}") from exc
        periods.append((start, end))
    WorkCalendar(periods=tuple(periods))  # validates order and overlaps
    return tuple(periods)
