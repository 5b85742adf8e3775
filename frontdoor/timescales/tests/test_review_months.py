"""The child protection review clocks (issue 16): within 3 months, then every 6 months, due on
the last working day on or before the same day of the month."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.timescales.calendar import is_working_day, last_working_day_within_months


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        # Three months on is a Tuesday, a working day: due that day.
        (date(2026, 1, 14), 3, date(2026, 4, 14)),
        # 31 May + 3 months: 31 August 2026 is the summer bank holiday (Monday), so Friday 28th.
        (date(2026, 5, 31), 3, date(2026, 8, 28)),
        # 30 November + 3 months: no 30 February; 28 February 2027 is a Sunday, so Friday 26th.
        (date(2026, 11, 30), 3, date(2027, 2, 26)),
        # Over the year's end, six months: 25 December is Christmas Day, 24th a Thursday.
        (date(2026, 6, 25), 6, date(2026, 12, 24)),
        # Easter: 6 months from 3 October 2025 is Good Friday 3 April 2026; Thursday 2nd.
        (date(2025, 10, 3), 6, date(2026, 4, 2)),
        # A leap year: 29 February 2028 + 6 months is Tuesday 29 August 2028.
        (date(2028, 2, 29), 6, date(2028, 8, 29)),
    ],
)
def test_a_review_is_due_on_the_last_working_day_within_the_months(start, months, due):
    assert last_working_day_within_months(start, months) == due
    assert is_working_day(due)


def test_the_review_clock_refuses_a_datetime_and_a_negative_count():
    from datetime import UTC, datetime

    with pytest.raises(TypeError):
        last_working_day_within_months(datetime(2026, 1, 1, tzinfo=UTC), 3)
    with pytest.raises(ValueError):
        last_working_day_within_months(date(2026, 1, 1), -1)
