"""Properties that hold for every start moment, not just the ones in the tables."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.template.defaultfilters import date as date_filter
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.timescales.calendar import (
    LONDON,
    add_calendar_days,
    add_clock_hours,
    add_working_days,
    add_working_hours,
    describe_time_left,
    is_working_day,
    local_date,
    say_date,
    working_days_between,
)

NINE, FIVE = time(9), time(17)

# Any moment from 2023 (the Coronation) to 2028, in London time, including both clock changes.
moments = st.datetimes(
    # Hypothesis takes naive bounds and attaches the zone itself.
    min_value=datetime(2023, 1, 1, tzinfo=UTC).replace(tzinfo=None),
    max_value=datetime(2028, 12, 31, tzinfo=UTC).replace(tzinfo=None),
    timezones=st.just(LONDON),
    allow_imaginary=False,
)
dates = st.dates(min_value=date(2023, 1, 1), max_value=date(2028, 12, 31))
working_day_counts = st.integers(min_value=0, max_value=60)
working_hour_counts = st.integers(min_value=0, max_value=120)
# Working days opening from 07:00 to 09:45 and closing from 15:00 to 18:45, on the quarter hour.
opening_times = st.builds(time, st.integers(7, 9), st.sampled_from([0, 15, 30, 45]))
closing_times = st.builds(time, st.integers(15, 18), st.sampled_from([0, 15, 30, 45]))


@given(moments, st.integers(min_value=0, max_value=500))
def test_clock_hours_are_exactly_that_much_real_time(start: datetime, hours: int) -> None:
    assert add_clock_hours(start, hours) - start == timedelta(hours=hours)


@given(moments, working_day_counts)
def test_working_days_end_at_the_end_of_a_working_day_after_start(
    start: datetime, days: int
) -> None:
    due = add_working_days(start, days)
    # Zero working days is the end of the start's own day, which is the start itself when the
    # clock starts in the last microsecond of the day (hypothesis found that one).
    assert due > start if days else due >= start
    assert due.tzinfo is UTC
    assert due.astimezone(LONDON).time() == time.max
    if days:
        assert is_working_day(local_date(due))
    assert working_days_between(local_date(start), local_date(due)) == days


@given(moments, st.integers(min_value=0, max_value=59))
def test_one_more_working_day_is_always_later(start: datetime, days: int) -> None:
    assert add_working_days(start, days + 1) > add_working_days(start, days)


@given(moments, working_hour_counts, opening_times, closing_times)
def test_working_hours_land_inside_working_hours_on_a_working_day(
    start: datetime, hours: int, day_start: time, day_end: time
) -> None:
    due = add_working_hours(start, hours, day_start, day_end)
    assert due >= start
    if hours:
        local = due.astimezone(LONDON)
        assert is_working_day(local.date())
        assert day_start < local.time().replace(tzinfo=None) <= day_end


@given(moments, working_hour_counts, working_hour_counts)
def test_working_hours_add_up(start: datetime, first: int, second: int) -> None:
    # Counting 4 then 4 more lands where counting 8 does: closing time carries over correctly.
    step = add_working_hours(add_working_hours(start, first, NINE, FIVE), second, NINE, FIVE)
    assert step == add_working_hours(start, first + second, NINE, FIVE)


@given(moments, st.integers(min_value=0, max_value=119))
def test_one_more_working_hour_is_always_later(start: datetime, hours: int) -> None:
    assert add_working_hours(start, hours + 1, NINE, FIVE) > add_working_hours(
        start, hours, NINE, FIVE
    )


@given(moments, st.integers(min_value=0, max_value=400))
def test_calendar_days_end_that_many_london_days_later(start: datetime, days: int) -> None:
    due = add_calendar_days(start, days)
    assert due > start
    assert local_date(due) - local_date(start) == timedelta(days=days)
    assert due.astimezone(LONDON).time() == time.max


@given(dates, dates, dates)
def test_working_days_between_adds_up_over_consecutive_spans(a: date, b: date, c: date) -> None:
    first, middle, last = sorted([a, b, c])
    assert working_days_between(first, last) == working_days_between(
        first, middle
    ) + working_days_between(middle, last)


@given(moments, moments)
def test_time_left_says_overdue_exactly_when_the_due_moment_has_passed(
    due: datetime, now: datetime
) -> None:
    words = describe_time_left(due, now)
    # Compared in UTC: Python compares two London datetimes by their wall-clock readings.
    overdue = now.astimezone(UTC) > due.astimezone(UTC)
    assert words.startswith("Overdue by " if overdue else "Due in ")
    assert len(words.split()) <= 6


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_say_date_says_a_day_as_djangos_date_filter_does(day: date) -> None:
    # The queue's rows say a child's date of birth with say_date; every other page with
    # Django's `date:"j M Y"`. They must read the same.
    assert say_date(day) == date_filter(day, "j M Y")


def test_say_date_says_nothing_of_no_day() -> None:
    assert say_date(None) == ""
