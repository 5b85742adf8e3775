"""Months and weeks in UK time: which month a stored time falls in, where each month starts and
ends in stored (UTC) time, across the change between GMT and BST and the year end."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count

from frontdoor.figures.periods import (
    Month,
    Week,
    months_param,
    months_to,
    period_to,
    span_of,
    weeks_to,
)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "slug"),
    [
        pytest.param(utc(2026, 3, 31, 23, 30), "2026-04", id="00:30-BST-on-1-April-is-April"),
        pytest.param(utc(2026, 3, 31, 22, 59, 59), "2026-03", id="23:59:59-BST-is-March"),
        pytest.param(utc(2026, 2, 28, 23, 30), "2026-02", id="23:30-GMT-is-still-February"),
        pytest.param(utc(2026, 3, 1, 0, 0), "2026-03", id="midnight-GMT-is-the-new-month"),
        pytest.param(utc(2026, 3, 29, 0, 59), "2026-03", id="just-before-the-clocks-go-forward"),
        pytest.param(utc(2026, 9, 30, 23, 0), "2026-10", id="midnight-BST-on-1-October"),
        pytest.param(utc(2026, 10, 31, 23, 30), "2026-10", id="23:30-GMT-after-the-clocks-go-back"),
        pytest.param(utc(2026, 12, 31, 23, 59, 59), "2026-12", id="the-last-second-of-the-year"),
        pytest.param(utc(2027, 1, 1, 0, 0), "2027-01", id="new-year"),
    ],
)
def test_a_stored_time_falls_in_its_london_month(moment, slug):
    assert Month.of(moment).slug == slug


@pytest.mark.parametrize(
    ("month", "start", "end", "length"),
    [
        pytest.param(
            Month(date(2026, 3, 1)),
            utc(2026, 3, 1, 0),
            utc(2026, 3, 31, 23),
            timedelta(days=31, hours=-1),
            id="March-loses-an-hour-to-BST",
        ),
        pytest.param(
            Month(date(2026, 4, 1)),
            utc(2026, 3, 31, 23),
            utc(2026, 4, 30, 23),
            timedelta(days=30),
            id="April-starts-at-23:00-UTC",
        ),
        pytest.param(
            Month(date(2026, 10, 1)),
            utc(2026, 9, 30, 23),
            utc(2026, 11, 1, 0),
            timedelta(days=31, hours=1),
            id="October-gains-an-hour-back",
        ),
        pytest.param(
            Month(date(2026, 12, 1)),
            utc(2026, 12, 1, 0),
            utc(2027, 1, 1, 0),
            timedelta(days=31),
            id="December-ends-at-the-new-year",
        ),
    ],
)
def test_a_month_runs_from_midnight_to_midnight_in_london(month, start, end, length):
    assert (month.start, month.end) == (start, end)
    assert month.end - month.start == length
    assert month.next().start == month.end and month.next().previous() == month


def test_a_month_has_a_slug_and_three_labels():
    march = Month(date(2026, 3, 1))
    assert (march.slug, march.label, march.abbreviated, march.short) == (
        "2026-03",
        "March 2026",
        "Mar 2026",
        "Mar 26",
    )


@pytest.mark.parametrize(
    ("slug", "month"),
    [
        ("2026-03", Month(date(2026, 3, 1))),
        ("2026-12", Month(date(2026, 12, 1))),
        ("2026-13", None),
        ("2026-00", None),
        ("2026-3", None),
        ("26-03", None),
        ("2026-03~met", None),
        ("abcd-ef", None),
        ("", None),
    ],
)
def test_only_a_real_month_is_read_from_a_slug(slug, month):
    assert Month.from_slug(slug) == month


@pytest.mark.parametrize(
    ("today", "count", "slugs"),
    [
        (date(2027, 2, 3), 4, ["2026-11", "2026-12", "2027-01", "2027-02"]),
        (date(2026, 1, 31), 2, ["2025-12", "2026-01"]),
        (date(2026, 6, 1), 1, ["2026-06"]),
    ],
)
def test_months_run_back_over_the_year_end_oldest_first(today, count, slugs):
    assert [m.slug for m in months_to(today, count)] == slugs


def test_a_period_is_the_london_months_up_to_now():
    # 00:30 BST on 1 April: the period ends with April, though it is still March in UTC.
    period = period_to(utc(2026, 3, 31, 23, 30), 3)
    assert [m.slug for m in period.months] == ["2026-02", "2026-03", "2026-04"]
    assert (period.start, period.end) == (utc(2026, 2, 1, 0), utc(2026, 4, 30, 23))
    assert period.words == "February 2026 to April 2026"
    assert period.month("2026-03") == Month(date(2026, 3, 1))
    assert period.month("2025-03") is None  # not one of the period's
    longer = period.before(6)
    assert [m.slug for m in longer.months][:2] == ["2025-08", "2025-09"]
    assert len(longer.months) == 9 and longer.now == period.now


@pytest.mark.parametrize(
    ("today", "mondays", "end"),
    [
        pytest.param(
            date(2026, 3, 31),
            [date(2026, 3, 23), date(2026, 3, 30)],
            utc(2026, 4, 5, 23),
            id="the-week-the-clocks-go-forward-ends-an-hour-early-in-UTC",
        ),
        pytest.param(
            date(2027, 1, 1),
            [date(2026, 12, 21), date(2026, 12, 28)],
            utc(2027, 1, 4, 0),
            id="a-week-across-the-year-end",
        ),
    ],
)
def test_weeks_run_monday_to_sunday_in_london(today, mondays, end):
    weeks = weeks_to(today, 2)
    assert [w.first_day for w in weeks] == mondays
    assert weeks[-1].end == end
    assert weeks[0].end == weeks[1].start


def test_the_week_of_the_clock_change_is_an_hour_short():
    week = Week(date(2026, 3, 23))
    assert (week.start, week.end) == (utc(2026, 3, 23, 0), utc(2026, 3, 29, 23))
    assert (week.slug, week.label, week.short) == (
        "2026-03-23",
        "Week of 23 March 2026",
        "23 Mar",
    )


@pytest.mark.parametrize(
    ("value", "periods", "expected"),
    [
        ("12", None, 12),
        ("24", None, 24),
        (None, None, 12),
        ("7", None, 12),
        ("12; DROP TABLE", None, 12),
        ("3", {"3": 3, "6": 6, "12": 12}, 3),
        ("24", {"3": 3, "6": 6, "12": 12}, 6),
    ],
)
def test_only_an_allow_listed_number_of_months_is_taken(value, periods, expected):
    if periods is None:
        assert months_param(value) == expected
    else:
        assert months_param(value, periods, 6) == expected


@pytest.mark.django_db
def test_rows_are_grouped_by_their_london_month_in_sql():
    months = months_to(date(2026, 4, 1), 3)  # February, March, April 2026
    joined = [
        utc(2026, 2, 28, 23, 30),  # February (GMT)
        utc(2026, 3, 31, 22, 59),  # March (23:59 BST)
        utc(2026, 3, 31, 23, 0),  # April (midnight BST)
        utc(2026, 4, 15, 12, 0),  # April
    ]
    users = get_user_model().objects
    for n, when in enumerate(joined):
        users.create(username=f"joined{n}", date_joined=when)
    found = (
        users.filter(date_joined__gte=months[0].start, date_joined__lt=months[-1].end)
        .annotate(month=span_of("date_joined", months))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    assert {r["month"]: r["n"] for r in found} == {"2026-02": 1, "2026-03": 1, "2026-04": 2}
