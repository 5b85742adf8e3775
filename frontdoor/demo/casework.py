"""Demo casework after the front door: children allocated and visited, strategy discussions
held, section 47 enquiries and assessments at every stage, and some children not seen in time.

Synthetic; put through the real actions at the moments they would have happened.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.assessments import actions as assessment_actions
from frontdoor.assessments.models import Assessment
from frontdoor.codelists.models import Code, CodeList
from frontdoor.demo.seed import at
from frontdoor.strategy import actions as strategy_actions
from frontdoor.strategy.models import Section47Enquiry, StrategyDiscussion
from frontdoor.strategy.workflow import DiscussionOutcome
from frontdoor.visits import actions as visit_actions
from frontdoor.visits.models import Allocation

VIEWS = [
    "'I like it at Nan's. It's quiet there and she makes pancakes.'",
    "'Mum cries a lot. I make my brother's breakfast so she can sleep.'",
    "'I don't want to go home when he's there. He shouts at the dog.'",
    "Too young to say; smiled and babbled, reached for her mother, settled quickly when held.",
]
DAILY_LIFE = [
    "Walks to school with a friend; after school plays football on the green until tea.",
    "Gets himself and his sister up for school; often late; says he is tired in class.",
    "Attends nursery three mornings a week; the rest of the time at home with mum.",
]


def seed_casework(users: dict[str, User], rng: random.Random) -> None:
    now = timezone.now()
    manager, worker, hub_worker = users["maya"], users["sam"], users["hamid"]
    for allocation in Allocation.objects.select_related("referral").order_by("transferred_at"):
        _hold_strategy_discussion(allocation, hub_worker, rng, now)
        if rng.random() < 0.8:
            moment = min(allocation.transferred_at + timedelta(hours=rng.randint(1, 6)), now)
            with at(moment):
                visit_actions.allocate_worker(by=manager, allocation=allocation, worker=worker)
            allocation.refresh_from_db()
            _first_visit(allocation, worker, rng, now)
    _assessments(users, rng, now)
    visit_actions.escalate_overdue_visits(now=now)


def _hold_strategy_discussion(
    allocation: Allocation, hub_worker: User, rng: random.Random, now: datetime
) -> None:
    discussion = StrategyDiscussion.objects.filter(referral=allocation.referral).first()
    if discussion is None:
        return
    held_at = discussion.requested_at + timedelta(hours=rng.randint(2, 30))
    if held_at >= now:
        return
    health_came = rng.random() < 0.75
    # Now and then a discussion decides no further action: the census's ReferralNFA, whose
    # episode closes that day (docs/adr/0034).
    outcome = rng.choice(
        [DiscussionOutcome.SECTION_47] * 4
        + [DiscussionOutcome.ASSESSMENT] * 2
        + [DiscussionOutcome.NO_FURTHER_ACTION]
    )
    with at(held_at + timedelta(minutes=45)):
        strategy_actions.record_strategy_discussion(
            by=hub_worker,
            discussion=discussion,
            record=strategy_actions.DiscussionRecord(
                held_at=held_at,
                format="Conference call",
                participants=[
                    strategy_actions.ParticipantDetails("council", True, True, "Hamid Rahman"),
                    strategy_actions.ParticipantDetails(
                        "police",
                        True,
                        True,
                        "DC Lowe",
                        information_shared="Two call-outs this month.",
                    ),
                    strategy_actions.ParticipantDetails(
                        "health",
                        True,
                        health_came,
                        "Health visitor",
                        information_shared="Missed developmental checks." if health_came else "",
                    ),
                    strategy_actions.ParticipantDetails(
                        "education", True, rng.random() < 0.6, "School DSL"
                    ),
                ],
                information_shared="History of domestic abuse; injuries not explained.",
                outcome=outcome,
                rationale="Reasonable cause to suspect significant harm; agencies agree.",
                actions=[
                    strategy_actions.ActionDetails(
                        "Joint visit with police", "Sam Whitfield", timezone.localdate()
                    )
                ],
            ),
        )
    enquiry = Section47Enquiry.objects.filter(discussion=discussion).first()
    if enquiry is not None and enquiry.icpc_due_at < now and rng.random() < 0.7:
        conference_day = timezone.localtime(enquiry.icpc_due_at).date() - timedelta(
            days=rng.randint(-2, 5)
        )
        with at(min(enquiry.icpc_due_at, now)):
            strategy_actions.record_conference(
                by=User.objects.get(username="maya"),
                enquiry=enquiry,
                record=strategy_actions.ConferenceRecord(
                    held_on=min(conference_day, timezone.localdate()),
                    child_protection_plan=True,
                    abuse_category=Code.objects.get(code_list=CodeList.ABUSE_CATEGORY, code="NEG"),
                ),
            )


def _first_visit(allocation: Allocation, worker: User, rng: random.Random, now: datetime) -> None:
    visited = allocation.transferred_at + timedelta(hours=rng.randint(3, 120))
    if visited >= now or rng.random() < 0.15:
        return  # not visited yet: some of these are overdue, as in a real team
    with at(visited + timedelta(hours=1)):
        visit_actions.record_visit(
            by=worker,
            allocation=allocation,
            details=visit_actions.VisitDetails(
                visited_at=visited,
                child_seen=True,
                seen_alone=rng.random() < 0.7,
                location=rng.choice(["Family home", "School", "Grandmother's home"]),
                childs_views=rng.choice(VIEWS),
                daily_life=rng.choice(DAILY_LIFE),
            ),
        )


def _assessments(users: dict[str, User], rng: random.Random, now: datetime) -> None:
    factors = list(
        Code.objects.filter(
            code_list=CodeList.ASSESSMENT_FACTOR, code__in=["3A", "4B", "16A", "2B"]
        )
    )
    needs = list(Code.objects.filter(code_list=CodeList.PRIMARY_NEED, code__in=["N1", "N4", "N5"]))
    for assessment in Assessment.objects.filter(worker__isnull=False).order_by("started_at"):
        submitted = assessment.started_at + timedelta(days=rng.randint(5, 40))
        if submitted >= now or rng.random() < 0.4:
            continue
        late = submitted > assessment.due_at
        outcome = rng.choice(["cin_plan", "nfa", "early_help"])
        if Section47Enquiry.objects.filter(discussion__referral=assessment.referral_id).exists():
            # A child under a section 47 enquiry is not closed by the assessment: the
            # conference decides (and the census would query an episode closed before it).
            outcome = "cin_plan"
        with at(submitted):
            assessment_actions.submit_assessment(
                by=users["sam"],
                assessment=assessment,
                submission=assessment_actions.AssessmentSubmission(
                    factors=rng.sample(factors, 2),
                    outcome=outcome,
                    summary="Worries about domestic abuse and parental mental health; a protective grandmother.",
                    late_reason="The father could not be seen sooner." if late else "",
                    primary_need=rng.choice(needs),
                ),
            )
        authorised = submitted + timedelta(days=rng.randint(1, 4))
        if authorised < now:
            with at(authorised):
                assessment_actions.authorise_assessment(by=users["maya"], assessment=assessment)
