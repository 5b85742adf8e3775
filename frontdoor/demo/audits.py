"""Demo case audits (issue 9): a random round of the month's decisions shared between Aisha and
Maya's sample, half graded, some moderated, actions set (one overdue, one done), and a round of
every decision made below the risk indicators.

Synthetic; put through the real actions, some at the moments they would have happened.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.casework_audits import actions
from frontdoor.casework_audits.models import AuditTemplate, CaseAudit
from frontdoor.casework_audits.sampling import Criteria
from frontdoor.casework_audits.workflow import AuditStatus, Grade, SampleKind
from frontdoor.demo.seed import at
from frontdoor.workflow.errors import NotReady

COMMENTS: dict[str, str] = {
    Grade.OUTSTANDING: "Thorough history, the child's voice is clear and the rationale is sharp.",
    Grade.GOOD: "Sound decision; history considered; partner checks complete.",
    Grade.REQUIRES_IMPROVEMENT: "Decision reasonable but the father was not checked with police.",
    Grade.INADEQUATE: "Previous contacts not read; the decision is over-optimistic.",
}


def seed_audits(users: dict[str, User], rng: random.Random) -> None:
    template = AuditTemplate.objects.filter(active=True).order_by("pk").first()
    if template is None:
        return
    today = timezone.localdate()
    month = Criteria(
        kind=SampleKind.RANDOM,
        start=today - timedelta(days=34),
        end=today - timedelta(days=6),
        size=12,
        seed=2026,
    )
    sampled = timezone.now() - timedelta(days=6)
    with at(sampled):
        try:
            actions.sample_case_audits(
                by=users["maya"],
                template=template,
                criteria=month,
                auditors=[users["aisha"]],
                due_on=today + timedelta(days=8),
            )
        except NotReady:
            return  # nothing decided in the demo period: no round to show
    audits = list(CaseAudit.objects.filter(status=AuditStatus.ASSIGNED).order_by("due_on", "pk"))
    for audit in audits[: len(audits) // 2]:
        _grade(users, audit, rng, sampled + timedelta(days=1))
    _moderate_and_set_actions(users, sampled + timedelta(days=2))
    below = Criteria(kind=SampleKind.BELOW_INDICATORS, start=today - timedelta(days=28), end=today)
    try:
        actions.sample_case_audits(
            by=users["mark"],
            template=template,
            criteria=below,
            auditors=[users["aisha"]],
            due_on=today + timedelta(days=14),
        )
    except NotReady:
        return  # no decision below the indicators in this demo county


def _grade(users: dict[str, User], audit: CaseAudit, rng: random.Random, when: datetime) -> None:
    weights = [1, 5, 3, 1]
    overall = rng.choices(Grade.values, weights=weights)[0]
    answers = {
        q.pk: rng.choices(Grade.values, weights=weights)[0]
        for q in audit.round.template.questions.filter(active=True)
    }
    with at(when):
        actions.grade_case_audit(
            by=users["aisha"],
            audit=audit,
            answers=answers,
            grade=overall,
            comment=COMMENTS[overall],
        )


def _moderate_and_set_actions(users: dict[str, User], when: datetime) -> None:
    graded = list(CaseAudit.objects.filter(status=AuditStatus.GRADED).order_by("pk")[:3])
    with at(when):
        for index, audit in enumerate(graded):
            changed = index == 0
            grade = Grade.REQUIRES_IMPROVEMENT if changed else audit.grade
            actions.moderate_case_audit(
                by=users["maya"],
                audit=audit,
                grade=grade,
                reason="The father's history was not checked." if changed else "",
            )
        if graded:
            # Due the day after it was set, four days ago: it shows as overdue.
            actions.set_audit_action(
                by=users["maya"],
                audit=graded[0],
                description="Check the father with the police and record the result.",
                owner=users["mark"],
                due_on=timezone.localdate() + timedelta(days=1),
            )
    if len(graded) > 1:
        done = actions.set_audit_action(
            by=users["maya"],
            audit=graded[1],
            description="Tell the referrer the outcome of the contact.",
            owner=users["hamid"],
            due_on=timezone.localdate() + timedelta(days=3),
        )
        actions.complete_audit_action(
            by=users["hamid"], action=done, note="Rang the school's safeguarding lead."
        )
