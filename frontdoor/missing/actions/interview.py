"""Reaching the child after their return, and the return home interview."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.missing.actions.steps import event, iso, utc
from frontdoor.missing.models import (
    ContactAttempt,
    Episode,
)
from frontdoor.missing.queries import (
    ATTEMPT_GAP,
)
from frontdoor.missing.workflow import (
    EPISODE,
    Answer,
    AttemptMethod,
    AttemptResult,
    after_return_problems,
    completion_problems,
)
from frontdoor.timescales.queries import due_at
from frontdoor.workflow.compare_and_set import check_version, move
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User


# --- Reaching the child, and the return home interview ----------------------------------------


def log_contact_attempt(
    *,
    by: User,
    episode: Episode,
    attempted_at: datetime,
    method: str,
    result: str,
    note: str = "",
) -> ContactAttempt:
    """One attempt to reach the child for their interview. Restarts the attempts clock."""
    require(by, "log_contact_attempt")
    EPISODE.next("log_contact_attempt", episode.status)
    attempted_at = utc(attempted_at)
    problems = [
        ("attempted_at", problem)
        for problem in after_return_problems(
            what="attempt", returned_at=episode.returned_at, moment=attempted_at, now=timezone.now()
        )
    ]
    if method not in AttemptMethod.values:
        problems.append(("method", "Select how you tried to reach the child"))
    if result not in AttemptResult.values:
        problems.append(("result", "Select what happened"))
    if problems:
        raise NotReady.about(problems)
    next_due = due_at(ATTEMPT_GAP, attempted_at)
    with transaction.atomic():
        previous = (
            ContactAttempt.objects.filter(episode=episode, attempted_at__lte=attempted_at)
            .order_by("-attempted_at")
            .first()
        )
        attempt = ContactAttempt.objects.create(
            episode=episode,
            attempted_at=attempted_at,
            method=method,
            result=result,
            note=note.strip(),
            next_attempt_due_at=next_due,
            recorded_at=timezone.now(),
            recorded_by=by,
        )
        latest = ContactAttempt.objects.filter(episode=episode).order_by("-attempted_at").first()
        assert latest is not None
        # Attempts only add: two coordinators logging at once must not refuse each other, so
        # the version read is the current one; the status is still compared and set.
        move(
            episode,
            EPISODE,
            ["log_contact_attempt"],
            None,
            next_attempt_due_at=latest.next_attempt_due_at,
        )
        since = previous.attempted_at if previous else episode.returned_at
        allowed_until = previous.next_attempt_due_at if previous else episode.first_attempt_due_at
        event(
            by,
            "missing_contact_attempt_logged",
            episode,
            attempted_at=iso(attempted_at),
            method=AttemptMethod(method).label,
            result=AttemptResult(result).label,
            hours_since_previous=round((attempted_at - since).total_seconds() / 3600, 1)
            if since
            else None,
            long_gap=bool(allowed_until and attempted_at > allowed_until),
        )
    return attempt


def offer_rhi(
    *,
    by: User,
    episode: Episode,
    offered_at: datetime,
    offered_by: str,
    answer: str = "",
    expected_version: int | None = None,
) -> Episode:
    """Record that the interview was offered, by whom, and the child's answer if they gave one
    there and then."""
    require(by, "offer_rhi")
    check_version(episode, EPISODE, expected_version)
    steps = ["offer_rhi"]
    if answer:
        steps.append(_answer_step(answer))
    _check_steps(episode, steps)
    offered_at = utc(offered_at)
    problems = [
        ("offered_at", problem)
        for problem in after_return_problems(
            what="offer", returned_at=episode.returned_at, moment=offered_at, now=timezone.now()
        )
    ]
    if not offered_by.strip():
        problems.append(("offered_by", "Enter who offered the interview"))
    if problems:
        raise NotReady.about(problems)
    with transaction.atomic():
        move(
            episode,
            EPISODE,
            steps,
            expected_version,
            rhi_offered_at=offered_at,
            rhi_offered_by=offered_by.strip(),
            rhi_answer=answer,
        )
        event(
            by,
            "rhi_offered",
            episode,
            offered_at=iso(offered_at),
            offered_by=episode.rhi_offered_by,
            within_72_hours=bool(episode.rhi_due_at and offered_at <= episode.rhi_due_at),
            answer=answer,
        )
    return episode


def _answer_step(answer: str) -> str:
    if answer == Answer.ACCEPTED:
        return "record_rhi_accepted"
    if answer == Answer.DECLINED:
        return "record_rhi_declined"
    raise NotReady.about(
        [("answer", "Select whether the child accepted or declined the interview")]
    )


def _check_steps(episode: Episode, steps: Sequence[str]) -> None:
    state = episode.status
    for step in steps:
        state = EPISODE.next(step, state)


def record_rhi_answer(
    *, by: User, episode: Episode, answer: str, expected_version: int | None = None
) -> Episode:
    """The child accepted or declined the interview offered."""
    require(by, "offer_rhi")
    check_version(episode, EPISODE, expected_version)
    step = _answer_step(answer)
    with transaction.atomic():
        move(episode, EPISODE, [step], expected_version, rhi_answer=answer)
        event(by, "rhi_answer_recorded", episode, answer=answer)
    return episode


@dataclass(frozen=True)
class InterviewDetails:
    completed_at: datetime
    completed_by: str
    organisation: str
    independent: bool
    summary: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "completed_at", utc(self.completed_at))


def complete_rhi(
    *,
    by: User,
    episode: Episode,
    interview: InterviewDetails,
    expected_version: int | None = None,
) -> Episode:
    """The independent return home interview took place."""
    require(by, "complete_rhi")
    check_version(episode, EPISODE, expected_version)
    EPISODE.next("complete_rhi", episode.status)
    problems = completion_problems(
        returned_at=episode.returned_at,
        completed_at=interview.completed_at,
        now=timezone.now(),
        completed_by=interview.completed_by,
        independent=interview.independent,
    )
    if problems:
        raise NotReady.about(problems)
    with transaction.atomic():
        move(
            episode,
            EPISODE,
            ["complete_rhi"],
            expected_version,
            rhi_completed_at=interview.completed_at,
            rhi_completed_by=interview.completed_by.strip(),
            rhi_completed_by_organisation=interview.organisation.strip(),
            rhi_summary=interview.summary.strip(),
        )
        event(
            by,
            "rhi_completed",
            episode,
            completed_at=iso(interview.completed_at),
            completed_by=episode.rhi_completed_by,
            organisation=episode.rhi_completed_by_organisation,
            within_72_hours=bool(
                episode.rhi_due_at and interview.completed_at <= episode.rhi_due_at
            ),
        )
    return episode
