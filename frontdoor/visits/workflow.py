"""Allocation and first-visit workflow, and the rules a visit record must meet. Pure."""

from __future__ import annotations

from django.db import models

from frontdoor.contacts.workflow import IllegalStep


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


class IllegalTransition(IllegalStep):
    pass


def next_status(action: str, current: str) -> str:
    allowed_from, to = TRANSITIONS[action]
    if current not in allowed_from:
        raise IllegalTransition(
            "Allocate the child to a worker before recording a visit"
            if current == A.AWAITING_ALLOCATION
            else "This cannot be recorded now"
        )
    return to


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
