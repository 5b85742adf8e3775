"""A missing episode's workflow: the whole state machine on one screen.

Read TRANSITIONS and you know the follow-up after a child goes missing (domain brief, section 5):
the child returns; a return home interview (RHI) is offered and accepted or declined, and
completed by an independent person; then a risk review, which is the only way an episode
closes. The review needs every brother and sister to have been considered. So nothing after a
return can be skipped, and an episode stays in the coordinator's queue until the review is done.

`docs/workflow-missing.md` is generated from these tables (`manage.py workflow_diagrams`)
and a test fails when it is stale.

Pure: no database. Guards take plain values and return the reasons a step cannot happen yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import models

from frontdoor.workflow.machine import StateMachine

# The contact workflow's errors: one shape for every "not in this state", "not yet" and "someone
# else got there first", which the pages and the API already know how to show.


class Status(models.TextChoices):
    MISSING = "missing", "Missing now"
    RETURNED = "returned", "Returned"
    RHI_OFFERED = "rhi_offered", "Interview offered"
    RHI_ACCEPTED = "rhi_accepted", "Interview accepted"
    AWAITING_REVIEW = "awaiting_review", "Awaiting risk review"
    REVIEWED = "reviewed", "Risk reviewed"


class RiskGrade(models.TextChoices):
    """The police's risk grade for a missing person (College of Policing APP, 2021 onwards)."""

    NO_APPARENT_RISK = "no_apparent_risk", "No apparent risk"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Answer(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class AttemptMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    HOME_VISIT = "home_visit", "Visit to the home"
    SCHOOL_VISIT = "school_visit", "Visit at school"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    OTHER = "other", "Other"


class AttemptResult(models.TextChoices):
    SPOKE_TO_CHILD = "spoke_to_child", "Spoke to the child"
    SPOKE_TO_CARER = "spoke_to_carer", "Spoke to a parent or carer"
    NO_ANSWER = "no_answer", "No answer"
    MESSAGE_LEFT = "message_left", "Message left"
    NOT_AT_HOME = "not_at_home", "Child not there"
    REFUSED = "refused", "Child would not talk"


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


S = Status

# action name -> (states it may start from, state it leaves the episode in). None: the episode
# stays in the state it was in (the step records something without moving it on).
TRANSITIONS: dict[str, tuple[frozenset[Status], Status | None]] = {
    "record_return": (frozenset({S.MISSING}), S.RETURNED),
    "offer_rhi": (frozenset({S.RETURNED}), S.RHI_OFFERED),
    "record_rhi_accepted": (frozenset({S.RHI_OFFERED}), S.RHI_ACCEPTED),
    # A declined interview still needs the risk review: what is known must still be weighed.
    "record_rhi_declined": (frozenset({S.RHI_OFFERED}), S.AWAITING_REVIEW),
    "complete_rhi": (frozenset({S.RHI_ACCEPTED}), S.AWAITING_REVIEW),
    # The only way an episode closes.
    "record_risk_review": (frozenset({S.AWAITING_REVIEW}), S.REVIEWED),
    # Attempts to reach the child for the interview, while the interview is outstanding.
    "log_contact_attempt": (frozenset({S.RETURNED, S.RHI_OFFERED, S.RHI_ACCEPTED}), None),
    "record_siblings_considered": (
        frozenset({S.MISSING, S.RETURNED, S.RHI_OFFERED, S.RHI_ACCEPTED, S.AWAITING_REVIEW}),
        None,
    ),
    "link_missing_child": (
        frozenset({S.MISSING, S.RETURNED, S.RHI_OFFERED, S.RHI_ACCEPTED, S.AWAITING_REVIEW}),
        None,
    ),
    # A police report found missing from the record is linked whenever it turns up, even after
    # the review (the inspection found reports absent from children's records).
    "record_police_report": (frozenset(Status), None),
}

OPEN_STATES = frozenset(set(Status) - {S.REVIEWED})
# The coordinator's queue: returned and not yet risk-reviewed.
QUEUE_STATES = frozenset(OPEN_STATES - {S.MISSING})
# The interview has not happened yet: its 72-hour clock and the gap between attempts matter.
RHI_OUTSTANDING = frozenset({S.RETURNED, S.RHI_OFFERED, S.RHI_ACCEPTED})

ACTION_PAST = {
    "record_return": "recorded as returned",
    "offer_rhi": "offered a return home interview",
    "record_rhi_accepted": "recorded as accepting the interview",
    "record_rhi_declined": "recorded as declining the interview",
    "complete_rhi": "given a completed interview",
    "record_risk_review": "risk-reviewed",
    "log_contact_attempt": "given a contact attempt",
    "record_siblings_considered": "changed",
    "link_missing_child": "linked to another record",
    "record_police_report": "given a police report",
}


EPISODE = StateMachine(
    name="missing-episode",
    title="The missing episode workflow",
    noun="episode",
    states=Status,
    table=TRANSITIONS,
    past=ACTION_PAST,
    starts=(("report_missing / notify_missing", S.MISSING),),
    ends=(S.REVIEWED,),
    doc="workflow-missing.md",
    module="frontdoor/missing/workflow.py",
    about=(
        "A missing episode runs from when the child went missing to their return, then through\n"
        "the return home interview to the risk review. The risk review is the only way an\n"
        "episode closes, and it needs every brother and sister to have been considered. A step\n"
        "that records something without moving the episode on is drawn as a loop."
    ),
)


# --- Repeat missing: the manager's strategy discussion decision ---------------------------------


class FlagStatus(models.TextChoices):
    AWAITING_DECISION = "awaiting_decision", "Awaiting a manager's decision"
    DECIDED = "decided", "Decided"


class FlagDecision(models.TextChoices):
    STRATEGY_DISCUSSION = "strategy_discussion", "Hold a strategy discussion"
    NO_STRATEGY_DISCUSSION = "no_strategy_discussion", "No strategy discussion"


FLAG_TRANSITIONS: dict[str, tuple[frozenset[FlagStatus], FlagStatus]] = {
    "respond_to_repeat_missing": (
        frozenset({FlagStatus.AWAITING_DECISION}),
        FlagStatus.DECIDED,
    ),
}


REPEAT_MISSING_FLAG = StateMachine(
    name="repeat-missing-flag",
    title="A repeat-missing flag",
    noun="flag",
    states=FlagStatus,
    table=FLAG_TRANSITIONS,
    refusals={
        "respond_to_repeat_missing": "A manager has already recorded a decision on this flag."
    },
    starts=(
        ("record_repeat_missing (3 or more episodes in 30 days)", FlagStatus.AWAITING_DECISION),
    ),
    ends=(FlagStatus.DECIDED,),
    doc="workflow-repeat-missing.md",
    module="frontdoor/missing/workflow.py",
    about=(
        "A child who keeps going missing is flagged for a manager, who decides whether to hold a\n"
        "strategy discussion (a local threshold, 3 episodes in 30 days by default)."
    ),
)


def most_episodes_in_a_window(on: date, starts: Sequence[date], window_days: int) -> int:
    """The most episodes in any run of `window_days` calendar days that includes `on`.

    Days are London calendar days (`timescales.calendar.local_date`): "3 episodes in 30 days"
    counts days as a practitioner does, whatever the clocks did. Any window can be slid to start
    on an episode's day without losing one, so only those windows are tried. Episodes recorded
    late (a start in the past) are counted in every window they fall in.
    """
    if window_days < 1:
        raise ValueError(f"window_days must be at least 1, got {window_days}")
    span = timedelta(days=window_days - 1)
    candidates = sorted({d for d in starts if on - span <= d <= on} | {on})
    best = 0
    for first in candidates:
        last = first + span
        if last < on:
            continue
        best = max(best, sum(1 for d in starts if first <= d <= last))
    return best


# --- Gaps between attempts to reach the child ---------------------------------------------------


@dataclass(frozen=True)
class ClockPoint:
    """A moment the attempts clock restarts (the return, then each attempt), and when the next
    attempt was due by, stored when that moment was recorded."""

    at: datetime
    next_due: datetime
    label: str


@dataclass(frozen=True)
class Gap:
    after: ClockPoint
    until: datetime | None  # the next attempt, or None: nothing since, and it is now overdue

    @property
    def length(self) -> timedelta | None:
        return None if self.until is None else self.until - self.after.at


def long_gaps(
    points: Sequence[ClockPoint], *, now: datetime | None, still_trying: bool
) -> list[Gap]:
    """Every gap longer than the setting allowed: between the return and the first attempt, and
    between one attempt and the next; and, while the interview is still outstanding, the gap
    running now if the next attempt is overdue.

    `points` may come in any order (attempts are sometimes typed in late). Each point's own
    stored `next_due` decides, so changing the setting later does not rewrite history.
    """
    ordered = sorted(points, key=lambda p: p.at)
    gaps = [
        Gap(after=before, until=after.at)
        for before, after in zip(ordered, ordered[1:], strict=False)
        if after.at > before.next_due
    ]
    if still_trying and now is not None and ordered and now > ordered[-1].next_due:
        gaps.append(Gap(after=ordered[-1], until=None))
    return gaps


def gaps_between(moments: Sequence[datetime]) -> list[timedelta]:
    """The gaps between consecutive attempts, in time order (management information)."""
    ordered = sorted(moments)
    return [b - a for a, b in zip(ordered, ordered[1:], strict=False)]


# --- Readiness guards: pure functions returning the reasons a step cannot happen yet ------------


def report_problems(
    *, started_at: datetime, reported_to_police_at: datetime | None, now: datetime
) -> list[tuple[str, str]]:
    """(input, reason) pairs, by the input's name (`NotReady.about`; the API's `loc`)."""
    problems = []
    if started_at > now:
        problems.append(("started_at", "The time the child went missing must be in the past"))
    if reported_to_police_at is not None:
        if reported_to_police_at > now:
            problems.append(
                (
                    "reported_to_police_at",
                    "The time the child was reported to the police must be in the past",
                )
            )
        elif reported_to_police_at < started_at:
            problems.append(
                (
                    "reported_to_police_at",
                    "The time the child was reported to the police must be after they went missing",
                )
            )
    return problems


def return_problems(*, started_at: datetime, returned_at: datetime, now: datetime) -> list[str]:
    if returned_at > now:
        return ["The time the child returned must be in the past"]
    if returned_at < started_at:
        return ["The time the child returned must be after they went missing"]
    return []


def after_return_problems(
    *, what: str, returned_at: datetime | None, moment: datetime, now: datetime
) -> list[str]:
    """`what` happened at `moment`: it must be in the past and not before the child returned."""
    if moment > now:
        return [f"The time of the {what} must be in the past"]
    if returned_at is not None and moment < returned_at:
        return [f"The time of the {what} must be after the child returned"]
    return []


def completion_problems(
    *,
    returned_at: datetime | None,
    completed_at: datetime,
    now: datetime,
    completed_by: str,
    independent: bool,
) -> list[tuple[str, str]]:
    """(input, reason) pairs, by the interview's input names."""
    problems = [
        ("completed_at", problem)
        for problem in after_return_problems(
            what="interview", returned_at=returned_at, moment=completed_at, now=now
        )
    ]
    if not completed_by.strip():
        problems.append(("completed_by", "Enter the name of the person who did the interview"))
    if not independent:
        # Statutory guidance: the interview is done by someone independent of the child's care,
        # so the child can say why they went without those they may be running from listening.
        problems.append(
            (
                "independent",
                "Confirm that the person who did the interview is independent of the child's care",
            )
        )
    return problems


def review_blockers(
    *, linked: bool, child_name: str, unconsidered: Sequence[str]
) -> list[tuple[str, str]]:
    """(input, reason) pairs: an unlinked child is the episode's state (no input); a brother or
    sister not yet considered is about the `siblings` considered."""
    reasons = []
    if not linked:
        reasons.append(("", f"Link {child_name} to their person record before the risk review"))
    reasons += [("siblings", f"Record that {name} has been considered") for name in unconsidered]
    return reasons


# The risk review's questions, each with the message shown when it is left empty.
REVIEW_QUESTIONS = {
    "push_factors": "Enter the push factors: what made the child leave",
    "pull_factors": "Enter the pull factors: what drew the child away",
    "where_went": "Enter where the child went",
    "with_whom": "Enter who the child was with, or 'Not known'",
    "plan_update": "Enter how the child's plan has been updated",
}


def review_problems(
    *, answers: Mapping[str, str], exploitation_answered: bool
) -> list[tuple[str, str]]:
    """(input, reason) pairs, by the review's input names (the questions' own)."""
    problems = [
        (field, message)
        for field, message in REVIEW_QUESTIONS.items()
        if not answers.get(field, "").strip()
    ]
    if not exploitation_answered:
        problems.append(
            ("none_identified", "Select any signs of exploitation, or 'None identified'")
        )
    return problems
