"""The practice model's words (Signs of Safety style), pure: no database.

One analysis per child and episode (docs/adr/0014-practice-analysis-once-per-episode.md). It
is extended, never retyped: each stage adds entries to its three sections and a reading on the
0 to 10 scale. An entry is never edited or deleted; it can be marked "no longer applies".
"""

from __future__ import annotations

from django.db import models


class Section(models.TextChoices):
    # Harm, danger and complicating factors are kept in one section, as most councils' Signs
    # of Safety forms do; the hint on the form names all three.
    WORRIES = "worries", "What are we worried about?"
    WORKING_WELL = "working_well", "What is working well?"
    NEEDS_TO_HAPPEN = "needs_to_happen", "What needs to happen?"


class Stage(models.TextChoices):
    """Where in the child's journey an entry or a reading was added."""

    SCREENING = "screening", "Screening"
    HUB = "hub", "Hub analysis"
    DECISION = "decision", "Manager's decision"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
    SUPERVISION = "supervision", "Supervision"
    OTHER = "other", "Other"


SCALE_QUESTION = (
    "On a scale of 0 to 10, where 10 means the child is safe enough for the case to close and "
    "0 means harm is certain, where do you rate this child's situation?"
)
SCALE_MIN, SCALE_MAX = 0, 10


class AnalysisProblem(Exception):
    """What stops an analysis being extended, in words a practitioner can act on."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__("; ".join(reasons))


def extension_problems(*, entries: int, score: int | None, has_episode: bool) -> list[str]:
    """The reasons an extension cannot be recorded (empty when it can)."""
    problems = []
    if not has_episode:
        problems.append(
            "There is no open contact for this child: an analysis starts with a contact"
        )
    if entries == 0 and score is None:
        problems.append(
            "Enter at least one worry, thing working well, thing that needs to "
            "happen, or a number on the scale"
        )
    if score is not None and not SCALE_MIN <= score <= SCALE_MAX:
        problems.append("The scale must be a number from 0 to 10")
    return problems
