"""Management information: each figure, and the children behind it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontdoor.missing import actions
from frontdoor.missing.figures import drill_down, figures, latest_months, longest_gaps
from frontdoor.missing.tests import factories as f

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 20, 12, 0, tzinfo=UTC)
JUNE = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _returned(by, name: str, back: datetime):
    episode = f.missing(by, f.child(name), started_at=back - timedelta(hours=10))
    return actions.record_return(by=by, episode=episode, returned_at=back, where_found="Home")


def _offer(by, episode, hours: int, answer: str = ""):
    return actions.offer_rhi(
        by=by,
        episode=episode,
        offered_at=episode.returned_at + timedelta(hours=hours),
        offered_by="Sam Lee",
        answer=answer,
    )


@pytest.fixture
def june(hub_worker):
    """Five returns in June 2026: offered in time and completed; offered late; never offered
    (overdue); still within 72 hours; and one offered in time, completed, with attempts."""
    with time_machine.travel(NOW, tick=False):
        in_time = _offer(hub_worker, _returned(hub_worker, "Ann", JUNE), 10, "accepted")
        actions.complete_rhi(
            by=hub_worker,
            episode=in_time,
            interview=f.interview(in_time.returned_at + timedelta(hours=20)),
        )
        late = _offer(hub_worker, _returned(hub_worker, "Bea", JUNE), 80)
        never = _returned(hub_worker, "Cy", JUNE)
        fresh = _returned(hub_worker, "Di", NOW - timedelta(hours=5))
        tried = _offer(hub_worker, _returned(hub_worker, "Ed", JUNE), 2, "accepted")
        for hours in (1, 5, 40):  # gaps of 4 and 35 hours: one longer than 24
            actions.log_contact_attempt(
                by=hub_worker,
                episode=tried,
                attempted_at=tried.returned_at + timedelta(hours=hours),
                method="phone",
                result="no_answer",
            )
        actions.complete_rhi(
            by=hub_worker,
            episode=tried,
            interview=f.interview(tried.returned_at + timedelta(hours=41)),
        )
    return {"in_time": in_time, "late": late, "never": never, "fresh": fresh, "tried": tried}


def _june_row():
    months = latest_months(date(2026, 6, 20), count=2)
    return figures(months, NOW)[0], months[0]


def test_interview_figures_count_only_returns_whose_72_hours_are_decided(june):
    row, _ = _june_row()
    interviews = row.interviews
    assert interviews.returns == 5
    assert interviews.still_in_time == 1
    assert interviews.offered_in_time == 2
    assert interviews.not_offered_in_time == 2  # one late, one never
    assert interviews.offered_in_time_percent == 50.0
    assert interviews.completed == 2 and interviews.completed_percent == 40.0
    assert row.episodes == 5


def test_each_interview_figure_drills_down_to_its_children(june):
    _, month = _june_row()

    def names(figure: str) -> set[str]:
        return {e.child_name for e in drill_down(figure, month, NOW)}

    assert names("offered-in-time") == {"Ann Smith", "Ed Smith"}
    assert names("not-offered-in-time") == {"Bea Smith", "Cy Smith"}
    assert names("completed") == {"Ann Smith", "Ed Smith"}
    assert names("not-completed") == {"Bea Smith", "Cy Smith", "Di Smith"}
    assert len(names("returns")) == 5 == len(names("episodes"))


def test_the_typical_gap_between_attempts_is_the_median(june):
    row, month = _june_row()
    assert sorted(row.gaps.gaps) == [timedelta(hours=4), timedelta(hours=35)]
    assert row.gaps.median == timedelta(hours=19, minutes=30)
    assert row.gaps.too_long == 1
    episodes = list(drill_down("gaps", month, NOW))
    assert [e.child_name for e in episodes] == ["Ed Smith"]
    assert longest_gaps(episodes) == {june["tried"].pk: timedelta(hours=35)}


def test_children_who_go_missing_repeatedly_are_counted_once_a_month(hub_worker):
    with time_machine.travel(NOW, tick=False):
        amy = f.child()
        for day in (2, 9, 16, 18):
            f.missing(hub_worker, amy, started_at=datetime(2026, 6, day, 9, tzinfo=UTC))
    row, month = _june_row()
    assert row.repeat_children == 1
    assert {e.child_name for e in drill_down("repeat", month, NOW)} == {"Amy Smith"}


def test_the_figures_take_a_fixed_number_of_queries_however_many_episodes(june, hub_worker):
    months = latest_months(date(2026, 6, 20))
    with CaptureQueriesContext(connection) as few:
        figures(months, NOW)
    with time_machine.travel(NOW, tick=False):
        for n in range(10):
            _returned(hub_worker, f"Extra{n}", JUNE)
    with CaptureQueriesContext(connection) as many:
        figures(months, NOW)
    assert len(many) == len(few) <= 5


def test_months_run_back_over_the_year_end():
    assert [m.slug for m in latest_months(date(2027, 2, 3), count=4)] == [
        "2027-02",
        "2027-01",
        "2026-12",
        "2026-11",
    ]
