"""Transfer, allocation, visits and escalation: policy, state, audit rows and the clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frontdoor.audit.models import Event
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.visits import actions
from frontdoor.visits.models import Allocation
from frontdoor.visits.workflow import AllocationStatus
from frontdoor.workflow.errors import IllegalTransition, NotReady

pytestmark = pytest.mark.django_db


@pytest.fixture
def area_worker(make_user, area_team):
    return make_user("sam", "area_worker", team=area_team)


def decide_assessment(manager, screener, team, *, see_by=None):
    family = f.screened(screener)
    contact = f.only_child(family)
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.ASSESSMENT,
            rationale="Needs a child and family assessment",
            see_by=see_by or timezone.now() + timedelta(days=3),
            see_by_team=team,
        ),
    )
    return Allocation.objects.get(referral__contact=contact)


def seen(**overrides):
    values = {
        "visited_at": timezone.now(),
        "child_seen": True,
        "seen_alone": True,
        "location": "At school",
        "childs_views": "'I don't like it when they shout. I hide under my bed.'",
        "daily_life": "Walks to school with her brother; looks after him until mum is home.",
    }
    return actions.VisitDetails(**{**values, **overrides})


def test_manager_decision_transfers_the_child_to_the_team_with_the_see_by_clock(
    manager, screener, area_team
):
    see_by = timezone.now() + timedelta(days=2)
    allocation = decide_assessment(manager, screener, area_team, see_by=see_by)
    assert (allocation.team, allocation.see_by, allocation.status) == (
        area_team,
        see_by,
        AllocationStatus.AWAITING_ALLOCATION,
    )
    assert Event.objects.filter(verb="transferred_to_team", person=allocation.person).exists()


def test_manager_can_allocate_a_worker_and_the_assessment_follows(
    manager, screener, area_team, area_worker
):
    allocation = decide_assessment(manager, screener, area_team)
    actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    allocation.refresh_from_db()
    assert allocation.worker == area_worker and allocation.status == AllocationStatus.ALLOCATED
    assert allocation.referral.assessment.worker == area_worker


def test_area_worker_cannot_allocate(manager, screener, area_team, area_worker):
    allocation = decide_assessment(manager, screener, area_team)
    with pytest.raises(PermissionDenied):
        actions.allocate_worker(by=area_worker, allocation=allocation, worker=area_worker)


def test_area_worker_can_record_a_first_visit_with_the_childs_views_which_stops_the_clock(
    manager, screener, area_team, area_worker
):
    allocation = decide_assessment(manager, screener, area_team)
    actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    allocation.refresh_from_db()
    details = seen()
    actions.record_visit(by=area_worker, allocation=allocation, details=details)
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.SEEN
    assert allocation.first_seen_at == details.visited_at
    event = Event.objects.get(verb="visit_recorded")
    assert event.data["first_seen"] is True and event.data["within_see_by"] is True


def test_a_visit_with_the_child_seen_needs_their_views_and_daily_life(
    manager, screener, area_team, area_worker
):
    allocation = decide_assessment(manager, screener, area_team)
    actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    allocation.refresh_from_db()
    with pytest.raises(NotReady) as problem:
        actions.record_visit(
            by=area_worker, allocation=allocation, details=seen(childs_views="", daily_life=" ")
        )
    assert problem.value.reasons == [
        "Enter the child's views, in their own words",
        "Enter what the child's daily life is like",
    ]


def test_a_visit_where_the_child_was_not_seen_keeps_the_clock_running(
    manager, screener, area_team, area_worker
):
    allocation = decide_assessment(manager, screener, area_team)
    actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    allocation.refresh_from_db()
    actions.record_visit(
        by=area_worker,
        allocation=allocation,
        details=actions.VisitDetails(
            visited_at=timezone.now(),
            child_seen=False,
            location="Family home",
            not_seen_reason="No answer at the door; neighbour says the family is away",
        ),
    )
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.ALLOCATED and allocation.first_seen_at is None


def test_a_visit_cannot_be_recorded_before_a_worker_is_allocated(
    manager, screener, area_team, area_worker
):
    allocation = decide_assessment(manager, screener, area_team)
    with pytest.raises(IllegalTransition, match="Allocate the child to a worker"):
        actions.record_visit(by=area_worker, allocation=allocation, details=seen())


def test_an_overdue_visit_escalates_to_the_teams_managers_once(
    manager, screener, area_team, make_user, settings
):
    team_manager = make_user("tina", "manager", team=area_team, email="tina@wessex.example")
    allocation = decide_assessment(
        manager, screener, area_team, see_by=timezone.now() + timedelta(minutes=1)
    )
    later = timezone.now() + timedelta(hours=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
        assert actions.escalate_overdue_visits(now=later) == 1
        assert actions.escalate_overdue_visits(now=later) == 0
    allocation.refresh_from_db()
    assert allocation.escalated_at == later
    assert Event.objects.filter(verb="visit_escalated", severity="high").count() == 1
    assert [m.to for m in mail.outbox] == [[team_manager.email]]
    # The message carries no personal data: no child's name, only a link.
    assert allocation.person.first_name not in mail.outbox[0].body


def test_a_visit_cannot_be_timed_before_the_child_was_transferred(
    manager, screener, area_team, area_worker
):
    allocation = decide_assessment(manager, screener, area_team)
    actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    allocation.refresh_from_db()
    with pytest.raises(NotReady) as problem:
        actions.record_visit(
            by=area_worker,
            allocation=allocation,
            details=seen(visited_at=allocation.transferred_at - timedelta(hours=2)),
        )
    assert problem.value.reasons[0].startswith(
        f"The time of the visit must be after the child was transferred to {area_team.name} ("
    )
    allocation.refresh_from_db()
    assert allocation.first_seen_at is None and not allocation.visits.exists()
