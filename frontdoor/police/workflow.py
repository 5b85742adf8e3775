"""Police notifications: the words, and the pure rules. No database.

A police force sends *notifications* in batches: domestic abuse incidents where children live
in the household, and missing-person reports about children. Each becomes one family contact
(its children grouped) in the screening queue. Matching each child to a known person is
decided here (`match_decision`), from the matcher's ranked candidates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models

from frontdoor.workflow.machine import StateMachine


class Kind(models.TextChoices):
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse incident"
    MISSING_PERSON = "missing_person", "Missing-person report"


class Source(models.TextChoices):
    API = "api", "Sent through the API"
    CSV = "csv", "Uploaded as a CSV file"


class RiskTool(models.TextChoices):
    DASH = "dash", "DASH"
    DARA = "dara", "DARA"
    OTHER = "other", "Other"
    NONE = "none", "None"


class RiskLevel(models.TextChoices):
    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class BatchStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to import"
    IMPORTING = "importing", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed"


# A batch is accepted at once and imported by the task worker, a chunk at a time (issue 15).
BATCH_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "start_import": (frozenset({BatchStatus.QUEUED}), BatchStatus.IMPORTING),
    "finish_import": (frozenset({BatchStatus.IMPORTING}), BatchStatus.DONE),
    "fail_import": (frozenset({BatchStatus.QUEUED, BatchStatus.IMPORTING}), BatchStatus.FAILED),
}


BATCH = StateMachine(
    name="police-batch",
    title="A police batch",
    noun="batch",
    states=BatchStatus,
    table=BATCH_TRANSITIONS,
    past={
        "start_import": "started",
        "finish_import": "finished",
        "fail_import": "marked as failed",
    },
    starts=(("send_police_batch / import_police_batch", BatchStatus.QUEUED),),
    ends=(BatchStatus.DONE, BatchStatus.FAILED),
    doc="workflow-police-batch.md",
    module="frontdoor/police/workflow.py",
    about=(
        "A force's batch is accepted at once (queued) and imported by the task worker a chunk\n"
        "at a time, with live counts. A batch whose import stopped (its worker was killed) is\n"
        "marked failed by the scheduler, with the reason; sending it again imports the rest."
    ),
)


def batch_is_stuck(
    status: str, progress_at: datetime | None, now: datetime, limit: timedelta
) -> bool:
    """An import that has not finished a chunk for `limit` has stopped: its worker was killed
    or restarted (a chunk of 500 rows takes seconds). A queued batch waits for a worker,
    however long, and is not stuck: it will import when one starts."""
    return status == BatchStatus.IMPORTING and (progress_at is None or now - progress_at > limit)


class RowOutcome(models.TextChoices):
    CREATED = "created", "New"
    UPDATED = "updated", "Updated"
    UNCHANGED = "unchanged", "Already imported, unchanged"
    REJECTED = "rejected", "Not imported"


class MatchStatus(models.TextChoices):
    AUTO_LINKED = "auto_linked", "Linked automatically"
    REVIEW = "review", "Match to review"
    CONFIRMED = "confirmed", "Match confirmed"
    NOT_MATCHED = "not_matched", "None of the records"
    NO_CANDIDATE = "no_candidate", "Not known"


M = MatchStatus

# A child named in a notification is matched on import (linked, to review, or not known); a
# screener settles one to review.
MATCH = StateMachine(
    name="police-match",
    title="Matching a child named by the police",
    noun="match",
    states=MatchStatus,
    table={
        "confirm_match": (frozenset({M.REVIEW}), M.CONFIRMED),
        "reject_match": (frozenset({M.REVIEW}), M.NOT_MATCHED),
    },
    refusals={
        "confirm_match": "This match has already been reviewed",
        "reject_match": "This match has already been reviewed",
    },
    starts=(
        ("import_batch (a certain match)", M.AUTO_LINKED),
        ("import_batch (an uncertain match)", M.REVIEW),
        ("import_batch (nobody like the child)", M.NO_CANDIDATE),
    ),
    doc="workflow-police-match.md",
    module="frontdoor/police/workflow.py",
    about=(
        "Each child a police notification names is matched to the people on record when the\n"
        "batch is imported. A certain match is linked; an uncertain one waits for a screener,\n"
        "who confirms one of the records offered or says it is none of them."
    ),
)


class QualityIssue(models.TextChoices):
    """What MASH staff say about a notification's quality (domain brief, section 6)."""

    MISSING_DASH = "missing_dash", "No DASH or other risk assessment"
    UNCLEAR_NARRATIVE = "unclear_narrative", "Narrative unclear"
    LATE = "late", "Sent late"
    MISSING_CHILD_DETAILS = "missing_child_details", "Children's details missing or wrong"
    MISSING_ADULT_DETAILS = "missing_adult_details", "Adults' details missing or wrong"
    RISK_NOT_EXPLAINED = "risk_not_explained", "Risk level not explained"


# Queue order: a higher rank comes first. Domestic abuse by its risk level, missing-person
# reports by the police risk grade; no level at all sorts last.
RISK_RANK = {"high": 3, "medium": 2, "standard": 1, "low": 1, "no_apparent_risk": 0, "": 0}

# A match is linked without a person looking only when the best candidate is close to certain
# and clearly ahead of the next: a wrong automatic link puts one child's history on another's
# record, which is worse than a minute of a screener's time.
CONFIDENT_SCORE = 80
CONFIDENT_MARGIN = 15
# Below this, a candidate is not worth a screener's time (the matcher offers it anyway).
REVIEW_SCORE = 50


@dataclass(frozen=True)
class MatchDecision:
    status: MatchStatus
    person_index: int | None  # which candidate to link (for AUTO_LINKED)


def match_decision(scores: list[int], *, anchored: bool = True) -> MatchDecision:
    """What to do with a child whose candidates scored `scores`, best first. `anchored`: the
    best agrees on the whole date of birth or the NHS number. A name and a postcode alone are
    never enough to link without a person looking, however high they score."""
    if not scores or scores[0] < REVIEW_SCORE:
        return MatchDecision(MatchStatus.NO_CANDIDATE, None)
    runner_up = scores[1] if len(scores) > 1 else 0
    confident = scores[0] >= CONFIDENT_SCORE and scores[0] - runner_up >= CONFIDENT_MARGIN
    if confident and anchored:
        return MatchDecision(MatchStatus.AUTO_LINKED, 0)
    return MatchDecision(MatchStatus.REVIEW, None)
