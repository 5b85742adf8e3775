"""A case audit's life, on one screen: sampled and assigned to an auditor, graded, moderated.

The transition table is the whole workflow; actions.py checks it before every change."""

from __future__ import annotations

from django.db import models


class Grade(models.TextChoices):
    """Ofsted's four-point judgement, the scale every English council audits against. Fixed in
    code (not data) so grades compare across templates and over time (docs/adr/0013)."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


class AuditStatus(models.TextChoices):
    ASSIGNED = "assigned", "Assigned to an auditor"
    GRADED = "graded", "Graded: awaiting moderation"
    MODERATED = "moderated", "Moderated"


class SampleKind(models.TextChoices):
    RANDOM = "random", "A random sample of decisions"
    BELOW_INDICATORS = "below_indicators", "Every decision made below the risk indicators"
    RE_REFERRALS = "re_referrals", "Re-referrals: a previous referral within 12 months"


TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "grade_case_audit": (frozenset({AuditStatus.ASSIGNED}), AuditStatus.GRADED),
    "moderate_case_audit": (frozenset({AuditStatus.GRADED}), AuditStatus.MODERATED),
}


def may(action: str, status: str) -> bool:
    allowed_from, _ = TRANSITIONS[action]
    return status in allowed_from


def next_status(action: str) -> str:
    return TRANSITIONS[action][1]
