"""Assessments: the 45-working-day clock, factors and outcome, late reasons, authorisation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frontdoor.assessments import actions
from frontdoor.assessments.models import Assessment
from frontdoor.assessments.workflow import AssessmentOutcome, AssessmentStatus
from frontdoor.audit.models import Event
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db


def decide_assessment(manager, screener, team, received_at=None):
    family = f.screened(screener, received_at=received_at)
    contact = f.only_child(family)
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.ASSESSMENT,
            rationale="Needs assessment",
            see_by=timezone.now() + timedelta(days=3),
            see_by_team=team,
        ),
    )
    return Assessment.objects.get(referral__contact=contact)


def submission(**overrides):
    values = {
        "factors": [f.code("assessment_factor", "3A"), f.code("assessment_factor", "4B")],
        "outcome": AssessmentOutcome.CHILD_IN_NEED_PLAN,
        "summary": "Domestic abuse witnessed; mother's mental health; strengths in the family.",
        "primary_need": f.code("primary_need", "N1"),
    }
    return actions.AssessmentSubmission(**{**values, **overrides})


@time_machine.travel(datetime(2027, 3, 1, 10, 0, tzinfo=UTC), tick=False)
def test_assessment_is_due_45_working_days_from_the_referral_over_easter(
    manager, screener, area_team
):
    assessment = decide_assessment(
        manager, screener, area_team, received_at=timezone.now() - timedelta(hours=2)
    )
    # Mon 1 Mar 2027 + 45 working days, skipping Good Friday (26 Mar), Easter Monday (29 Mar)
    # and the early May bank holiday (3 May): Thursday 6 May.
    assert timezone.localtime(assessment.due_at).date() == date(2027, 5, 6)
    assert assessment.due_at == assessment.referral.assessment_due_at


def test_area_worker_can_submit_and_a_manager_authorise_within_time(
    manager, screener, area_team, make_user
):
    worker = make_user("sam", "area_worker", team=area_team)
    assessment = decide_assessment(manager, screener, area_team)
    actions.submit_assessment(by=worker, assessment=assessment, submission=submission())
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert sorted(assessment.factors.values_list("code", flat=True)) == ["3A", "4B"]
    actions.authorise_assessment(by=manager, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AUTHORISED and assessment.authorised_by == manager
    assert Event.objects.get(verb="assessment_authorised").data["within_45_working_days"] is True


def test_a_submission_needs_factors_and_an_outcome(manager, screener, area_team, make_user):
    worker = make_user("sam", "area_worker", team=area_team)
    assessment = decide_assessment(manager, screener, area_team)
    with pytest.raises(NotReady) as problem:
        actions.submit_assessment(
            by=worker, assessment=assessment, submission=submission(factors=[], outcome="")
        )
    assert "Select the outcome of the assessment" in problem.value.reasons


def test_a_late_assessment_needs_a_reason(manager, screener, area_team, make_user):
    worker = make_user("sam", "area_worker", team=area_team)
    assessment = decide_assessment(manager, screener, area_team)
    with time_machine.travel(assessment.due_at + timedelta(days=1), tick=False):
        with pytest.raises(NotReady, match="later than 45 working days"):
            actions.submit_assessment(by=worker, assessment=assessment, submission=submission())
        actions.submit_assessment(
            by=worker,
            assessment=assessment,
            submission=submission(late_reason="Father could not be seen until now"),
        )
        actions.authorise_assessment(by=manager, assessment=assessment)
    assert Event.objects.get(verb="assessment_authorised").data["within_45_working_days"] is False


def test_worker_cannot_authorise(manager, screener, area_team, make_user):
    worker = make_user("sam", "area_worker", team=area_team)
    assessment = decide_assessment(manager, screener, area_team)
    actions.submit_assessment(by=worker, assessment=assessment, submission=submission())
    with pytest.raises(PermissionDenied):
        actions.authorise_assessment(by=worker, assessment=assessment)


def test_manager_can_return_an_assessment_with_a_reason(manager, screener, area_team, make_user):
    worker = make_user("sam", "area_worker", team=area_team)
    assessment = decide_assessment(manager, screener, area_team)
    actions.submit_assessment(by=worker, assessment=assessment, submission=submission())
    actions.return_assessment(by=manager, assessment=assessment, reason="Speak to the father")
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    assert Event.objects.get(verb="assessment_returned").reason == "Speak to the father"
