"""Allocation and first-visit workflow, and the rules a visit record must meet. Pure."""

from __future__ import annotations

from django.db import models

from frontdoor.workflow.machine import StateMachine


class AllocationStatus(models.TextChoices):
    AWAITING_ALLOCATION = "awaiting_allocation", "Awaiting allocation to a worker"
    ALLOCATED = "allocated", "Allocated: child not yet seen"
    SEEN = "seen", "Child seen"


A = AllocationStatus

TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "allocate_worker": (frozenset({A.AWAITING_ALLOCATION, A.ALLOCATED}), A.ALLOCATED),
    # A visit where the child was not seen leaves the clock running (status unchanged).
    "record_visit_child_seen": (frozenset({A.ALLOCATED, A.SEEN}), A.SEEN),
    "record_visit_child_not_seen": (frozenset({A.ALLOCATED}), A.ALLOCATED),
}


ALLOCATION = StateMachine(
    name="allocation",
    title="A child transferred to a team: allocation and the first visit",
    noun="transfer",
    states=AllocationStatus,
    table=TRANSITIONS,
    refusals={
        "record_visit_child_seen": "Allocate the child to a worker before recording a visit",
        "record_visit_child_not_seen": "Allocate the child to a worker before recording a visit",
    },
    past={"allocate_worker": "allocated"},
    starts=(("record_decision (assessment or strategy discussion)", A.AWAITING_ALLOCATION),),
    ends=(A.SEEN,),
    doc="workflow-allocation.md",
    module="frontdoor/visits/workflow.py",
    about=(
        "The manager's decision sets when and by which team the child must be seen. The first\n"
        "visit where the child is seen stops that clock; a visit where the child was not seen\n"
        "leaves it running."
    ),
)


def visit_problems(
    *,
    child_seen: bool,
    seen_alone: bool | None,
    childs_views: str,
    daily_life: str,
    not_seen_reason: str,
) -> list[str]:
    """The voice of the child is required (the inspectors found too little of it)."""
    problems = []
    if child_seen:
        if seen_alone is None:
            problems.append("Select whether the child was seen alone")
        if not childs_views.strip():
            problems.append("Enter the child's views, in their own words")
        if not daily_life.strip():
            problems.append("Enter what the child's daily life is like")
    elif not not_seen_reason.strip():
        problems.append("Enter why the child was not seen")
    return problems
