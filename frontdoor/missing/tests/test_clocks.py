"""Every clock for missing children, across bank holidays, the GMT/BST changes and the year end.

- the return home interview: 72 clock hours from the return (national guidance). Real elapsed
  hours: the clocks changing does not add or take away an hour, and a bank holiday does not
  pause it (a child's safety does not wait for the working week);
- the gap between attempts to reach the child: 24 clock hours (local setting), the same way;
- the repeat-missing window: 30 calendar days, counted in UK dates, so an episode at 00:30 BST
  belongs to that UK day, not to the UTC day before;
- management information: months are UK months.

2026: the clocks go forward at 01:00 GMT on Sunday 29 March and back at 01:00 GMT (02:00 BST)
on Sunday 25 October. Good Friday is 3 April and Easter Monday 6 April; Christmas Day is a
Friday and the Boxing Day holiday is Monday 28 December.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from frontdoor.figures.periods import Month
from frontdoor.missing import actions
from frontdoor.missing.figures import drill_down, figures, latest_months
from frontdoor.missing.models import RepeatMissingFlag
from frontdoor.missing.queries import episode_warnings
from frontdoor.missing.tests import factories as f
from frontdoor.timescales.templatetags.clocks import local_datetime

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def london(*args: int, fold: int = 0) -> datetime:
    """A UK wall-clock time, as the UTC instant it is. In UTC, so that adding hours in a test
    adds real hours: Python adds to a Europe/London datetime by the wall clock."""
    return datetime(*args, tzinfo=LONDON, fold=fold).astimezone(UTC)  # type: ignore[misc]


def returned_at(by, moment: datetime, **kwargs):
    """An episode that started 6 hours before `moment` and returned at `moment`."""
    episode = f.missing(by, started_at=moment - timedelta(hours=6), **kwargs)
    return actions.record_return(by=by, episode=episode, returned_at=moment, where_found="Home")


# --- The return home interview: 72 clock hours --------------------------------------------------

RHI_CASES = [
    # (returned, due, why)
    (london(2026, 3, 27, 18, 0), london(2026, 3, 30, 19, 0), "clocks go forward: 19:00 BST"),
    (london(2026, 10, 23, 18, 0), london(2026, 10, 26, 17, 0), "clocks go back: 17:00 GMT"),
    (london(2026, 4, 2, 17, 0), london(2026, 4, 5, 17, 0), "over Good Friday: not paused"),
    (london(2026, 12, 24, 15, 0), london(2026, 12, 27, 15, 0), "over Christmas: not paused"),
    (london(2026, 12, 30, 20, 0), london(2027, 1, 2, 20, 0), "over the year end"),
    (london(2026, 10, 25, 1, 30, fold=0), london(2026, 10, 28, 0, 30), "at the doubled 01:30 BST"),
]


@pytest.mark.parametrize(("back", "due", "why"), RHI_CASES, ids=[c[2] for c in RHI_CASES])
def test_interview_is_due_72_real_hours_after_the_return(hub_worker, back, due, why):
    with time_machine.travel(back + timedelta(minutes=5), tick=False):
        episode = returned_at(hub_worker, back)
    assert episode.rhi_due_at == due
    assert episode.rhi_due_at - episode.returned_at == timedelta(hours=72)


def test_the_overdue_warning_starts_the_minute_after_72_hours_across_the_clock_change(hub_worker):
    back = london(2026, 3, 27, 18, 0)
    with time_machine.travel(back + timedelta(minutes=5), tick=False):
        episode = returned_at(hub_worker, back)
    due = london(2026, 3, 30, 19, 0)
    at_due = [w.text for w in episode_warnings(episode, due)]
    after = [w.text for w in episode_warnings(episode, due + timedelta(minutes=1))]
    assert not any("72 hours have passed" in text for text in at_due)
    assert (
        "72 hours have passed since Amy Smith returned without a return home interview: "
        "it was due by Mon 30 Mar 2026, 19:00" in after
    )


def test_an_offer_at_the_same_wall_clock_time_three_days_later_is_late_when_the_clocks_go_back(
    hub_worker,
):
    back = london(2026, 10, 23, 18, 0)  # BST
    offer = london(2026, 10, 26, 18, 0)  # GMT: 73 real hours later
    with time_machine.travel(offer + timedelta(minutes=5), tick=False):
        episode = returned_at(hub_worker, back)
        actions.offer_rhi(by=hub_worker, episode=episode, offered_at=offer, offered_by="Sam Lee")
    episode.refresh_from_db()
    assert episode.rhi_offered_in_time is False


# --- The gap between attempts: 24 clock hours ---------------------------------------------------

GAP_CASES = [
    # (attempt, next attempt, long?, why)
    (
        london(2026, 3, 28, 12, 0),
        london(2026, 3, 29, 13, 0),
        False,
        "forward: 25 by the clock, 24 real",
    ),
    (
        london(2026, 10, 24, 12, 0),
        london(2026, 10, 25, 12, 0),
        True,
        "back: 24 by the clock, 25 real",
    ),
    (london(2026, 4, 3, 10, 0), london(2026, 4, 4, 10, 30), True, "Good Friday does not pause it"),
    (london(2026, 12, 31, 18, 0), london(2027, 1, 1, 17, 0), False, "over the year end"),
]


@pytest.mark.parametrize(
    ("first", "second", "is_long", "why"), GAP_CASES, ids=[c[3] for c in GAP_CASES]
)
def test_a_gap_between_attempts_is_measured_in_real_hours(hub_worker, first, second, is_long, why):
    back = first - timedelta(hours=2)
    with time_machine.travel(second + timedelta(minutes=5), tick=False):
        episode = returned_at(hub_worker, back)
        attempt = actions.log_contact_attempt(
            by=hub_worker, episode=episode, attempted_at=first, method="phone", result="no_answer"
        )
        actions.log_contact_attempt(
            by=hub_worker, episode=episode, attempted_at=second, method="text", result="no_answer"
        )
        episode.refresh_from_db()
        warnings = [w.text for w in episode_warnings(episode, second + timedelta(minutes=5))]
    assert attempt.next_attempt_due_at == first + timedelta(hours=24)
    assert any("passed between the attempt" in text for text in warnings) is is_long


def test_the_gap_warning_names_both_attempts_in_uk_time(hub_worker):
    first, second = london(2026, 10, 24, 12, 0), london(2026, 10, 26, 9, 0)
    with time_machine.travel(second + timedelta(minutes=5), tick=False):
        episode = returned_at(hub_worker, first - timedelta(hours=1))
        for moment in (first, second):
            actions.log_contact_attempt(
                by=hub_worker, episode=episode, attempted_at=moment, method="phone",
                result="no_answer",
            )  # fmt: skip
        episode.refresh_from_db()
        texts = [w.text for w in episode_warnings(episode, second)]
    assert (
        "1 day 22 hours passed between the attempt (Sat 24 Oct 2026, 12:00) and the next "
        "attempt (Mon 26 Oct 2026, 09:00): longer than 24 clock hours" in texts
    )


def test_the_first_attempt_is_due_24_real_hours_after_the_return_across_the_change(hub_worker):
    back = london(2026, 3, 28, 20, 0)  # GMT
    with time_machine.travel(back + timedelta(hours=26), tick=False):
        episode = returned_at(hub_worker, back)
        texts = [w.text for w in episode_warnings(episode, back + timedelta(hours=25))]
    assert episode.first_attempt_due_at == london(2026, 3, 29, 21, 0)  # BST
    assert any(
        "No attempt to reach Amy Smith since the return, Sat 28 Mar 2026, 20:00: the next "
        "attempt was due by Sun 29 Mar 2026, 21:00" in text
        for text in texts
    )
    assert local_datetime(episode.first_attempt_due_at) == "Sun 29 Mar 2026, 21:00"


# --- Repeat missing: 30 calendar days in UK dates -----------------------------------------------


def _episodes(by, person, moments):
    for moment in moments:
        f.missing(by, person, started_at=moment)


@time_machine.travel(datetime(2026, 4, 2, 12, 0, tzinfo=UTC), tick=False)
def test_an_episode_at_half_past_midnight_bst_counts_on_its_uk_day(hub_worker):
    amy = f.child()
    # 2 March and 15 March GMT; then 00:30 BST on 1 April, which is 23:30 UTC on 31 March.
    # In UK dates the three span 31 days (2 March to 1 April): no flag. In UTC dates they
    # would span 30 days and wrongly raise one.
    _episodes(
        hub_worker,
        amy,
        [london(2026, 3, 2, 12, 0), london(2026, 3, 15, 12, 0), london(2026, 4, 1, 0, 30)],
    )
    assert not RepeatMissingFlag.objects.exists()


@time_machine.travel(datetime(2026, 4, 2, 12, 0, tzinfo=UTC), tick=False)
def test_three_episodes_inside_30_uk_days_across_the_change_raise_the_flag(hub_worker):
    amy = f.child()
    _episodes(
        hub_worker,
        amy,
        [london(2026, 3, 3, 0, 15), london(2026, 3, 29, 1, 30), london(2026, 4, 1, 23, 45)],
    )
    assert RepeatMissingFlag.objects.get().episodes_in_window == 3


@time_machine.travel(datetime(2027, 1, 2, 12, 0, tzinfo=UTC), tick=False)
def test_bank_holidays_and_the_year_end_count_as_days_in_the_window(hub_worker):
    amy = f.child()
    _episodes(
        hub_worker,
        amy,
        [london(2026, 12, 25, 22, 0), london(2026, 12, 28, 3, 0), london(2027, 1, 1, 1, 0)],
    )
    assert RepeatMissingFlag.objects.get().window_days == 30


# --- Management information: UK months ---------------------------------------------------------


@time_machine.travel(datetime(2026, 4, 10, 12, 0, tzinfo=UTC), tick=False)
def test_an_episode_just_after_midnight_bst_on_1_april_is_an_april_episode(hub_worker):
    f.missing(hub_worker, started_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    april, march = latest_months(datetime(2026, 4, 10).date(), count=2)
    rows = figures([april, march], datetime(2026, 4, 10, 12, 0, tzinfo=UTC))
    assert [(r.month.slug, r.episodes) for r in rows] == [("2026-04", 1), ("2026-03", 0)]
    assert drill_down("episodes", april, datetime(2026, 4, 10, tzinfo=UTC)).count() == 1


def test_a_uk_month_starts_at_uk_midnight() -> None:
    assert Month(datetime(2026, 4, 1).date()).start == datetime(2026, 3, 31, 23, 0, tzinfo=UTC)
    assert Month(datetime(2026, 11, 1).date()).start == datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
    assert Month(datetime(2026, 12, 1).date()).end == datetime(2027, 1, 1, 0, 0, tzinfo=UTC)
