"""Strategy discussion and section 47 workflows: the whole state machine on one screen."""

from __future__ import annotations

from django.db import models

from frontdoor.workflow.machine import StateMachine


class DiscussionStatus(models.TextChoices):
    TO_BE_HELD = "to_be_held", "To be held"
    HELD = "held", "Held"


class DiscussionOutcome(models.TextChoices):
    SECTION_47 = "section_47", "Section 47 enquiry"
    ASSESSMENT = "assessment", "No section 47: child and family assessment"
    NO_FURTHER_ACTION = "nfa", "No further action"


class EnquiryStatus(models.TextChoices):
    OPEN = "open", "Open: initial child protection conference to be held"
    CONFERENCE_HELD = "conference_held", "Initial child protection conference held"
    CONFERENCE_NOT_REQUIRED = "conference_not_required", "Conference not required"


D, E = DiscussionStatus, EnquiryStatus

DISCUSSION_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "record_strategy_discussion": (frozenset({D.TO_BE_HELD}), D.HELD),
}
ENQUIRY_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "record_conference": (frozenset({E.OPEN}), E.CONFERENCE_HELD),
    "record_conference_not_required": (frozenset({E.OPEN}), E.CONFERENCE_NOT_REQUIRED),
}


DISCUSSION = StateMachine(
    name="strategy-discussion",
    title="A strategy discussion",
    noun="strategy discussion",
    states=DiscussionStatus,
    table=DISCUSSION_TRANSITIONS,
    past={"record_strategy_discussion": "recorded as held"},
    starts=(("record_decision (strategy discussion) / respond_to_repeat_missing", D.TO_BE_HELD),),
    ends=(D.HELD,),
    doc="workflow-strategy-discussion.md",
    module="frontdoor/strategy/workflow.py",
    about=(
        "Held whenever there is reasonable cause to suspect significant harm: within 24 hours\n"
        "of the decision to hold one, or the same day for serious injury or recent sexual abuse."
    ),
)

SECTION_47 = StateMachine(
    name="section-47",
    title="A section 47 enquiry",
    noun="section 47 enquiry",
    states=EnquiryStatus,
    table=ENQUIRY_TRANSITIONS,
    past={
        "record_conference": "given its conference",
        "record_conference_not_required": "recorded as needing no conference",
    },
    starts=(("record_strategy_discussion (section 47)", E.OPEN),),
    ends=(E.CONFERENCE_HELD, E.CONFERENCE_NOT_REQUIRED),
    doc="workflow-section-47.md",
    module="frontdoor/strategy/workflow.py",
    about=(
        "Started by the strategy discussion; the initial child protection conference is due\n"
        "within 15 working days of it (national)."
    ),
)


def ends_the_referral(outcome: str) -> bool:
    """A strategy discussion that decides no further action ends the referral there: the CIN
    census's ReferralNFA, read from this outcome wherever it is shown (docs/adr/0034)."""
    return outcome == DiscussionOutcome.NO_FURTHER_ACTION


def minimum_attendance_missing(attended_agencies: set[str]) -> list[str]:
    """Which of council, police and health did not attend: the warning the page shows."""
    order = ["council", "police", "health"]
    return [a for a in order if a not in attended_agencies]


def conference_problems(
    *, held_on: object, not_required_reason: str, plan: bool | None, category: object
) -> list[str]:
    """An ICPC is recorded as held (with its outcome) or as not required (with the reason)."""
    problems = []
    if held_on is None and not not_required_reason.strip():
        problems.append("Enter the date of the conference, or why a conference is not required")
    if held_on is not None and plan is None:
        problems.append("Select whether the child is subject to a child protection plan")
    if plan and category is None:
        problems.append("Select the category of abuse")
    return problems
