"""Opening a referral: called only from the manager's decision, inside its transaction."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
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
# A referral whose strategy discussion decided no further action (the census's ReferralNFA) ends
# there, with no assessment: not RC8 or RC9, which say "after assessment" (DfE rule 8825Q
# queries either without an assessment), but RC7, services ceased (docs/adr/0034).
CLOSED_AFTER_REFERRAL_NFA = "RC7"


def work_still_open(referral: Referral) -> list[str]:
    """What of the episode's own work must end before it can close, whoever closes it: a
    section 47 enquiry still waiting for its conference, or a child protection plan from it not
    yet ended. Closing over them would put the conference or the plan's end after the closure
    (DfE rule 8565) and leave a child on a plan with no open episode (docs/adr/0034).

    Read afresh in one statement through the referral's own relations (the strategy app sits
    above this one), never from objects the caller may have loaded before the work moved on."""
    s47 = "strategy_discussion__section47__"
    work = (
        Referral.objects.filter(pk=referral.pk)
        .values(s47 + "id", s47 + "concluded_at", s47 + "plan__id", s47 + "plan__ended_on")
        .get()
    )
    if work[s47 + "id"] is None:
        return []
    if work[s47 + "concluded_at"] is None:
        return [
            "The section 47 enquiry is still open: record its initial child protection "
            "conference before the child in need episode closes"
        ]
    if work[s47 + "plan__id"] is not None and work[s47 + "plan__ended_on"] is None:
        return [
            "The child is on a child protection plan from this referral: the child in need "
            "episode cannot close until a review conference ends the plan"
        ]
    return []


def close_episode(*, by: User, referral: Referral, on: date, reason: str) -> Referral:
    """Close the child in need episode the referral opened, with its CIN census reason.

    Called inside the caller's transaction (the assessment's authorisation, the strategy
    discussion's decision, a manager by hand); a closed episode is never closed again, and none
    closes over a section 47 enquiry or a child protection plan still open."""
    if referral.closed_on is not None:
        raise NotReady(["This child in need episode is already closed"])
    if not Code.objects.of(CodeList.CLOSURE_REASON).filter(code=reason).exists():
        raise NotReady(["Choose a reason for closure from the CIN census list"])
    if on < timezone.localtime(referral.referral_date).date():
        raise NotReady(["The episode cannot close before the referral date"])
    problems = work_still_open(referral)
    if problems:
        raise NotReady(problems)
    # Compare and set: the caller's object may be stale (another closer may have closed the
    # episode since it was read), so the row changes only if it is still open, whoever calls.
    closed = Referral.objects.filter(pk=referral.pk, closed_on__isnull=True).update(
        closed_on=on, closure_reason=reason
    )
    if closed != 1:
        raise NotReady(["This child in need episode is already closed"])
    referral.closed_on = on
    referral.closure_reason = reason
    record_event(
        actor=by,
        verb="cin_episode_closed",
        contact=referral.contact,
        person=referral.person,
        data={"closed_on": on.isoformat(), "reason": reason},
    )
    return referral


# The reasons a manager gives by hand (CIN census RC1-RC7); RC8 and RC9 come only from the
# assessment's outcome (docs/adr/0020).
CLOSED_BY_HAND = ("RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7")


def close_episode_by_hand(*, by: User, referral: Referral, on: date, reason: str) -> Referral:
    """A manager closes the child in need episode for a reason the work's outcome did not give
    (RC1-RC7), on a day no later than today. An assessment still to be authorised must be
    authorised first: its outcome may close the episode itself (RC8, RC9)."""
    require(by, "close_episode")
    problems = []
    if reason not in CLOSED_BY_HAND:
        problems.append("Select why the episode is closing")
    if on > timezone.localdate():
        problems.append("The date the episode closed must be today or in the past")
    if problems:
        raise NotReady(problems)
    with transaction.atomic():
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        # A strategy discussion still to be held, or its section 47 enquiry still open, may
        # yet start an assessment whose outcome closes the episode.
        discussion = getattr(locked, "strategy_discussion", None)
        if discussion is not None and discussion.held_at is None:
            raise NotReady(["Record the strategy discussion first"])
        # The enquiry and the plan (close_episode refuses them too, for every closer).
        problems = work_still_open(locked)
        if problems:
            raise NotReady(problems)
        assessment = getattr(locked, "assessment", None)
        if assessment is not None and assessment.authorised_at is None:
            raise NotReady(
                ["Authorise the assessment first: its outcome may close the episode itself"]
            )
        return close_episode(by=by, referral=locked, on=on, reason=reason)
