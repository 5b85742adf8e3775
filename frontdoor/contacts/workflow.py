"""The front door's workflow for one child's contact: the whole state machine on one screen.

Read TRANSITIONS and you know the workflow. `docs/workflow.md` is generated from this table
(`manage.py workflow_diagrams`), and a test fails when the diagram is stale.

Pure: no database. Guards take plain values and return the reasons a step cannot happen yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from frontdoor.workflow.machine import StateMachine


class Status(models.TextChoices):
    AWAITING_SCREENING = "awaiting_screening", "Awaiting screening"
    SCREENED = "screened", "Screened, not yet sent to a hub"
    IN_HUB = "in_hub", "In a hub"
    AWAITING_DECISION = "awaiting_decision", "Awaiting a manager's decision"
    DECIDED = "decided", "Decided"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class Outcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    INFORMATION_AND_ADVICE = "information_advice", "Information and advice"
    EARLY_HELP = "early_help", "Step down to early help"
    ASSESSMENT = "assessment", "Child and family assessment"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
    # The child lives in another authority (moved, placed out of area): that council's front
    # door takes the referral. Not a referral here (no CIN episode, nothing in the census).
    OTHER_COUNCIL = "other_council", "Refer to another council"

    @classmethod
    def social_work_responses(cls) -> frozenset[str]:
        """Outcomes that accept the contact as a referral (CIN census) and need a see-by time."""
        return frozenset({cls.ASSESSMENT, cls.STRATEGY_DISCUSSION})


S = Status

# action name -> (states it may start from, state it leaves the contact in)
TRANSITIONS: dict[str, tuple[frozenset[Status], Status]] = {
    "record_screening": (frozenset({S.AWAITING_SCREENING, S.SCREENED}), S.SCREENED),
    "send_to_hub": (frozenset({S.SCREENED}), S.IN_HUB),
    "record_analysis": (frozenset({S.IN_HUB, S.AWAITING_DECISION}), S.AWAITING_DECISION),
    "return_to_hub": (frozenset({S.AWAITING_DECISION}), S.IN_HUB),
    # A manager may decide straight from screening (red contacts) or after the hub's work.
    "record_decision": (frozenset({S.SCREENED, S.IN_HUB, S.AWAITING_DECISION}), S.DECIDED),
}

OPEN_STATES = frozenset({S.AWAITING_SCREENING, S.SCREENED, S.IN_HUB, S.AWAITING_DECISION})


ACTION_PAST = {
    "record_screening": "screened",
    "send_to_hub": "sent to a hub",
    "record_analysis": "given a hub analysis",
    "return_to_hub": "returned to the hub",
    "record_decision": "decided",
}

CONTACT = StateMachine(
    name="contact",
    title="The front-door workflow",
    noun="contact",
    states=Status,
    table=TRANSITIONS,
    past=ACTION_PAST,
    starts=(("receive_contact", S.AWAITING_SCREENING),),
    ends=(S.DECIDED,),
    doc="workflow.md",
    module="frontdoor/contacts/workflow.py",
    about=(
        "Each child's contact moves through these states. Brothers and sisters in one family\n"
        "contact move to a hub together; each child gets their own decision."
    ),
)


# --- Readiness guards: pure functions returning the reasons a step cannot happen yet ----------


@dataclass(frozen=True)
class ChildState:
    name: str
    status: str
    linked: bool


def send_to_hub_blockers(children: list[ChildState]) -> list[str]:
    """Siblings move to a hub together, so every undecided child must be linked and screened."""
    reasons: list[str] = []
    for child in children:
        if child.status == S.DECIDED:
            continue
        if not child.linked:
            reasons.append(f"Link {child.name} to a person record before sending to a hub")
        if child.status == S.AWAITING_SCREENING:
            reasons.append(f"Record the screening for {child.name} before sending to a hub")
    if all(child.status == S.DECIDED for child in children):
        reasons.append("Every child in this contact has already been decided")
    return reasons


def sibling_prompt_blockers(unanswered_siblings: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every brother or sister on record must be considered before screening is recorded.
    Given (sibling's person id, name) pairs; each reason is about the answer for that sibling
    (`siblings.<person id>`, the screening's input for it)."""
    return [
        (f"siblings.{pk}", f"Select what should happen for {name}")
        for pk, name in unanswered_siblings
    ]


def decision_blockers(*, linked: bool, child_name: str) -> list[str]:
    if not linked:
        return [f"Link {child_name} to a person record before recording a decision"]
    return []
