"""Decided contacts and audits in each state, reached through the real actions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.casework_audits import actions
from frontdoor.casework_audits.models import AuditRound, AuditTemplate, CaseAudit
from frontdoor.casework_audits.sampling import Criteria
from frontdoor.casework_audits.workflow import Grade, SampleKind
from frontdoor.contacts.models import Contact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.teams.models import Team

TEMPLATE = "MASH front door decision"


def template() -> AuditTemplate:
    return AuditTemplate.objects.get(name=TEMPLATE)


def decided(screener: User, manager: User, outcome: str = Outcome.NO_FURTHER_ACTION) -> Contact:
    family = f.screened(screener)
    contact = f.only_child(family)
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(outcome=outcome, rationale="No role for us."),
    )
    return Contact.objects.get(pk=contact.pk)


def assessed(manager: User, contact: Contact, team: Team) -> Contact:
    """A decision that accepts the contact as a referral (a child and family assessment)."""
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.ASSESSMENT,
            rationale="Needs a social work assessment.",
            see_by=timezone.now() + timedelta(days=2),
            see_by_team=team,
        ),
    )
    return Contact.objects.get(pk=contact.pk)


def this_month(kind: str = SampleKind.RANDOM, **changes: Any) -> Criteria:
    today = timezone.localdate()
    values: dict[str, object] = {
        "kind": kind,
        "start": today - timedelta(days=30),
        "end": today,
        "size": 10 if kind == SampleKind.RANDOM else None,
        **changes,
    }
    return Criteria(**values)  # type: ignore[arg-type]


def sampled(manager: User, auditors: list[User], **changes: Any) -> AuditRound:
    return actions.sample_case_audits(
        by=manager,
        template=template(),
        criteria=this_month(**changes),
        auditors=auditors,
        due_on=timezone.localdate() + timedelta(days=14),
    )


def every_question(audit: CaseAudit, grade: str = Grade.GOOD) -> dict[int, str]:
    return {q.pk: grade for q in audit.round.template.questions.filter(active=True)}


def graded(auditor: User, audit: CaseAudit, grade: str = Grade.GOOD) -> CaseAudit:
    return actions.grade_case_audit(
        by=auditor,
        audit=audit,
        answers=every_question(audit, grade),
        grade=grade,
        comment="Clear rationale; history considered.",
    )
