"""Management oversight and supervision on a child's record (issue 9), on one screen.

A manager records oversight of a screening or a decision ("I agree" or "I challenge", with the
reason) or a supervision discussion, with any actions set. A challenge is open until the person
whose judgement was challenged (or a manager of their team) responds: agree and revise, or
explain and maintain. Actions are open until their owner or a manager records what was done.
Records are appended, never changed: a response and a completion are rows of their own.
"""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    OVERSIGHT = "oversight", "Management oversight of a screening or decision"
    SUPERVISION = "supervision", "Supervision"


class Stage(models.TextChoices):
    """Whose judgement is overseen: the screener's, or the deciding manager's."""

    SCREENING = "screening", "The screening"
    DECISION = "decision", "The manager's decision"


class Verdict(models.TextChoices):
    AGREE = "agree", "I agree"
    CHALLENGE = "challenge", "I challenge"


class Reply(models.TextChoices):
    REVISE = "revise", "Agree and revise"
    MAINTAIN = "maintain", "Explain and maintain"


# How long an open case may go without management oversight, in calendar days, unless the
# council sets `guardrails.Setting` "oversight-due-days" (docs/adr/0015).
OVERSIGHT_DUE_SETTING = "oversight-due-days"
DEFAULT_OVERSIGHT_DUE_DAYS = 28


def reason_problem(kind: str, verdict: str, reason: str) -> str | None:
    """The GOV.UK message when the reason is missing, worded for what was chosen."""
    if reason.strip():
        return None
    if kind == Kind.SUPERVISION:
        return "Enter what was discussed in supervision"
    if verdict == Verdict.CHALLENGE:
        return "Enter the reason you challenge this decision"
    return "Enter the reason you agree with this decision"


def is_overdue(days_without: int | None, due_days: int) -> bool:
    """Due for oversight once the case has gone `due_days` whole days without any."""
    return days_without is not None and days_without >= due_days
