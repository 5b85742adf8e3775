"""A case audit's life, on one screen: sampled and assigned to an auditor, graded, moderated.

The transition table is the whole workflow; actions.py checks it before every change."""

from __future__ import annotations

from django.db import models

from frontdoor.workflow.machine import StateMachine


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


CASE_AUDIT = StateMachine(
    name="case-audit",
    title="A case audit",
    noun="case audit",
    states=AuditStatus,
    table=TRANSITIONS,
    refusals={
        "grade_case_audit": "This case has already been graded",
        "moderate_case_audit": "This case has not been graded yet, or is already moderated",
    },
    starts=(("sample_case_audits", AuditStatus.ASSIGNED),),
    ends=(AuditStatus.MODERATED,),
    doc="workflow-case-audit.md",
    module="frontdoor/casework_audits/workflow.py",
    about=(
        "Sampled and assigned to an auditor, graded against the template's questions,\n"
        "then moderated by a manager, who agrees the grade or changes it and says why."
    ),
)
