"""Casework in each state, reached through the real actions (for API fuzzing and tests)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from frontdoor.assessments.models import Assessment
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.strategy import actions as strategy_actions
from frontdoor.strategy.models import Section47Enquiry, StrategyDiscussion
from frontdoor.strategy.workflow import DiscussionOutcome
from frontdoor.teams.models import Team, TeamKind
from frontdoor.visits.models import Allocation


def decided(manager: Any, outcome: str, team: Team, first: str = "Amy") -> Allocation:
    family = f.screened(manager, children=[f.child(first)])
    contact = f.only_child(family)
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome, "Reasonable cause", timezone.now() + timedelta(hours=20), team
        ),
    )
    return Allocation.objects.get(referral__contact=contact)


def fuzz_ids(manager: Any) -> dict[str, list[str]]:
    """A strategy discussion to hold, one held with a section 47 enquiry, a transfer and an
    assessment: real ids for every casework path parameter."""
    team = Team.objects.get_or_create(
        slug="fuzz-area", defaults={"name": "Fuzz area team", "kind": TeamKind.AREA}
    )[0]
    to_hold = decided(manager, Outcome.STRATEGY_DISCUSSION, team, "Ava")
    held = decided(manager, Outcome.STRATEGY_DISCUSSION, team, "Ben")
    assessed = decided(manager, Outcome.ASSESSMENT, team, "Cal")
    discussion = StrategyDiscussion.objects.get(referral=held.referral)
    strategy_actions.record_strategy_discussion(
        by=manager,
        discussion=discussion,
        record=strategy_actions.DiscussionRecord(
            held_at=timezone.now(),
            format="Conference call",
            participants=[strategy_actions.ParticipantDetails("council", True, True)],
            information_shared="",
            outcome=DiscussionOutcome.SECTION_47,
            rationale="Threshold met",
        ),
    )
    return {
        "discussion_id": [
            str(StrategyDiscussion.objects.get(referral=to_hold.referral).pk),
            str(discussion.pk),
        ],
        "enquiry_id": [str(Section47Enquiry.objects.get(discussion=discussion).pk)],
        "allocation_id": [str(to_hold.pk), str(assessed.pk)],
        "assessment_id": [str(Assessment.objects.get(referral=assessed.referral).pk)],
    }
