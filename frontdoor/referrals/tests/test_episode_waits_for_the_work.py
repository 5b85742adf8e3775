"""A child in need episode never closes over its own open work (issue 16, docs/adr/0034): an
assessment whose outcome ends the work (no further action, early help) closes the episode when
it is authorised, but not while the referral's section 47 enquiry waits for its conference or a
child protection plan from it is open. The authorisation is refused with the reason, and nothing
is written; once the conference or the plan's end is recorded it goes through."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from frontdoor.assessments import actions as assessment_actions
from frontdoor.assessments.models import Assessment
from frontdoor.assessments.tests.test_actions import submission
from frontdoor.assessments.workflow import AssessmentOutcome, AssessmentStatus
from frontdoor.audit.models import Event
from frontdoor.contacts.tests import factories as f
from frontdoor.referrals.actions import close_episode
from frontdoor.strategy import actions as strategy_actions
from frontdoor.strategy.models import ChildProtectionPlan, Section47Enquiry
from frontdoor.strategy.tests.test_actions import decide_strategy, record
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db


def at(*moment: int):
    return time_machine.travel(datetime(*moment, tzinfo=UTC), tick=False)


@pytest.fixture
def worker(make_user, area_team):
    return make_user("sam", "area_worker", team=area_team)


@pytest.fixture
def enquiry(manager, screener, hub_worker, area_team):
    """A section 47 enquiry (and the assessment the strategy discussion opened beside it)."""
    with at(2026, 9, 1, 9, 0):
        discussion = decide_strategy(manager, screener, area_team)
        strategy_actions.record_strategy_discussion(
            by=hub_worker, discussion=discussion, record=record()
        )
    return Section47Enquiry.objects.get(discussion=discussion)


def submitted(worker, enquiry, outcome):
    assessment = Assessment.objects.get(referral=enquiry.discussion.referral)
    with at(2026, 9, 8, 9, 0):
        assessment_actions.submit_assessment(
            by=worker, assessment=assessment, submission=submission(outcome=outcome)
        )
    return assessment


def conference(manager, enquiry, *, plan):
    with at(2026, 9, 18, 12, 0):
        strategy_actions.record_conference(
            by=manager,
            enquiry=enquiry,
            record=strategy_actions.ConferenceRecord(
                held_on=date(2026, 9, 18),
                child_protection_plan=plan,
                abuse_category=f.code("abuse_category", "NEG") if plan else None,
            ),
        )


def authorise(manager, assessment, *moment):
    with at(*moment):
        return assessment_actions.authorise_assessment(
            by=manager, assessment=assessment, late_reason="Waited for the conference"
        )


@pytest.mark.parametrize(
    "outcome", [AssessmentOutcome.NO_FURTHER_ACTION, AssessmentOutcome.EARLY_HELP]
)
def test_a_manager_cannot_authorise_an_assessment_ending_the_work_while_the_enquiry_is_open(
    manager, worker, enquiry, outcome
):
    assessment = submitted(worker, enquiry, outcome)
    with pytest.raises(NotReady, match="section 47 enquiry is still open") as refused:
        authorise(manager, assessment, 2026, 9, 10, 9, 0)
    assert "return it to the worker to change the outcome" in str(refused.value)
    assessment.refresh_from_db()
    assert (assessment.status, assessment.authorised_at) == (AssessmentStatus.SUBMITTED, None)
    referral = assessment.referral
    referral.refresh_from_db()
    assert referral.closed_on is None
    assert not Event.objects.filter(verb__in=["assessment_authorised", "cin_episode_closed"])


def test_a_manager_can_authorise_it_once_the_conference_decides_no_plan(manager, worker, enquiry):
    assessment = submitted(worker, enquiry, AssessmentOutcome.NO_FURTHER_ACTION)
    conference(manager, enquiry, plan=False)
    authorise(manager, assessment, 2026, 9, 21, 9, 0)
    referral = assessment.referral
    referral.refresh_from_db()
    assert (referral.closed_on, referral.closure_reason) == (date(2026, 9, 21), "RC8")


def test_a_manager_cannot_close_the_episode_over_an_open_plan_until_a_review_ends_it(
    manager, worker, enquiry
):
    assessment = submitted(worker, enquiry, AssessmentOutcome.NO_FURTHER_ACTION)
    conference(manager, enquiry, plan=True)
    with pytest.raises(NotReady, match="on a child protection plan from this referral"):
        authorise(manager, assessment, 2026, 9, 21, 9, 0)
    plan = ChildProtectionPlan.objects.get(section47=enquiry)
    with at(2026, 12, 1, 12, 0):
        strategy_actions.record_review_conference(
            by=manager,
            plan=plan,
            review=strategy_actions.ReviewRecord(
                held_on=date(2026, 12, 1),
                category=f.code("abuse_category", "NEG"),
                plan_continues=False,
                end_reason="no_longer_at_risk",
            ),
        )
    authorise(manager, assessment, 2026, 12, 2, 9, 0)
    referral = assessment.referral
    referral.refresh_from_db()
    assert (referral.closed_on, referral.closure_reason) == (date(2026, 12, 2), "RC8")


def test_the_one_closing_writer_refuses_whoever_calls_it(manager, enquiry):
    # The guard is in the writer every closure goes through, not in one caller.
    with at(2026, 9, 10, 9, 0), pytest.raises(NotReady, match="section 47 enquiry"):
        close_episode(
            by=manager, referral=enquiry.discussion.referral, on=date(2026, 9, 10), reason="RC7"
        )


def test_an_assessment_with_a_plan_outcome_is_authorised_while_the_enquiry_runs(
    manager, worker, enquiry
):
    assessment = submitted(worker, enquiry, AssessmentOutcome.CHILD_IN_NEED_PLAN)
    authorise(manager, assessment, 2026, 9, 10, 9, 0)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AUTHORISED
    assert assessment.referral.closed_on is None
