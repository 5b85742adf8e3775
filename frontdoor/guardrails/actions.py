"""The only writers of guardrail records: one function per intention (../shared/STYLE.md).

`check_decision` and `record_below_indicators` are the two hooks the manager's decision
(`decisions.actions.record_decision`) calls, so the page and the API apply one rule: a decision
below the indicators needs an answer for each one, is recorded, and may go to a second manager.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.contacts.workflow import Outcome, Status
from frontdoor.guardrails.indicators import (
    Found,
    active_rules,
    indicators_for,
    pointing_higher,
    response_ranks,
    setting,
)
from frontdoor.guardrails.models import BelowIndicatorDecision, RecordedIndicator, RiskIndicator
from frontdoor.guardrails.workflow import SECOND_REVIEW, ReviewStatus
from frontdoor.workflow.compare_and_set import move
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.contacts.models import Contact, Decision

SECOND_REVIEW_PERCENT = "second-review-percent"


def record_indicators(
    *, by: User, contact: Contact, indicators: Sequence[RiskIndicator], note: str = ""
) -> list[RecordedIndicator]:
    """Set the indicators a worker records for one child: ticked ones are kept or added, the
    rest are withdrawn. Each change is in the child's timeline."""
    require(by, "record_risk_indicators")
    if contact.status == Status.DECIDED:
        # The decision stands on what was known when it was made (BelowIndicatorDecision).
        raise NotReady(["This child's contact has been decided: its indicators cannot change now"])
    wanted = {i.pk: i for i in indicators}
    now = timezone.now()
    with transaction.atomic():
        existing = {r.indicator_id: r for r in RecordedIndicator.objects.filter(contact=contact)}
        withdrawn = [r for pk, r in existing.items() if pk not in wanted]
        added = [i for pk, i in wanted.items() if pk not in existing]
        RecordedIndicator.objects.filter(pk__in=[r.pk for r in withdrawn]).delete()
        for indicator in added:
            RecordedIndicator.objects.create(
                contact=contact, indicator=indicator, note=note, recorded_by=by, recorded_at=now
            )
        if added or withdrawn:
            record_event(
                actor=by,
                verb="risk_indicators_recorded",
                family_contact=contact.family,
                contact=contact,
                person=contact.person,
                data={
                    "added": [i.code for i in added],
                    "withdrawn": [r.indicator.code for r in withdrawn],
                },
            )
    return list(RecordedIndicator.objects.filter(contact=contact).select_related("indicator"))


@dataclass
class DecisionCheck:
    """For each child being decided, the indicators pointing above the chosen outcome."""

    pointing: dict[uuid.UUID, list[Found]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def questions(pointing: dict[uuid.UUID, list[Found]]) -> list[Found]:
    """One question per indicator, however many of the children it applies to."""
    seen: dict[str, Found] = {}
    for found in pointing.values():
        for f in found:
            seen.setdefault(f.code, f)
    return sorted(seen.values(), key=lambda f: -f.minimum_rank)


def check_decision(
    contacts: Sequence[Contact], outcome: str, answers: dict[str, str]
) -> DecisionCheck:
    """Which indicators point above `outcome`, and each one left unanswered as a problem."""
    check = DecisionCheck()
    if outcome not in Outcome.values:
        return check
    rules = active_rules()
    ranks = response_ranks()
    for contact in contacts:
        higher = pointing_higher(indicators_for(contact, rules), outcome, ranks)
        if higher:
            check.pointing[contact.pk] = higher
    check.problems = [
        f.question for f in questions(check.pointing) if not answers.get(f.code, "").strip()
    ]
    return check


def _sampled_for_second_review() -> bool:
    # A rate of 100 sends every one; below that, a fair draw for each decision.
    return secrets.randbelow(100) < setting(SECOND_REVIEW_PERCENT, 100)


def record_below_indicators(
    *, by: User, contact: Contact, decision: Decision, check: DecisionCheck, answers: dict[str, str]
) -> BelowIndicatorDecision | None:
    """Called inside the decision's transaction: record the decision made below the
    indicators, with the manager's answers, and send it for second review if sampled."""
    found = check.pointing.get(contact.pk)
    if not found:
        return None
    status = ReviewStatus.AWAITING if _sampled_for_second_review() else ReviewStatus.NOT_SAMPLED
    below = BelowIndicatorDecision.objects.create(
        decision=decision,
        contact=contact,
        outcome=decision.outcome,
        suggested=found[0].minimum,
        answers=[
            {
                "code": f.code,
                "label": f.label,
                "minimum": f.minimum,
                "why": f.why,
                "answer": answers.get(f.code, "").strip(),
            }
            for f in found
        ],
        decided_by=by,
        decided_at=decision.decided_at,
        review_status=status,
    )
    record_event(
        actor=by,
        verb="decision_below_indicators_recorded",
        family_contact=contact.family,
        contact=contact,
        person=contact.person,
        data={
            "outcome": decision.outcome,
            "suggested": below.suggested,
            "indicators": [f.code for f in found],
            "second_review": status == ReviewStatus.AWAITING,
        },
    )
    return below


def record_second_review(
    *,
    by: User,
    below: BelowIndicatorDecision,
    agrees: bool,
    reasons: str,
    expected_version: int | None = None,
) -> BelowIndicatorDecision:
    """A second manager agrees or disagrees with a decision made below the indicators."""
    require(by, "record_second_review")
    if below.decided_by_id == by.pk:
        raise NotReady(["A different manager must review this decision"])
    step = "agree_with_decision" if agrees else "disagree_with_decision"
    if not SECOND_REVIEW.may(step, below.review_status):
        raise NotReady([SECOND_REVIEW.refusal(step, below.review_status)])
    if not reasons.strip():
        raise NotReady.about([("reasons", "Enter your reasons")])
    now = timezone.now()
    with transaction.atomic():
        move(
            below,
            SECOND_REVIEW,
            step,
            expected_version,
            status_field="review_status",
            reviewed_by=by,
            reviewed_at=now,
            review_reasons=reasons.strip(),
        )
        contact = below.contact
        record_event(
            actor=by,
            verb="second_review_recorded",
            family_contact=contact.family,
            contact=contact,
            person=contact.person,
            data={"agrees": agrees, "outcome": below.outcome},
            reason=reasons.strip(),
        )
    below.refresh_from_db()
    return below
