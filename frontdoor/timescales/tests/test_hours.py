"""Hours: clock hours are real time; working hours count only the working day.

Times are written in London local time, which is how a practitioner would check them; results
are compared as instants, so a row is right whatever zone the result is expressed in.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from frontdoor.timescales.calendar import LONDON, add_clock_hours, add_working_hours
from frontdoor.timescales.tests.moments import FIVE, NINE, london

# --- add_clock_hours -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        pytest.param(london(2026, 11, 23, 10), 4, london(2026, 11, 23, 14), id="same-day"),
        pytest.param(london(2026, 11, 27, 20), 24, london(2026, 11, 28, 20), id="weekend-counts"),
        pytest.param(london(2026, 12, 24, 12), 72, london(2026, 12, 27, 12), id="christmas-counts"),
        pytest.param(
            london(2026, 12, 31, 22), 4, london(2027, 1, 1, 2), id="across-the-year-boundary"
        ),
        pytest.param(
            # The domain brief's example: 00:30 BST is 23:30 UTC on the 24th; 4 real hours later
            # is 03:30 UTC, which is 03:30 GMT because the clocks went back at 02:00 BST.
            london(2026, 10, 25, 0, 30),
            4,
            datetime(2026, 10, 25, 3, 30, tzinfo=UTC),
            id="clocks-go-back-0030-plus-4-is-0330-gmt",
        ),
        pytest.param(
            london(2026, 10, 23, 12),
            72,
            london(2026, 10, 26, 11),
            id="clocks-go-back-72h-ends-an-hour-earlier-by-the-clock",
        ),
        pytest.param(
            london(2026, 3, 29, 0, 30),
            4,
            london(2026, 3, 29, 5, 30),
            id="clocks-go-forward-0030-plus-4-is-0530-bst",
        ),
        pytest.param(
            london(2026, 3, 28, 12),
            24,
            london(2026, 3, 29, 13),
            id="clocks-go-forward-24h-ends-an-hour-later-by-the-clock",
        ),
        pytest.param(london(2026, 11, 23, 10), 0, london(2026, 11, 23, 10), id="zero-hours"),
    ],
)
def test_clock_hours_are_real_elapsed_time(start: datetime, hours: int, due: datetime) -> None:
    result = add_clock_hours(start, hours)
    assert result == due
    assert result.tzinfo is UTC


def test_clock_hours_00_30_on_the_day_the_clocks_go_back_reads_03_30_locally() -> None:
    result = add_clock_hours(london(2026, 10, 25, 0, 30), 4).astimezone(LONDON)
    assert (result.hour, result.minute, result.tzname()) == (3, 30, "GMT")


# --- add_working_hours -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        pytest.param(london(2026, 11, 23, 10), 4, london(2026, 11, 23, 14), id="within-a-day"),
        pytest.param(london(2026, 11, 23, 9), 8, london(2026, 11, 23, 17), id="a-whole-day"),
        pytest.param(
            london(2026, 11, 23, 13), 4, london(2026, 11, 23, 17), id="lands-exactly-at-closing"
        ),
        pytest.param(london(2026, 11, 23, 15), 4, london(2026, 11, 24, 11), id="overnight"),
        pytest.param(london(2026, 11, 23, 8), 4, london(2026, 11, 23, 13), id="before-opening"),
        pytest.param(london(2026, 11, 23, 17), 4, london(2026, 11, 24, 13), id="at-closing"),
        pytest.param(london(2026, 11, 23, 20), 4, london(2026, 11, 24, 13), id="evening"),
        pytest.param(london(2026, 11, 27, 15), 4, london(2026, 11, 30, 11), id="friday-15-00"),
        pytest.param(london(2026, 11, 28, 10), 4, london(2026, 11, 30, 13), id="saturday"),
        pytest.param(
            london(2026, 11, 23, 10), 24, london(2026, 11, 26, 10), id="amber-24-working-hours"
        ),
        pytest.param(
            london(2026, 11, 23, 10, 15), 1, london(2026, 11, 23, 11, 15), id="minutes-kept"
        ),
        pytest.param(london(2026, 11, 23, 20), 0, london(2026, 11, 23, 20), id="zero-hours"),
        pytest.param(london(2026, 12, 24, 15), 4, london(2026, 12, 29, 11), id="christmas-2026"),
        pytest.param(
            london(2026, 12, 23, 10),
            24,
            london(2026, 12, 30, 10),
            id="christmas-2026-amber",
        ),
        pytest.param(london(2026, 12, 31, 16), 4, london(2027, 1, 4, 12), id="year-boundary"),
        pytest.param(london(2027, 3, 25, 16), 4, london(2027, 3, 30, 12), id="easter-2027"),
        pytest.param(london(2023, 5, 5, 16), 4, london(2023, 5, 9, 12), id="coronation-2023"),
        pytest.param(london(2026, 5, 1, 16), 4, london(2026, 5, 5, 12), id="early-may-2026"),
        pytest.param(
            london(2026, 3, 27, 15),
            4,
            london(2026, 3, 30, 11),
            id="across-clocks-going-forward-friday-15-00",
        ),
        pytest.param(
            london(2026, 3, 29, 0, 30),
            4,
            london(2026, 3, 30, 13),
            id="started-on-the-night-the-clocks-go-forward",
        ),
        pytest.param(
            london(2026, 10, 23, 15),
            4,
            london(2026, 10, 26, 11),
            id="across-clocks-going-back-friday-15-00",
        ),
        pytest.param(
            london(2026, 10, 25, 0, 30),
            4,
            london(2026, 10, 26, 13),
            id="started-on-the-night-the-clocks-go-back",
        ),
    ],
)
def test_working_hours_count_only_time_in_working_hours_on_working_days(
    start: datetime, hours: int, due: datetime
) -> None:
    result = add_working_hours(start, hours, NINE, FIVE)
    assert result == due
    assert result.tzinfo is UTC


@pytest.mark.parametrize(
    ("start", "hours", "day_start", "day_end", "due"),
    [
        pytest.param(
            london(2026, 11, 27, 16, 30),
            1,
            time(8, 30),
            time(17, 30),
            london(2026, 11, 27, 17, 30),
            id="half-past-hours-lands-at-closing",
        ),
        pytest.param(
            london(2026, 11, 27, 17),
            2,
            time(8, 30),
            time(17, 30),
            london(2026, 11, 30, 10, 0),
            id="half-past-hours-over-weekend",
        ),
        pytest.param(
            london(2026, 11, 23, 18),
            4,
            time(7),
            time(19),
            london(2026, 11, 24, 10),
            id="extended-hours-overnight",
        ),
    ],
)
def test_working_hours_follow_the_councils_working_day(
    start: datetime, hours: int, day_start: time, day_end: time, due: datetime
) -> None:
    assert add_working_hours(start, hours, day_start, day_end) == due


def test_working_hours_refuse_a_working_day_that_ends_before_it_starts() -> None:
    with pytest.raises(ValueError, match="start before it ends"):
        add_working_hours(london(2026, 11, 23, 10), 4, FIVE, NINE)


def test_working_hours_refuse_zoned_wall_clock_times() -> None:
    with pytest.raises(ValueError, match="wall-clock"):
        add_working_hours(london(2026, 11, 23, 10), 4, time(9, tzinfo=UTC), FIVE)
