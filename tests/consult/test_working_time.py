"""The 315 clock: working minutes and working days across lunch, evenings, weekends and holidays."""

import datetime as dt

import pytest

from consult.working_time import (
    SHANGHAI,
    WorkCalendar,
    add_working_days,
    add_working_minutes,
    is_working_day,
    is_working_time,
    parse_periods,
    working_minutes_between,
)

CAL = WorkCalendar()  # 08:30–12:00, 13:30–17:30: 450 working minutes a day
# 2026: 国庆 1–7 October off, Saturday 10 October a make-up working day (调休上班).
NATIONAL_DAY = WorkCalendar(
    holidays=frozenset(dt.date(2026, 10, day) for day in range(1, 8)),
    workdays=frozenset({dt.date(2026, 10, 10)}),
)


def at(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def test_minutes_per_day():
    assert CAL.minutes_per_day == 450


@pytest.mark.parametrize(
    "start, minutes, expected",
    [
        # Inside the morning period.
        (at(2026, 11, 23, 9, 0), 30, at(2026, 11, 23, 9, 30)),
        # Submitted before work starts: the clock starts at 08:30.
        (at(2026, 11, 23, 7, 0), 30, at(2026, 11, 23, 9, 0)),
        # Crossing lunch: 11:50 + 30 = 10 minutes before noon, 20 after 13:30.
        (at(2026, 11, 23, 11, 50), 30, at(2026, 11, 23, 13, 50)),
        # Submitted during lunch: starts at 13:30.
        (at(2026, 11, 23, 12, 15), 30, at(2026, 11, 23, 14, 0)),
        # End of the day: 17:20 + 30 = 10 today, 20 tomorrow morning.
        (at(2026, 11, 23, 17, 20), 30, at(2026, 11, 24, 8, 50)),
        # Exactly at closing time: due tomorrow 09:00.
        (at(2026, 11, 23, 17, 30), 30, at(2026, 11, 24, 9, 0)),
        # A deadline that uses up the day falls at 17:30, not the next morning.
        (at(2026, 11, 23, 17, 0), 30, at(2026, 11, 23, 17, 30)),
        # Friday evening: due Monday morning.
        (at(2026, 11, 27, 17, 20), 30, at(2026, 11, 30, 8, 50)),
        # Saturday: the clock waits for Monday.
        (at(2026, 11, 28, 10, 0), 30, at(2026, 11, 30, 9, 0)),
        # Zero minutes inside working time: the moment itself.
        (at(2026, 11, 23, 9, 0), 0, at(2026, 11, 23, 9, 0)),
    ],
)
def test_add_working_minutes(start, minutes, expected):
    assert add_working_minutes(start, minutes, CAL) == expected


def test_one_working_day_is_the_same_time_next_working_day():
    assert add_working_days(at(2026, 11, 23, 10, 0), 1, CAL) == at(2026, 11, 24, 10, 0)
    # Friday afternoon → Monday afternoon.
    assert add_working_days(at(2026, 11, 27, 16, 0), 1, CAL) == at(2026, 11, 30, 16, 0)
    # Submitted on Sunday: a full working day, Monday 08:30–17:30.
    assert add_working_days(at(2026, 11, 29, 15, 0), 1, CAL) == at(2026, 11, 30, 17, 30)


def test_five_working_days_skip_the_weekend():
    # Monday 10:00 + 5 working days = next Monday 10:00.
    assert add_working_days(at(2026, 11, 23, 10, 0), 5, CAL) == at(2026, 11, 30, 10, 0)
    # Wednesday 15:00 + 5 = next Wednesday 15:00.
    assert add_working_days(at(2026, 11, 25, 15, 0), 5, CAL) == at(2026, 12, 2, 15, 0)


def test_holidays_are_skipped_and_make_up_days_count():
    # Wednesday 30 September 17:10: 20 minutes that evening, the other 10 after Golden Week.
    assert add_working_minutes(at(2026, 9, 30, 17, 10), 30, NATIONAL_DAY) == at(2026, 10, 8, 8, 40)
    # Thursday 8 October 10:00 + 1 working day: Friday 9 October 10:00.
    assert add_working_days(at(2026, 10, 8, 10, 0), 1, NATIONAL_DAY) == at(2026, 10, 9, 10, 0)
    # Friday 9 October 10:00 + 1 working day: Saturday 10 October is worked (调休).
    assert add_working_days(at(2026, 10, 9, 10, 0), 1, NATIONAL_DAY) == at(2026, 10, 10, 10, 0)
    # Without the make-up day the same request would be due on Monday.
    plain = WorkCalendar(holidays=NATIONAL_DAY.holidays)
    assert add_working_days(at(2026, 10, 9, 10, 0), 1, plain) == at(2026, 10, 12, 10, 0)
    # 5 working days from 30 September 16:00 jump Golden Week: 8, 9, 10 (调休), 12, 13 October.
    assert add_working_days(at(2026, 9, 30, 16, 0), 5, NATIONAL_DAY) == at(2026, 10, 13, 16, 0)


def test_is_working_day():
    assert is_working_day(dt.date(2026, 11, 23), CAL)  # Monday
    assert not is_working_day(dt.date(2026, 11, 28), CAL)  # Saturday
    assert not is_working_day(dt.date(2026, 10, 1), NATIONAL_DAY)  # Thursday, holiday
    assert is_working_day(dt.date(2026, 10, 10), NATIONAL_DAY)  # Saturday, make-up day


def test_is_working_time():
    assert is_working_time(at(2026, 11, 23, 8, 30), CAL)
    assert not is_working_time(at(2026, 11, 23, 12, 30), CAL)
    assert not is_working_time(at(2026, 11, 23, 17, 30), CAL)
    assert not is_working_time(at(2026, 11, 28, 10, 0), CAL)


def test_utc_input_is_read_in_shanghai_time():
    # 01:00 UTC is 09:00 in Shanghai.
    start = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)
    assert add_working_minutes(start, 30, CAL) == at(2026, 11, 23, 9, 30)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        add_working_minutes(dt.datetime(2026, 11, 23, 9, 0), 30, CAL)


