"""What a queue says about a deadline, and how it colours it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from frontdoor.timescales.calendar import LONDON, Urgency, describe_time_left, urgency

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("left", "words"),
    [
        pytest.param(timedelta(hours=1, minutes=20), "Due in 1 hour 20 minutes", id="hour-minutes"),
        pytest.param(timedelta(days=2, hours=3), "Due in 2 days 3 hours", id="days-hours"),
        pytest.param(timedelta(minutes=45), "Due in 45 minutes", id="minutes"),
        pytest.param(timedelta(seconds=30), "Due in less than a minute", id="seconds"),
        pytest.param(timedelta(0), "Due in less than a minute", id="at-the-due-instant"),
        pytest.param(timedelta(minutes=1), "Due in 1 minute", id="one-minute"),
        pytest.param(timedelta(hours=1), "Due in 1 hour", id="one-hour"),
        pytest.param(timedelta(days=1), "Due in 1 day", id="one-day"),
        pytest.param(timedelta(hours=1, minutes=1), "Due in 1 hour 1 minute", id="singulars"),
        pytest.param(timedelta(minutes=59, seconds=59), "Due in 59 minutes", id="rounds-down"),
        pytest.param(timedelta(days=2, minutes=30), "Due in 2 days", id="skips-minutes-after-days"),
        pytest.param(timedelta(days=63, hours=14), "Due in 63 days 14 hours", id="no-weeks"),
        pytest.param(-timedelta(days=2), "Overdue by 2 days", id="overdue-days"),
        pytest.param(
            -timedelta(days=1, hours=4), "Overdue by 1 day 4 hours", id="overdue-day-hours"
        ),
        pytest.param(-timedelta(minutes=35), "Overdue by 35 minutes", id="overdue-minutes"),
        pytest.param(
            -timedelta(minutes=35, seconds=59), "Overdue by 35 minutes", id="overdue-rounds-down"
        ),
        pytest.param(-timedelta(seconds=10), "Overdue by less than a minute", id="overdue-seconds"),
        pytest.param(
            -timedelta(microseconds=1), "Overdue by less than a minute", id="just-overdue"
        ),
    ],
)
def test_time_left_is_described_in_plain_words(left: timedelta, words: str) -> None:
    assert describe_time_left(NOW + left, NOW) == words


def test_time_left_is_real_elapsed_time_across_the_clocks_going_back() -> None:
    # From midnight BST to 04:00 GMT the clocks show 4 hours, but 5 hours really pass.
    now = datetime(2026, 10, 25, 0, 0, tzinfo=LONDON)
    due = datetime(2026, 10, 25, 4, 0, tzinfo=LONDON)
    assert describe_time_left(due, now) == "Due in 5 hours"


def test_the_repeated_hour_when_the_clocks_go_back_is_told_apart() -> None:
    # 01:30 BST (the first 01:30) is 00:30 UTC; 01:10 GMT (the second 01:00-02:00) is 01:10 UTC.
    # By the clock on the wall the due time is 20 minutes earlier; really it is 40 minutes later.
    now = datetime(2026, 10, 25, 1, 30, tzinfo=LONDON, fold=0)
    due = datetime(2026, 10, 25, 1, 10, tzinfo=LONDON, fold=1)
    assert describe_time_left(due, now) == "Due in 40 minutes"
    assert urgency(due, now) is Urgency.DUE_SOON


def test_time_left_is_elapsed_time_not_working_time() -> None:
    friday_5pm = datetime(2026, 11, 27, 17, tzinfo=LONDON)
    monday_9am = datetime(2026, 11, 30, 9, tzinfo=LONDON)
    assert describe_time_left(monday_9am, friday_5pm) == "Due in 2 days 16 hours"


@pytest.mark.parametrize(
    ("left", "expected"),
    [
        pytest.param(-timedelta(days=1), Urgency.OVERDUE, id="a-day-overdue"),
        pytest.param(-timedelta(microseconds=1), Urgency.OVERDUE, id="just-overdue"),
        pytest.param(timedelta(0), Urgency.DUE_SOON, id="at-the-due-instant"),
        pytest.param(timedelta(minutes=20), Urgency.DUE_SOON, id="within-the-hour"),
        pytest.param(timedelta(hours=1), Urgency.DUE_SOON, id="exactly-an-hour"),
        pytest.param(timedelta(hours=1, minutes=1), Urgency.ON_TRACK, id="over-an-hour"),
        pytest.param(timedelta(days=3), Urgency.ON_TRACK, id="days-away"),
    ],
)
def test_urgency_colours_by_time_left(left: timedelta, expected: Urgency) -> None:
    assert urgency(NOW + left, NOW) is expected


def test_urgency_takes_the_callers_idea_of_soon() -> None:
    assert urgency(NOW + timedelta(hours=3), NOW, soon=timedelta(hours=4)) is Urgency.DUE_SOON


@pytest.mark.parametrize("which", ["due", "now"])
def test_time_left_refuses_naive_datetimes(which: str) -> None:
    naive = NOW.replace(tzinfo=None)  # deliberately naive, to show it is refused
    due, now = (naive, NOW) if which == "due" else (NOW, naive)
    with pytest.raises(ValueError, match="timezone-aware"):
        describe_time_left(due, now)
    with pytest.raises(ValueError, match="timezone-aware"):
        urgency(due, now)
