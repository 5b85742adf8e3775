"""Opening a referral: called only from the manager's decision, inside its transaction."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone

from frontdoor.audit.actions import record_event
from frontdoor.codelists.models import Code, CodeList
from frontdoor.referrals.models import Referral
from frontdoor.timescales.queries import due_at
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.contacts.models import Contact, Decision


def open_referral(*, by: User, contact: Contact, decision: Decision) -> Referral:
    """Accept the child's contact as a referral and store its national clocks.

    The referral date is the date the contact was received (ADR 0003): the child's wait starts
    when the concern reached the council, not when someone got round to accepting it.
    """
    assert contact.person is not None, "a referral needs a linked person"
    referral_date = contact.family.received_at
    referral = Referral.objects.create(
        contact=contact,
        person=contact.person,
        referral_source=contact.family.referral_source,
        referral_date=referral_date,
        decision_due_at=due_at("referral_decision", referral_date),
        decided_at=decision.decided_at,
        assessment_due_at=due_at("assessment", referral_date),
        created_at=timezone.now(),
    )
    record_event(
        actor=by,
        verb="referral_opened",
        family_contact=contact.family,
        contact=contact,
        person=contact.person,
        data={
            "referral_date": referral_date.isoformat(),
            "assessment_due_at": referral.assessment_due_at.isoformat(),
            "decided_in_time": referral.decided_in_time,
        },
    )
    return referral


# The closure reasons an assessment's outcome decides (CIN census): no one retypes them.
CLOSED_AFTER_ASSESSMENT_NFA = "RC8"
CLOSED_AFTER_ASSESSMENT_EARLY_HELP = "RC9"


def close_episode(*, by: User, referral: Referral, on: date, reason: str) -> Referral:
    """Close the child in need episode the referral opened, with its CIN census reason.

    Called inside the caller's transaction (the assessment's authorisation); a closed episode
    is never closed again."""
    if referral.closed_on is not None:
        raise NotReady(["This child in need episode is already closed"])
    if not Code.objects.of(CodeList.CLOSURE_REASON).filter(code=reason).exists():
        raise NotReady(["Choose a reason for closure from the CIN census list"])
    if on < timezone.localtime(referral.referral_date).date():
        raise NotReady(["The episode cannot close before the referral date"])
    referral.closed_on = on
    referral.closure_reason = reason
    referral.save(update_fields=["closed_on", "closure_reason"])
    record_event(
        actor=by,
        verb="cin_episode_closed",
        contact=referral.contact,
        person=referral.person,
        data={"closed_on": on.isoformat(), "reason": reason},
    )
    return referral