def test_minutes_between():
    assert working_minutes_between(at(2026, 11, 23, 9, 0), at(2026, 11, 23, 9, 30), CAL) == 30
    assert working_minutes_between(at(2026, 11, 23, 11, 0), at(2026, 11, 23, 14, 0), CAL) == 90
    # Friday 17:00 to Monday 09:00: 30 + 30.
    assert working_minutes_between(at(2026, 11, 27, 17, 0), at(2026, 11, 30, 9, 0), CAL) == 60
    assert working_minutes_between(at(2026, 11, 30, 9, 0), at(2026, 11, 27, 17, 0), CAL) == -60
    # The inverse of add_working_minutes.
    start = at(2026, 9, 30, 16, 45)
    due = add_working_days(start, 5, NATIONAL_DAY)
    assert working_minutes_between(start, due, NATIONAL_DAY) == 5 * 450


def test_custom_hours():
    calendar = WorkCalendar(periods=parse_periods("09:00-12:00, 14:00-18:00"))
    assert calendar.minutes_per_day == 420
    assert add_working_minutes(at(2026, 11, 23, 17, 50), 30, calendar) == at(2026, 11, 24, 9, 20)


@pytest.mark.parametrize("text", ["", "8:30", "12:00-08:30", "08:30-12:00, 11:00-17:30", "morning"])
def test_bad_working_hours_are_refused(text):
    with pytest.raises(ValueError):
        parse_periods(text)


def test_parse_periods_accepts_chinese_commas_and_dashes():
    assert parse_periods("08:30–12:00,13:30-17:30") == (
        (dt.time(8, 30), dt.time(12, 0)),
        (dt.time(13, 30), dt.time(17, 30)),
    )


def test_negative_minutes_are_refused():
    with pytest.raises(ValueError):
        add_working_minutes(at(2026, 11, 23, 9, 0), -1, CAL)


def test_adding_then_measuring_gives_back_the_minutes():
    import random

    rng = random.Random(315)
    for _ in range(300):
        start = at(2026, 9, 20, 0, 0) + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 40))
        minutes = rng.randrange(0, 6 * 450)
        due = add_working_minutes(start, minutes, NATIONAL_DAY)
        assert due >= start
        assert working_minutes_between(start, due, NATIONAL_DAY) == minutes
        # The deadline always falls inside (or at the end of) a working period on a working day.
        assert minutes == 0 or is_working_time(due - dt.timedelta(seconds=1), NATIONAL_DAY)
