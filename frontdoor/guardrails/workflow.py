"""A decision below the risk indicators goes to a second manager: the review's state machine.
Pure: no database."""

from __future__ import annotations

from django.db import models

from frontdoor.workflow.machine import StateMachine


class ReviewStatus(models.TextChoices):
    NOT_SAMPLED = "not_sampled", "Not sampled for second review"
    AWAITING = "awaiting", "Awaiting second review"
    AGREED = "agreed", "Second manager agreed"
    DISAGREED = "disagreed", "Second manager disagreed"


R = ReviewStatus

SECOND_REVIEW = StateMachine(
    name="second-review",
    title="A second review of a decision below the risk indicators",
    noun="decision",
    states=ReviewStatus,
    table={
        "agree_with_decision": (frozenset({R.AWAITING}), R.AGREED),
        "disagree_with_decision": (frozenset({R.AWAITING}), R.DISAGREED),
    },
    refusals={
        "agree_with_decision": "This decision is not awaiting a second review",
        "disagree_with_decision": "This decision is not awaiting a second review",
    },
    starts=(("record_decision (below the indicators)", R.AWAITING),),
    ends=(R.AGREED, R.DISAGREED),
    doc="workflow-second-review.md",
    module="frontdoor/guardrails/workflow.py",
    about=(
        "A manager's decision whose response is lower than the risk indicators suggest is\n"
        "answered indicator by indicator and goes to a different manager, who agrees or\n"
        "disagrees with reasons (docs/adr/0010)."
    ),
)
