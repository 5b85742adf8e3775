"""Working days: which days count, and the end of the n-th one.

Times are written in London local time, which is how a practitioner would check them; results
are compared as instants, so a row is right whatever zone the result is expressed in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from frontdoor.timescales.calendar import (
    LONDON,
    add_working_days,
    is_working_day,
    local_date,
    working_days_between,
)
from frontdoor.timescales.tests.moments import end_of, london

# --- is_working_day --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param(date(2026, 11, 23), True, id="monday"),
        pytest.param(date(2026, 11, 27), True, id="friday"),
        pytest.param(date(2026, 11, 28), False, id="saturday"),
        pytest.param(date(2026, 11, 29), False, id="sunday"),
        pytest.param(date(2026, 12, 24), True, id="christmas-eve-2026-thursday"),
        pytest.param(date(2026, 12, 25), False, id="christmas-day-2026-friday"),
        pytest.param(date(2026, 12, 26), False, id="boxing-day-2026-saturday"),
        pytest.param(date(2026, 12, 28), False, id="boxing-day-substitute-2026-monday"),
        pytest.param(date(2026, 12, 29), True, id="tuesday-after-christmas-2026"),
        pytest.param(date(2026, 12, 31), True, id="new-years-eve-2026"),
        pytest.param(date(2027, 1, 1), False, id="new-years-day-2027"),
        pytest.param(date(2027, 1, 4), True, id="first-monday-2027"),
        pytest.param(date(2027, 3, 26), False, id="good-friday-2027"),
        pytest.param(date(2027, 3, 29), False, id="easter-monday-2027"),
        pytest.param(date(2027, 3, 30), True, id="tuesday-after-easter-2027"),
        pytest.param(date(2023, 5, 1), False, id="early-may-bank-holiday-2023"),
        pytest.param(date(2023, 5, 8), False, id="coronation-bank-holiday-2023"),
        pytest.param(date(2026, 5, 4), False, id="early-may-bank-holiday-2026"),
        pytest.param(date(2026, 3, 29), False, id="clocks-go-forward-sunday-2026"),
        pytest.param(date(2026, 10, 25), False, id="clocks-go-back-sunday-2026"),
        pytest.param(date(2026, 10, 26), True, id="monday-after-clocks-go-back-2026"),
        pytest.param(date(2027, 12, 27), False, id="christmas-substitute-2027-monday"),
        pytest.param(date(2027, 12, 28), False, id="boxing-day-substitute-2027-tuesday"),
    ],
)
def test_working_days_exclude_weekends_and_england_bank_holidays(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_a_datetime_is_refused_where_a_local_date_is_meant() -> None:
    with pytest.raises(TypeError, match="local_date"):
        is_working_day(london(2026, 12, 29, 10))


# --- add_working_days ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        pytest.param(london(2026, 11, 23, 10), 1, end_of(2026, 11, 24), id="monday-plus-1"),
        pytest.param(london(2026, 11, 27, 15), 1, end_of(2026, 11, 30), id="friday-plus-1"),
        pytest.param(london(2026, 11, 28, 10), 1, end_of(2026, 11, 30), id="saturday-plus-1"),
        pytest.param(london(2026, 11, 29, 10), 1, end_of(2026, 11, 30), id="sunday-plus-1"),
        pytest.param(
            london(2026, 11, 23, 0, 0), 1, end_of(2026, 11, 24), id="midnight-start-day-not-counted"
        ),
        pytest.param(london(2026, 11, 23, 10), 5, end_of(2026, 11, 30), id="a-week"),
        pytest.param(london(2026, 11, 23, 10), 0, end_of(2026, 11, 23), id="zero-is-same-day"),
        pytest.param(
            london(2026, 12, 23, 10), 1, end_of(2026, 12, 24), id="wednesday-23-dec-2026-plus-1"
        ),
        pytest.param(
            london(2026, 12, 24, 10),
            1,
            end_of(2026, 12, 29),
            id="christmas-eve-2026-plus-1-skips-boxing-day-substitute",
        ),
        pytest.param(
            london(2026, 12, 25, 10), 1, end_of(2026, 12, 29), id="christmas-day-2026-plus-1"
        ),
        pytest.param(
            london(2026, 12, 31, 16), 1, end_of(2027, 1, 4), id="year-boundary-skips-new-year"
        ),
        pytest.param(london(2026, 12, 31, 16), 2, end_of(2027, 1, 5), id="year-boundary-plus-2"),
        pytest.param(london(2027, 3, 25, 10), 1, end_of(2027, 3, 30), id="easter-2027-plus-1"),
        pytest.param(london(2023, 5, 5, 10), 1, end_of(2023, 5, 9), id="coronation-2023-plus-1"),
        pytest.param(london(2023, 4, 28, 10), 1, end_of(2023, 5, 2), id="early-may-2023-plus-1"),
        pytest.param(london(2023, 4, 28, 10), 6, end_of(2023, 5, 10), id="both-may-2023-holidays"),
        pytest.param(london(2026, 5, 1, 10), 1, end_of(2026, 5, 5), id="early-may-2026-plus-1"),
        pytest.param(
            london(2026, 3, 27, 15), 1, end_of(2026, 3, 30), id="across-clocks-going-forward"
        ),
        pytest.param(
            london(2026, 10, 23, 15), 1, end_of(2026, 10, 26), id="across-clocks-going-back"
        ),
        pytest.param(
            # 23:30 UTC on Sunday is already 00:30 BST on Monday: the London date is the start day.
            datetime(2026, 3, 29, 23, 30, tzinfo=UTC),
            1,
            end_of(2026, 3, 31),
            id="start-day-is-the-london-date-not-the-utc-date",
        ),
        pytest.param(
            # Counted by hand: 45 working days, skipping Christmas, the Boxing Day substitute and
            # New Year's Day.
            london(2026, 11, 2, 10),
            45,
            end_of(2027, 1, 7),
            id="assessment-45-working-days-over-christmas",
        ),
        pytest.param(
            london(2026, 12, 14, 10),
            15,
            end_of(2027, 1, 7),
            id="icpc-15-working-days-over-christmas",
        ),
    ],
)
def test_working_days_run_to_the_end_of_the_nth_working_day(
    start: datetime, days: int, due: datetime
) -> None:
    result = add_working_days(start, days)
    assert result == due
    assert result.tzinfo is UTC


@pytest.mark.parametrize(
    ("day", "utc_end"),
    [
        pytest.param(
            date(2026, 3, 30), datetime(2026, 3, 30, 22, 59, 59, 999999, tzinfo=UTC), id="bst"
        ),
        pytest.param(
            date(2026, 10, 26), datetime(2026, 10, 26, 23, 59, 59, 999999, tzinfo=UTC), id="gmt"
        ),
    ],
)
def test_end_of_a_working_day_is_stored_as_the_utc_instant_of_local_midnight(
    day: date, utc_end: datetime
) -> None:
    start = datetime.combine(day - timedelta(days=1), time(12), tzinfo=LONDON)
    assert add_working_days(start, 1) == utc_end


# --- working_days_between --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        pytest.param(date(2026, 11, 23), date(2026, 11, 23), 0, id="same-day"),
        pytest.param(date(2026, 11, 24), date(2026, 11, 23), 0, id="end-before-start"),
        pytest.param(date(2026, 11, 23), date(2026, 11, 24), 1, id="next-day"),
        pytest.param(date(2026, 11, 27), date(2026, 11, 28), 0, id="friday-to-saturday"),
        pytest.param(date(2026, 11, 27), date(2026, 11, 30), 1, id="friday-to-monday"),
        pytest.param(date(2026, 11, 23), date(2026, 11, 27), 4, id="monday-to-friday"),
        pytest.param(date(2026, 12, 24), date(2026, 12, 29), 1, id="christmas-2026"),
        pytest.param(date(2026, 12, 31), date(2027, 1, 4), 1, id="year-boundary"),
        pytest.param(date(2027, 3, 25), date(2027, 3, 30), 1, id="easter-2027"),
        pytest.param(date(2023, 5, 5), date(2023, 5, 9), 1, id="coronation-2023"),
        pytest.param(date(2026, 11, 2), date(2027, 1, 7), 45, id="assessment-window"),
    ],
)
def test_working_days_between_counts_days_after_start_up_to_end(
    start: date, end: date, count: int
) -> None:
    assert working_days_between(start, end) == count


def test_local_date_is_the_london_date() -> None:
    assert local_date(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == date(2026, 7, 1)
    assert local_date(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == date(2026, 12, 31)
