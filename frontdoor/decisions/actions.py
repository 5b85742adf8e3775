"""A manager's decision for one or more siblings: its problems and the threshold guardrails
checked first, the decision recorded with its audit event, a decision below the indicators
noted, the referrer's feedback clock started, and a social work response turned into a
referral, a transfer and an assessment or strategy discussion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.assessments.actions import open_assessment
from frontdoor.audit.actions import record_event
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.actions.transitions import _same_family
from frontdoor.contacts.models import Contact, Decision
from frontdoor.contacts.workflow import CONTACT, Outcome, Status, decision_blockers
from frontdoor.guardrails.actions import check_decision, record_below_indicators
from frontdoor.handovers.actions import early_help_team, main_system_team, open_handover
from frontdoor.partners.actions import open_referrer_feedback
from frontdoor.practice.actions import add_from_stage
from frontdoor.practice.rules import Stage
from frontdoor.referrals.actions import open_referral
from frontdoor.strategy.actions import open_strategy_discussion
from frontdoor.teams.models import TeamKind
from frontdoor.visits.actions import open_allocation
from frontdoor.workflow.compare_and_set import move
from frontdoor.workflow.errors import AlreadyRecorded, NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.teams.models import Team


@dataclass(frozen=True)
class DecisionDetails:
    outcome: str
    rationale: str
    see_by: datetime | None = None
    see_by_team: Team | None = None
    # Serious injury or recent sexual abuse: the strategy discussion is held the same day.
    strategy_same_day: bool = False
    # Threshold guardrails (frontdoor/guardrails): indicator code -> why it does not need the
    # response it suggests. Needed for each indicator pointing above the outcome.
    indicator_answers: dict[str, str] = field(default_factory=dict)
    # Optional additions to the child's risk, need and strength analysis (frontdoor/practice).
    analysis: dict[str, str] = field(default_factory=dict)
    # For a referral to another council: which one (a code of the local_authority list).
    other_council: Code | None = None


def _decision_problems(details: DecisionDetails, now: datetime) -> list[str]:
    problems = []
    if not details.rationale.strip():
        problems.append("Enter the rationale for the decision")
    if details.outcome in Outcome.social_work_responses():
        if details.see_by is None:
            problems.append("Enter the date and time by which the child must be seen")
        elif details.see_by <= now:
            problems.append("The time the child must be seen by must be in the future")
        if details.see_by_team is None:
            problems.append("Choose the team that will see the child")
    if details.outcome == Outcome.OTHER_COUNCIL:
        problems += _other_council_problems(details.other_council)
    return problems


def _other_council_problems(council: Code | None) -> list[str]:
    if council is None or council.code_list != CodeList.LOCAL_AUTHORITY or not council.active:
        return ["Select the council the child is referred to"]
    if council.code == settings.FRONTDOOR_DFE_LA_NUMBER:
        # A referral "to another council" that is this one would leave the child with nobody.
        return ["The child cannot be referred to this council: select another council"]
    return []


def _already_recorded(by: User, contacts: Sequence[Contact], details: DecisionDetails) -> bool:
    """Every child already decided, by this manager, with this outcome, rationale and (for a
    referral to another council) council: the request is a retry of one that succeeded (issue
    15). The same words naming another council are a different decision, refused as one."""
    if any(c.status != Status.DECIDED for c in contacts):
        return False
    council = details.other_council if details.outcome == Outcome.OTHER_COUNCIL else None
    return Decision.objects.filter(
        contact__in=contacts,
        decided_by=by,
        outcome=details.outcome,
        rationale=details.rationale,
        other_council=council,
    ).count() == len(contacts)


def record_decision(
    *,
    by: User,
    contacts: Sequence[Contact],
    details: DecisionDetails,
    versions: dict[str, int] | None = None,
) -> list[Decision]:
    """Record a manager's decision for one or more siblings. A social work response (assessment
    or strategy discussion) makes each child's contact a referral and starts its clocks."""
    require(by, "record_decision")
    _same_family(contacts)
    if _already_recorded(by, contacts, details):
        raise AlreadyRecorded()
    now = timezone.now()
    problems = _decision_problems(details, now)
    for contact in contacts:
        problems += decision_blockers(
            linked=contact.person_id is not None, child_name=contact.child_name
        )
    guardrail = check_decision(contacts, details.outcome, details.indicator_answers)
    problems += guardrail.problems
    receiver = _receiving_team(details)
    main_system = main_system_team() if details.outcome in Outcome.social_work_responses() else None
    if details.outcome == Outcome.EARLY_HELP and receiver is None:
        problems.append("No early help team is set up to receive children: ask an administrator")
    if problems:
        raise NotReady(problems)
    decisions = []
    with transaction.atomic():
        for contact in contacts:
            decided_from = contact.status
            # Before the decision, which may end the episode (docs/adr/0014).
            add_from_stage(
                by=by, person=contact.person, stage=Stage.DECISION, texts=details.analysis
            )
            move(contact, CONTACT, "record_decision", (versions or {}).get(str(contact.pk)))
            decision = Decision.objects.create(
                contact=contact,
                outcome=details.outcome,
                rationale=details.rationale,
                see_by=details.see_by
                if details.outcome in Outcome.social_work_responses()
                else None,
                see_by_team=(
                    details.see_by_team
                    if details.outcome in Outcome.social_work_responses()
                    else None
                ),
                other_council=(
                    details.other_council if details.outcome == Outcome.OTHER_COUNCIL else None
                ),
                rag=contact.rag,
                strategy_same_day=(
                    details.strategy_same_day and details.outcome == Outcome.STRATEGY_DISCUSSION
                ),
                decided_from=decided_from,
                decided_by=by,
                decided_at=now,
            )
            record_event(
                actor=by,
                verb="decision_recorded",
                family_contact=contact.family,
                contact=contact,
                person=contact.person,
                data={
                    "outcome": details.outcome,
                    "outcome_label": Outcome(details.outcome).label,
                    "see_by": decision.see_by.isoformat() if decision.see_by else "",
                    "team": decision.see_by_team.name if decision.see_by_team else "",
                    **(
                        {
                            "council": decision.other_council.code,
                            "council_name": decision.other_council.label,
                        }
                        if decision.other_council
                        else {}
                    ),
                    "within_decision_time": now <= contact.decision_due_at,
                },
            )
            record_below_indicators(
                by=by,
                contact=contact,
                decision=decision,
                check=guardrail,
                answers=details.indicator_answers,
            )
            if details.outcome in Outcome.social_work_responses():
                _start_social_work_response(by, contact, decision)
            if receiver is not None:
                # The child leaves the MASH: nobody has them until the receiver says so.
                open_handover(by=by, decision=decision, team=receiver)
            if decision.other_council is not None:
                # Another council's front door takes the referral: its answer is recorded here.
                open_handover(by=by, decision=decision, council=decision.other_council)
            if main_system is not None:
                # A referral is the main case system's too: it says when it has the case.
                open_handover(by=by, decision=decision, team=main_system)
            # The referrer is told the outcome within 1 working day: that clock starts now.
            open_referrer_feedback(by=by, contact=contact, decision=decision)
            decisions.append(decision)
    return decisions


def _receiving_team(details: DecisionDetails) -> Team | None:
    """The team a decision hands the child to (issue 18): early help for a step-down, the area
    team named for a social work response. A hub named to see the child keeps them in the MASH:
    no handover."""
    if details.outcome == Outcome.EARLY_HELP:
        return early_help_team()
    team = details.see_by_team
    if details.outcome in Outcome.social_work_responses() and team and team.kind == TeamKind.AREA:
        return team
    return None


def _start_social_work_response(by: User, contact: Contact, decision: Decision) -> None:
    """A social work response makes the contact a referral, transfers the child to the team
    named on the decision (the see-by clock), and starts the assessment or requests the
    strategy discussion (its own clock: 24 hours, or the same day)."""
    referral = open_referral(by=by, contact=contact, decision=decision)
    open_allocation(by=by, referral=referral, decision=decision)
    if decision.outcome == Outcome.ASSESSMENT:
        open_assessment(by=by, referral=referral, started_at=decision.decided_at)
    else:
        open_strategy_discussion(
            by=by,
            referral=referral,
            same_day=decision.strategy_same_day,
            requested_at=decision.decided_at,
        )
