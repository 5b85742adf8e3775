"""A handover with a receipt: the whole state machine on one screen. Pure: no database.

A decision that sends a child elsewhere (stepped down to early help, transferred to an area team,
a referral passed to the council's main case system) opens a handover to the receiving team, in
the decision's own transaction. The receiver *accepts* the child or *returns* them with a reason,
within a working-day clock (timescale `handover_receipt`). A returned child is back with the MASH
manager, who *resends* the handover (to the same team or another) or keeps the child in the MASH
and decides again on a new contact.
Being chased and escalated are facts about the clock, not states, as for an enquiry.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models

from frontdoor.workflow.machine import StateMachine


class HandoverStatus(models.TextChoices):
    AWAITING = "awaiting", "Handed over, not yet received"
    ACCEPTED = "accepted", "Received"
    RETURNED = "returned", "Sent back to the MASH"
    RESENT = "resent", "Handed over again"
    STEPPED_UP = "stepped_up", "Stepped up to the MASH"


class HandoverKind(models.TextChoices):
    STEP_DOWN = "step_down", "Step down to early help"
    TRANSFER = "transfer", "Transfer to an area team"
    MAIN_SYSTEM = "main_system", "Case to the main case system"
    # Nobody at the other council uses Frontdoor: a MASH worker records its answer.
    OTHER_COUNCIL = "other_council", "Referral to another council"


class HowTold(models.TextChoices):
    """How the other council gave its answer (to a MASH worker, who records it)."""

    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    SECURE_EMAIL = "secure_email", "Secure email"


H = HandoverStatus

# action name -> (states it may start from, state it leaves the handover in)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "accept_handover": (frozenset({H.AWAITING}), H.ACCEPTED),
    "return_handover": (frozenset({H.AWAITING}), H.RETURNED),
    # The manager hands a returned child over again: this handover ends, a new one opens.
    "resend_handover": (frozenset({H.RETURNED}), H.RESENT),
    # Early help, having received a child, steps them up to the MASH as a new contact.
    "step_up": (frozenset({H.ACCEPTED}), H.STEPPED_UP),
}

HANDOVER = StateMachine(
    name="handover",
    title="Handovers with a receipt",
    noun="handover",
    states=HandoverStatus,
    table=TRANSITIONS,
    past={
        "accept_handover": "received",
        "return_handover": "sent back",
        "resend_handover": "handed over again",
        "step_up": "stepped up to the MASH",
    },
    refusals={
        "accept_handover": "This child has already been received or sent back",
        "return_handover": "This child has already been received or sent back",
        "resend_handover": "Only a child sent back to the MASH can be handed over again",
        "step_up": "Accept the child before stepping them up to the MASH",
    },
    starts=(("open_handover (a decision)", H.AWAITING),),
    ends=(H.ACCEPTED, H.RESENT, H.STEPPED_UP),
    doc="workflow-handover.md",
    module="frontdoor/handovers/workflow.py",
    about=(
        "A decision that sends a child elsewhere opens a handover to the receiving team. The\n"
        "receiver accepts the child or sends them back with a reason, within a working-day\n"
        "clock; a child sent back is with the MASH manager again, who hands them over again.\n"
        "Chased and escalated are facts about the clock (timestamps the sweep sets), not states.\n"
        "Early help, having received a child, may step them up to the MASH as a new contact.\n"
        "When the council has connected its main case system (a team of kind main_system),\n"
        "every referral is handed to it as well; its service account answers through the API.\n"
        "A referral to another council is answered by that council outside Frontdoor: a MASH\n"
        "worker records who there accepted it (how and when) or why they sent it back."
    ),
)

OPEN_STATES = frozenset({H.AWAITING, H.RETURNED})


def step_up_problems(*, kind: str, what_changed: str) -> list[str]:
    problems = []
    if kind != HandoverKind.STEP_DOWN:
        problems.append("Only a child stepped down to early help can be stepped up")
    if not what_changed.strip():
        problems.append("Enter what has changed and why the child needs the MASH now")
    return problems


def council_answer_problems(
    *,
    accepted: bool | None,
    who: str,
    how: str,
    told_at: datetime | None,
    reason: str,
    handed_over_at: datetime,
    now: datetime,
) -> list[str]:
    """What a MASH worker must record of another council's answer: who there answered, how,
    and when (not before the referral, not in the future), and the reason for a return."""
    problems = []
    if accepted is None:
        problems.append("Select whether the other council accepted the referral")
    if not who.strip():
        problems.append("Enter who at the other council answered")
    if how not in HowTold.values:
        problems.append("Select how the other council answered")
    if told_at is None:
        problems.append("Enter when the other council answered")
    elif told_at > now:
        problems.append("When the other council answered must be in the past")
    elif told_at < handed_over_at.replace(second=0, microsecond=0):
        problems.append("When the other council answered must be after the referral was made")
    if accepted is False and not reason.strip():
        problems.append("Enter why the other council sent the referral back")
    return problems


def return_problems(reason: str) -> list[str]:
    if not reason.strip():
        return ["Enter why the child is being sent back to the MASH"]
    return []
