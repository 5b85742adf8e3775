"""Strategy discussions and section 47: policy, state, audit rows and the stored clocks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frontdoor.assessments.models import Assessment
from frontdoor.audit.models import Event
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.strategy import actions
from frontdoor.strategy.models import Section47Enquiry, StrategyDiscussion
from frontdoor.strategy.workflow import DiscussionOutcome, DiscussionStatus, EnquiryStatus
from frontdoor.workflow.errors import NotReady, StaleRecord

pytestmark = pytest.mark.django_db
LONDON = timezone.get_default_timezone()


def decide_strategy(manager, screener, team, *, same_day=False, hours=20):
    family = f.screened(screener)
    contact = f.only_child(family)
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.STRATEGY_DISCUSSION,
            rationale="Reasonable cause to suspect significant harm",
            see_by=timezone.now() + timedelta(hours=hours),
            see_by_team=team,
            strategy_same_day=same_day,
        ),
    )
    return StrategyDiscussion.objects.get(referral__contact=contact)


def participants(*attended):
    return [
        actions.ParticipantDetails(agency=a, invited=True, attended=a in attended)
        for a in ("council", "police", "health", "education")
    ]


def record(
    outcome=DiscussionOutcome.SECTION_47, held_at=None, attended=("council", "police", "health")
):
    return actions.DiscussionRecord(
        held_at=held_at or timezone.now(),
        format="Conference call",
        participants=participants(*attended),
        information_shared="Police: two call-outs this month. Health: missed appointments.",
        outcome=outcome,
        rationale="Injury unexplained; threshold for section 47 met",
        actions=[
            actions.ActionDetails("Joint visit with police", "Sam Whitfield", date(2030, 1, 1))
        ],
    )


@time_machine.travel(datetime(2026, 3, 28, 12, 0, tzinfo=UTC), tick=False)
def test_manager_deciding_a_strategy_discussion_stores_its_24_hour_clock_across_the_clock_change(
    manager, screener, area_team
):
    discussion = decide_strategy(manager, screener, area_team)
    # 12:00 GMT Saturday + 24 real hours = 12:00 UTC Sunday = 13:00 BST after the clocks go forward.
    assert discussion.due_at == datetime(2026, 3, 29, 12, 0, tzinfo=UTC)
    assert timezone.localtime(discussion.due_at).hour == 13
    assert discussion.status == DiscussionStatus.TO_BE_HELD
    assert Event.objects.filter(
        verb="strategy_discussion_requested", person=discussion.person
    ).exists()


@time_machine.travel(datetime(2026, 6, 10, 9, 30, tzinfo=UTC), tick=False)
def test_serious_injury_makes_the_strategy_discussion_due_the_same_day(
    manager, screener, area_team
):
    discussion = decide_strategy(manager, screener, area_team, same_day=True)
    local_due = timezone.localtime(discussion.due_at)
    assert (local_due.date(), local_due.hour, local_due.minute) == (date(2026, 6, 10), 23, 59)


def test_hub_worker_can_record_a_discussion_where_health_did_not_attend_and_it_is_flagged(
    hub_worker, manager, screener, area_team
):
    discussion = decide_strategy(manager, screener, area_team)
    actions.record_strategy_discussion(
        by=hub_worker, discussion=discussion, record=record(attended=("council", "police"))
    )
    discussion.refresh_from_db()
    assert discussion.status == DiscussionStatus.HELD
    assert discussion.missing_minimum() == ["Health"]
    event = Event.objects.get(verb="strategy_discussion_recorded")
    assert event.data["minimum_not_attended"] == ["health"]


@time_machine.travel(datetime(2026, 12, 17, 15, 0, tzinfo=UTC), tick=False)
def test_section_47_sets_the_conference_due_15_working_days_over_christmas_and_new_year(
    hub_worker, manager, screener, area_team
):
    discussion = decide_strategy(manager, screener, area_team)
    actions.record_strategy_discussion(by=hub_worker, discussion=discussion, record=record())
    enquiry = Section47Enquiry.objects.get(discussion=discussion)
    # From Thu 17 Dec 2026: 25 Dec, 28 Dec (Boxing Day substitute) and 1 Jan are bank holidays,
    # so the fifteenth working day is Tue 12 Jan 2027.
    assert timezone.localtime(enquiry.icpc_due_at).date() == date(2027, 1, 12)
    assert enquiry.status == EnquiryStatus.OPEN
    # A section 47 enquiry includes an assessment of the child's needs.
    assert Assessment.objects.filter(referral=discussion.referral).exists()


def test_no_section_47_starts_an_assessment_and_no_enquiry(
    hub_worker, manager, screener, area_team
):
    discussion = decide_strategy(manager, screener, area_team)
    actions.record_strategy_discussion(
        by=hub_worker, discussion=discussion, record=record(outcome=DiscussionOutcome.ASSESSMENT)
    )
    assert not Section47Enquiry.objects.exists()
    assert Assessment.objects.filter(referral=discussion.referral).count() == 1


def test_contact_officer_cannot_record_a_strategy_discussion(
    contact_officer, manager, screener, area_team
):
    discussion = decide_strategy(manager, screener, area_team)
    with pytest.raises(PermissionDenied):
        actions.record_strategy_discussion(
            by=contact_officer, discussion=discussion, record=record()
        )


def test_a_discussion_cannot_be_recorded_twice(hub_worker, manager, screener, area_team):
    discussion = decide_strategy(manager, screener, area_team)
    stale = StrategyDiscussion.objects.get(pk=discussion.pk)
    actions.record_strategy_discussion(by=hub_worker, discussion=discussion, record=record())
    with pytest.raises(StaleRecord):
        actions.record_strategy_discussion(
            by=manager, discussion=stale, record=record(), expected_version=stale.version
        )


def test_a_discussion_with_nobody_attending_is_refused(hub_worker, manager, screener, area_team):
    discussion = decide_strategy(manager, screener, area_team)
    with pytest.raises(NotReady, match="Record who attended"):
        actions.record_strategy_discussion(
            by=hub_worker, discussion=discussion, record=record(attended=())
        )


def test_area_worker_can_record_the_conference_with_a_plan_and_category(
    hub_worker, manager, screener, area_team, make_user
):
    area_worker = make_user("sam", "area_worker", team=area_team)
    discussion = decide_strategy(manager, screener, area_team)
    actions.record_strategy_discussion(by=hub_worker, discussion=discussion, record=record())
    enquiry = Section47Enquiry.objects.get(discussion=discussion)
    neglect = f.code("abuse_category", "NEG")
    actions.record_conference(
        by=area_worker,
        enquiry=enquiry,
        record=actions.ConferenceRecord(
            held_on=timezone.localdate(), child_protection_plan=True, abuse_category=neglect
        ),
    )
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.child_protection_plan, enquiry.abuse_category) == (
        EnquiryStatus.CONFERENCE_HELD,
        True,
        neglect,
    )
    assert Event.objects.get(verb="conference_recorded").data["within_15_working_days"] is True


def test_conference_not_required_needs_a_reason(hub_worker, manager, screener, area_team):
    discussion = decide_strategy(manager, screener, area_team)
    actions.record_strategy_discussion(by=hub_worker, discussion=discussion, record=record())
    enquiry = Section47Enquiry.objects.get(discussion=discussion)
    with pytest.raises(NotReady, match="why a conference is not required"):
        actions.record_conference(
            by=manager, enquiry=enquiry, record=actions.ConferenceRecord(held_on=None)
        )
    actions.record_conference(
        by=manager,
        enquiry=enquiry,
        record=actions.ConferenceRecord(
            held_on=None, not_required_reason="Concerns not substantiated"
        ),
    )
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.CONFERENCE_NOT_REQUIRED


def test_a_discussion_cannot_be_timed_before_the_decision_that_asked_for_it(
    manager, screener, area_team
):
    discussion = decide_strategy(manager, screener, area_team)
    with pytest.raises(NotReady) as problem:
        actions.record_strategy_discussion(
            by=manager,
            discussion=discussion,
            record=record(held_at=discussion.requested_at - timedelta(hours=3)),
        )
    assert problem.value.reasons[0].startswith(
        "The time the discussion was held must be after the decision that asked for it ("
    )
    discussion.refresh_from_db()
    assert discussion.status == DiscussionStatus.TO_BE_HELD
    assert not Section47Enquiry.objects.filter(discussion=discussion).exists()


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (-2, "The date of the conference must be on or after the strategy discussion"),
        (2, "The date of the conference must be today or in the past"),
    ],
)
def test_a_conference_cannot_be_dated_before_its_enquiry_or_in_the_future(
    manager, screener, area_team, days, message
):
    discussion = decide_strategy(manager, screener, area_team)
    actions.record_strategy_discussion(by=manager, discussion=discussion, record=record())
    enquiry = Section47Enquiry.objects.get(discussion=discussion)
    with pytest.raises(NotReady) as problem:
        actions.record_conference(
            by=manager,
            enquiry=enquiry,
            record=actions.ConferenceRecord(
                held_on=timezone.localdate() + timedelta(days=days),
                child_protection_plan=False,
            ),
        )
    assert any(reason.startswith(message) for reason in problem.value.reasons)
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.OPEN
