"""Assessment workflow: in progress → submitted → authorised. Pure."""

from __future__ import annotations

from datetime import datetime

from django.db import models

from frontdoor.workflow.machine import StateMachine


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted for authorisation"
    AUTHORISED = "authorised", "Authorised"


class AssessmentOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    CHILD_IN_NEED_PLAN = "cin_plan", "Child in need plan"
    SECTION_47 = "section_47", "Section 47 enquiry"
    EARLY_HELP = "early_help", "Step down to early help"


S = AssessmentStatus

TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit_assessment": (frozenset({S.IN_PROGRESS}), S.SUBMITTED),
    "return_assessment": (frozenset({S.SUBMITTED}), S.IN_PROGRESS),
    "authorise_assessment": (frozenset({S.SUBMITTED}), S.AUTHORISED),
}


ASSESSMENT = StateMachine(
    name="assessment",
    title="A child and family assessment",
    noun="assessment",
    states=AssessmentStatus,
    table=TRANSITIONS,
    past={
        "submit_assessment": "submitted",
        "return_assessment": "returned to the worker",
        "authorise_assessment": "authorised",
    },
    starts=(("record_decision (assessment) / record_strategy_discussion", S.IN_PROGRESS),),
    ends=(S.AUTHORISED,),
    doc="workflow-assessment.md",
    module="frontdoor/assessments/workflow.py",
    about=(
        "At most 45 working days from the referral (national); a later one records why. The\n"
        "manager's authorisation is the completion date the CIN census counts."
    ),
)


def submission_problems(
    *, outcome: str, factor_count: int, late: bool, late_reason: str
) -> list[str]:
    problems = []
    if not outcome:
        problems.append("Select the outcome of the assessment")
    if factor_count == 0:
        problems.append("Select the factors identified, or '21 No factors identified'")
    if late and not late_reason.strip():
        problems.append("Enter why the assessment is later than 45 working days")
    return problems


def is_late(due_at: datetime, at: datetime) -> bool:
    return at > due_at
