"""Calendar days, applying a unit, and what every clock refuses.

Times are written in London local time, which is how a practitioner would check them; results
are compared as instants, so a row is right whatever zone the result is expressed in.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from frontdoor.timescales.calendar import (
    Unit,
    add,
    add_calendar_days,
    add_clock_hours,
    add_working_days,
    add_working_hours,
    local_date,
)
from frontdoor.timescales.tests.moments import FIVE, NINE, end_of, london

# --- add_calendar_days -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        pytest.param(london(2026, 11, 23, 10), 0, end_of(2026, 11, 23), id="same-day"),
        pytest.param(london(2026, 11, 27, 10), 1, end_of(2026, 11, 28), id="weekend-counts"),
        pytest.param(london(2026, 12, 24, 10), 1, end_of(2026, 12, 25), id="christmas-counts"),
        pytest.param(london(2026, 12, 31, 10), 1, end_of(2027, 1, 1), id="year-boundary"),
        pytest.param(
            london(2026, 10, 25, 0, 30), 0, end_of(2026, 10, 25), id="same-day-clocks-go-back"
        ),
        pytest.param(
            # 23:30 UTC on Saturday 24 October is 00:30 BST on Sunday: the same day is Sunday.
            datetime(2026, 10, 24, 23, 30, tzinfo=UTC),
            0,
            end_of(2026, 10, 25),
            id="same-day-is-the-london-day",
        ),
        pytest.param(
            london(2026, 3, 28, 12), 1, end_of(2026, 3, 29), id="across-clocks-going-forward"
        ),
    ],
)
def test_calendar_days_run_to_the_end_of_the_local_day(
    start: datetime, days: int, due: datetime
) -> None:
    result = add_calendar_days(start, days)
    assert result == due
    assert result.tzinfo is UTC


def test_same_day_on_the_day_the_clocks_go_back_ends_at_midnight_gmt() -> None:
    assert add_calendar_days(london(2026, 10, 25, 0, 30), 0) == datetime(
        2026, 10, 25, 23, 59, 59, 999999, tzinfo=UTC
    )


# --- add (dispatch) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "amount", "due"),
    [
        pytest.param(Unit.CLOCK_HOURS, 4, london(2026, 11, 27, 19), id="clock-hours"),
        pytest.param(Unit.WORKING_HOURS, 4, london(2026, 11, 30, 11), id="working-hours"),
        pytest.param(Unit.WORKING_DAYS, 1, end_of(2026, 11, 30), id="working-days"),
        pytest.param(Unit.CALENDAR_DAYS, 0, end_of(2026, 11, 27), id="calendar-days"),
        pytest.param("working_days", 1, end_of(2026, 11, 30), id="stored-string-value"),
    ],
)
def test_add_applies_the_unit(unit: Unit | str, amount: int, due: datetime) -> None:
    assert add(unit, amount, london(2026, 11, 27, 15), NINE, FIVE) == due


def test_add_refuses_an_unknown_unit() -> None:
    with pytest.raises(ValueError, match="fortnights"):
        add("fortnights", 1, london(2026, 11, 27, 15), NINE, FIVE)


# --- refusals --------------------------------------------------------------------------------

# Deliberately naive, to show it is refused.
NAIVE = london(2026, 11, 27, 15).replace(tzinfo=None)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: add_clock_hours(NAIVE, 4), id="add_clock_hours"),
        pytest.param(lambda: add_working_hours(NAIVE, 4, NINE, FIVE), id="add_working_hours"),
        pytest.param(lambda: add_working_days(NAIVE, 1), id="add_working_days"),
        pytest.param(lambda: add_calendar_days(NAIVE, 0), id="add_calendar_days"),
        pytest.param(lambda: local_date(NAIVE), id="local_date"),
    ],
)
def test_naive_datetimes_are_refused(call: object) -> None:
    assert callable(call)
    with pytest.raises(ValueError, match="timezone-aware"):
        call()


@pytest.mark.parametrize("unit", list(Unit), ids=str)
def test_negative_amounts_are_refused(unit: Unit) -> None:
    with pytest.raises(ValueError, match="negative"):
        add(unit, -1, london(2026, 11, 27, 15), NINE, FIVE)
