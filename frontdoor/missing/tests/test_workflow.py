"""Every legal and illegal transition, in one table, and the pure guards and clocks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from frontdoor.missing.workflow import (
    EPISODE,
    FLAG_TRANSITIONS,
    OPEN_STATES,
    QUEUE_STATES,
    REPEAT_MISSING_FLAG,
    TRANSITIONS,
    ClockPoint,
    FlagStatus,
    Status,
    after_return_problems,
    completion_problems,
    gaps_between,
    long_gaps,
    most_episodes_in_a_window,
    report_problems,
    return_problems,
    review_blockers,
    review_problems,
)
from frontdoor.workflow.errors import IllegalTransition

S = Status
OPEN = [S.MISSING, S.RETURNED, S.RHI_OFFERED, S.RHI_ACCEPTED, S.AWAITING_REVIEW]
LEGAL = {
    ("record_return", S.MISSING): S.RETURNED,
    ("offer_rhi", S.RETURNED): S.RHI_OFFERED,
    ("record_rhi_accepted", S.RHI_OFFERED): S.RHI_ACCEPTED,
    ("record_rhi_declined", S.RHI_OFFERED): S.AWAITING_REVIEW,
    ("complete_rhi", S.RHI_ACCEPTED): S.AWAITING_REVIEW,
    ("record_risk_review", S.AWAITING_REVIEW): S.REVIEWED,
    **{("log_contact_attempt", s): s for s in (S.RETURNED, S.RHI_OFFERED, S.RHI_ACCEPTED)},
    **{("record_siblings_considered", s): s for s in OPEN},
    **{("link_missing_child", s): s for s in OPEN},
    **{("record_police_report", s): s for s in Status},
}
CASES = [(action, state) for action in TRANSITIONS for state in Status]


@pytest.mark.parametrize(("action", "state"), CASES, ids=[f"{a}-from-{s.value}" for a, s in CASES])
def test_transition_table(action: str, state: Status) -> None:
    if (action, state) in LEGAL:
        assert EPISODE.next(action, state) == LEGAL[(action, state)]
    else:
        with pytest.raises(IllegalTransition):
            EPISODE.next(action, state)


def test_the_table_has_no_transition_this_test_does_not_know() -> None:
    table = {(a, s) for a, (froms, _) in TRANSITIONS.items() for s in froms}
    assert table == set(LEGAL)


def test_a_risk_review_is_the_only_way_an_episode_closes() -> None:
    into_reviewed = [a for a, (_, to) in TRANSITIONS.items() if to == S.REVIEWED]
    assert into_reviewed == ["record_risk_review"]


def test_the_risk_review_cannot_be_skipped_from_any_earlier_state() -> None:
    for state in (S.MISSING, S.RETURNED, S.RHI_OFFERED, S.RHI_ACCEPTED):
        with pytest.raises(IllegalTransition):
            EPISODE.next("record_risk_review", state)


def test_a_reviewed_episode_allows_only_a_late_police_report() -> None:
    assert EPISODE.allowed(S.REVIEWED) == ["record_police_report"]


def test_every_returned_episode_is_in_the_queue_until_reviewed() -> None:
    assert {S.RETURNED, S.RHI_OFFERED, S.RHI_ACCEPTED, S.AWAITING_REVIEW} == QUEUE_STATES
    assert QUEUE_STATES | {S.MISSING} == OPEN_STATES


def test_illegal_transition_message_is_plain_english() -> None:
    with pytest.raises(
        IllegalTransition,
        match="This episode is missing now: it cannot be risk-reviewed now",
    ):
        EPISODE.next("record_risk_review", S.MISSING)


@pytest.mark.parametrize("state", list(FlagStatus))
def test_flag_table(state: FlagStatus) -> None:
    allowed_from, to = FLAG_TRANSITIONS["respond_to_repeat_missing"]
    if state == FlagStatus.AWAITING_DECISION:
        assert REPEAT_MISSING_FLAG.next("respond_to_repeat_missing", state) == FlagStatus.DECIDED
    else:
        with pytest.raises(IllegalTransition):
            REPEAT_MISSING_FLAG.next("respond_to_repeat_missing", state)
    assert allowed_from == {FlagStatus.AWAITING_DECISION} and to == FlagStatus.DECIDED


# --- Repeat missing: counting episodes in London calendar days ----------------------------------

D = date(2026, 3, 31)


@pytest.mark.parametrize(
    ("starts", "expected"),
    [
        ([D], 1),
        ([D, D - timedelta(days=10), D - timedelta(days=29)], 3),  # day 1 and day 30 of the window
        ([D, D - timedelta(days=10), D - timedelta(days=30)], 2),  # day 31 is outside
        ([D, D, D], 3),  # three in one day
        # Recorded late: an earlier episode joins a run that ends after it.
        ([D, D + timedelta(days=20), D + timedelta(days=29)], 3),
        ([D - timedelta(days=29), D, D + timedelta(days=29)], 2),  # no 30-day run holds all three
    ],
)
def test_most_episodes_in_a_window(starts: list[date], expected: int) -> None:
    assert most_episodes_in_a_window(D, starts, 30) == expected


def test_a_window_of_less_than_a_day_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        most_episodes_in_a_window(D, [D], 0)


# --- Gaps between attempts ----------------------------------------------------------------------


def _at(hour: int) -> datetime:
    return datetime(2026, 3, 30, 0, 0, tzinfo=UTC) + timedelta(hours=hour)


def _point(hour: int, label: str = "the attempt") -> ClockPoint:
    return ClockPoint(_at(hour), _at(hour + 24), label)


def test_no_gap_is_long_when_each_attempt_is_within_the_setting() -> None:
    points = [_point(0, "the return"), _point(20), _point(44)]
    assert long_gaps(points, now=_at(50), still_trying=True) == []


def test_a_gap_longer_than_the_setting_is_found_between_attempts() -> None:
    points = [_point(0, "the return"), _point(20), _point(70)]
    gaps = long_gaps(points, now=_at(71), still_trying=True)
    assert [(g.after.at, g.until, g.length) for g in gaps] == [
        (_at(20), _at(70), timedelta(hours=50))
    ]


def test_attempts_typed_in_late_are_put_in_time_order() -> None:
    points = [_point(70), _point(0, "the return"), _point(20)]
    assert len(long_gaps(points, now=_at(71), still_trying=True)) == 1


def test_the_running_gap_is_overdue_while_the_interview_is_outstanding() -> None:
    points = [_point(0, "the return"), _point(10)]
    [gap] = long_gaps(points, now=_at(35), still_trying=True)
    assert gap.after.at == _at(10) and gap.until is None and gap.length is None


def test_the_running_gap_does_not_matter_once_the_interview_is_done() -> None:
    points = [_point(0, "the return"), _point(10)]
    assert long_gaps(points, now=_at(100), still_trying=False) == []


def test_an_attempt_exactly_at_the_deadline_is_in_time() -> None:
    points = [_point(0, "the return"), _point(24)]
    assert long_gaps(points, now=_at(24), still_trying=True) == []


def test_gaps_between_attempts_in_time_order() -> None:
    assert gaps_between([_at(30), _at(0), _at(10)]) == [timedelta(hours=10), timedelta(hours=20)]


# --- Readiness guards ---------------------------------------------------------------------------

NOW = _at(100)


def test_a_child_cannot_be_reported_missing_in_the_future() -> None:
    assert report_problems(started_at=_at(101), reported_to_police_at=None, now=NOW) == [
        ("started_at", "The time the child went missing must be in the past")
    ]


def test_police_report_cannot_come_before_the_child_went_missing() -> None:
    assert report_problems(started_at=_at(10), reported_to_police_at=_at(9), now=NOW) == [
        (
            "reported_to_police_at",
            "The time the child was reported to the police must be after they went missing",
        )
    ]


def test_a_return_must_follow_the_start_and_be_in_the_past() -> None:
    assert return_problems(started_at=_at(10), returned_at=_at(9), now=NOW) == [
        "The time the child returned must be after they went missing"
    ]
    assert return_problems(started_at=_at(10), returned_at=_at(101), now=NOW) == [
        "The time the child returned must be in the past"
    ]
    assert return_problems(started_at=_at(10), returned_at=_at(10), now=NOW) == []


def test_an_offer_cannot_come_before_the_return() -> None:
    assert after_return_problems(what="offer", returned_at=_at(10), moment=_at(9), now=NOW) == [
        "The time of the offer must be after the child returned"
    ]


def test_an_interview_needs_an_independent_person_named() -> None:
    assert completion_problems(
        returned_at=_at(10), completed_at=_at(20), now=NOW, completed_by=" ", independent=False
    ) == [
        ("completed_by", "Enter the name of the person who did the interview"),
        (
            "independent",
            "Confirm that the person who did the interview is independent of the child's care",
        ),
    ]


def test_the_review_waits_for_the_link_and_every_sibling() -> None:
    assert review_blockers(linked=False, child_name="Cara Jones", unconsidered=["Dan Jones"]) == [
        ("", "Link Cara Jones to their person record before the risk review"),
        ("siblings", "Record that Dan Jones has been considered"),
    ]
    assert review_blockers(linked=True, child_name="Amy Smith", unconsidered=[]) == []


def test_every_review_question_must_be_answered() -> None:
    answers = dict.fromkeys(
        ["push_factors", "pull_factors", "where_went", "with_whom", "plan_update"], ""
    )
    assert review_problems(answers=answers, exploitation_answered=False) == [
        ("push_factors", "Enter the push factors: what made the child leave"),
        ("pull_factors", "Enter the pull factors: what drew the child away"),
        ("where_went", "Enter where the child went"),
        ("with_whom", "Enter who the child was with, or 'Not known'"),
        ("plan_update", "Enter how the child's plan has been updated"),
        ("none_identified", "Select any signs of exploitation, or 'None identified'"),
    ]
