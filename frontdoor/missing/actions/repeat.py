"""Repeat missing: the trigger that puts a child on the manager's list, and the manager's
decision on a strategy discussion."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.missing.actions.steps import event
from frontdoor.missing.models import (
    Episode,
    RepeatMissingFlag,
)
from frontdoor.missing.queries import (
    REPEAT_EPISODES,
    REPEAT_WINDOW_DAYS,
    setting,
)
from frontdoor.missing.workflow import (
    REPEAT_MISSING_FLAG,
    FlagDecision,
    FlagStatus,
    most_episodes_in_a_window,
)
from frontdoor.timescales.calendar import local_date
from frontdoor.workflow.compare_and_set import bump, move
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User


# --- Repeat missing -----------------------------------------------------------------------------


def check_repeat_missing(by: User, episode: Episode) -> RepeatMissingFlag | None:
    """Put the child on the manager's list when this episode takes them to the local threshold
    (default 3 episodes in 30 days). One flag waits per child; a further episode updates it."""
    person = episode.person
    if person is None:
        return None
    threshold, window = setting(REPEAT_EPISODES), setting(REPEAT_WINDOW_DAYS)
    # A day either side of the window, so every London day in it is covered whatever the
    # offset; the pure count works on London dates.
    reach = timedelta(days=window + 1)
    starts = Episode.objects.filter(
        person=person,
        started_at__gte=episode.started_at - reach,
        started_at__lte=episode.started_at + reach,
    ).values_list("started_at", flat=True)
    count = most_episodes_in_a_window(
        local_date(episode.started_at), [local_date(s) for s in starts], window
    )
    if count < threshold:
        return None
    return flag_repeat_missing(by, episode, count, threshold, window)


def flag_repeat_missing(
    by: User, episode: Episode, count: int, threshold: int, window: int
) -> RepeatMissingFlag | None:
    """The child has reached the threshold with this episode (`count` episodes in `window`
    days): raise their flag, or update the one waiting."""
    person = episode.person
    if person is None:
        return None
    flag = RepeatMissingFlag.objects.filter(
        person=person, status=FlagStatus.AWAITING_DECISION
    ).first()
    if flag is not None:
        bump(flag, "flag", episode=episode, episodes_in_window=max(count, flag.episodes_in_window))
        verb = "repeat_missing_flag_updated"
    else:
        try:
            with transaction.atomic():
                flag = RepeatMissingFlag.objects.create(
                    person=person,
                    episode=episode,
                    raised_at=timezone.now(),
                    episodes_in_window=count,
                    threshold=threshold,
                    window_days=window,
                )
        except IntegrityError:
            # Another episode for the same child flagged them a moment ago: one flag waits.
            return RepeatMissingFlag.objects.filter(
                person=person, status=FlagStatus.AWAITING_DECISION
            ).first()
        verb = "repeat_missing_flagged"
    event(by, verb, episode, flag=str(flag.pk), episodes=count, window_days=window)
    return flag


def respond_to_repeat_missing(
    *,
    by: User,
    flag: RepeatMissingFlag,
    decision: str,
    rationale: str,
    expected_version: int | None = None,
) -> RepeatMissingFlag:
    """A manager decides whether a child who keeps going missing needs a strategy discussion."""
    require(by, "respond_to_repeat_missing")
    REPEAT_MISSING_FLAG.next("respond_to_repeat_missing", flag.status)
    problems = []
    if decision not in FlagDecision.values:
        problems.append("Select whether to hold a strategy discussion")
    if not rationale.strip():
        problems.append("Enter the reason for your decision")
    if problems:
        raise NotReady(problems)
    now = timezone.now()
    with transaction.atomic():
        move(
            flag,
            REPEAT_MISSING_FLAG,
            "respond_to_repeat_missing",
            expected_version,
            decision=decision,
            rationale=rationale.strip(),
            decided_at=now,
            decided_by=by,
        )
        record_event(
            actor=by,
            verb="repeat_missing_decision_recorded",
            person=flag.person,
            data={
                "flag": str(flag.pk),
                "decision": decision,
                "decision_label": FlagDecision(decision).label,
                "episodes": flag.episodes_in_window,
            },
            reason=flag.rationale,
        )
    return flag
