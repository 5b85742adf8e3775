"""The child in need episode (issue 16): the primary need recorded at the assessment, and the
episode closed by the assessment's authorisation with RC8 or RC9 from its outcome, untyped."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from frontdoor.access.tests.service_accounts import token_for
from frontdoor.assessments import actions
from frontdoor.assessments.tests.test_actions import decide_assessment, submission
from frontdoor.assessments.workflow import AssessmentOutcome
from frontdoor.audit.models import Event
from frontdoor.audit.timeline import describe
from frontdoor.contacts.tests import factories as f
from frontdoor.referrals.actions import close_episode
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(make_user, area_team):
    return make_user("sam", "area_worker", team=area_team)


def test_worker_records_the_primary_need_at_the_assessment(manager, screener, area_team, worker):
    assessment = decide_assessment(manager, screener, area_team)
    need = f.code("primary_need", "N4")
    actions.submit_assessment(
        by=worker, assessment=assessment, submission=submission(primary_need=need)
    )
    assessment.refresh_from_db()
    assert assessment.primary_need == need
    assert Event.objects.get(verb="assessment_submitted").data["primary_need"] == "N4"


@pytest.mark.parametrize("need", [None, "assessment_factor"])
def test_an_assessment_cannot_be_submitted_without_a_primary_need(
    manager, screener, area_team, worker, need
):
    assessment = decide_assessment(manager, screener, area_team)
    wrong = f.code("assessment_factor", "3A") if need else None
    with pytest.raises(NotReady, match="primary need"):
        actions.submit_assessment(
            by=worker, assessment=assessment, submission=submission(primary_need=wrong)
        )
    assessment.refresh_from_db()
    assert assessment.primary_need is None and assessment.submitted_at is None


@pytest.mark.parametrize(
    ("outcome", "reason"),
    [(AssessmentOutcome.NO_FURTHER_ACTION, "RC8"), (AssessmentOutcome.EARLY_HELP, "RC9")],
)
def test_authorising_an_assessment_that_ends_the_work_closes_the_episode(
    manager, screener, area_team, worker, outcome, reason
):
    assessment = decide_assessment(manager, screener, area_team)
    actions.submit_assessment(
        by=worker, assessment=assessment, submission=submission(outcome=outcome)
    )
    # 23:30 on 31 March 2027 in London (BST): the episode closes on the local day.
    with time_machine.travel(datetime(2027, 3, 31, 22, 30, tzinfo=UTC), tick=False):
        actions.authorise_assessment(by=manager, assessment=assessment, late_reason="Waited")
    referral = assessment.referral
    referral.refresh_from_db()
    assert (referral.closed_on, referral.closure_reason) == (date(2027, 3, 31), reason)
    event = Event.objects.get(verb="cin_episode_closed")
    assert event.actor == manager and event.person_id == referral.person_id
    assert describe(event).detail == f"Reason {reason}, on 31 March 2027."


def test_an_assessment_leading_to_a_plan_leaves_the_episode_open(
    manager, screener, area_team, worker
):
    assessment = decide_assessment(manager, screener, area_team)
    actions.submit_assessment(by=worker, assessment=assessment, submission=submission())
    actions.authorise_assessment(by=manager, assessment=assessment)
    assessment.referral.refresh_from_db()
    assert assessment.referral.closed_on is None and assessment.referral.closure_reason == ""
    assert not Event.objects.filter(verb="cin_episode_closed").exists()


def test_a_closed_episode_cannot_be_closed_again(manager, screener, area_team, worker):
    assessment = decide_assessment(manager, screener, area_team)
    actions.submit_assessment(
        by=worker,
        assessment=assessment,
        submission=submission(outcome=AssessmentOutcome.NO_FURTHER_ACTION),
    )
    actions.authorise_assessment(by=manager, assessment=assessment)
    with pytest.raises(NotReady, match="already closed"):
        close_episode(
            by=manager, referral=assessment.referral, on=timezone.localdate(), reason="RC7"
        )


def test_an_episode_closes_only_with_a_census_reason(manager, screener, area_team):
    assessment = decide_assessment(manager, screener, area_team)
    with pytest.raises(NotReady, match="reason for closure"):
        close_episode(
            by=manager, referral=assessment.referral, on=timezone.localdate(), reason="RC99"
        )
    assessment.referral.refresh_from_db()
    assert assessment.referral.closed_on is None


def test_the_api_takes_the_primary_need_and_names_an_unknown_one(
    manager, screener, area_team, worker
):
    assessment = decide_assessment(manager, screener, area_team)
    headers = {"Authorization": f"Bearer {token_for(worker, name='episode tests')}"}
    body = {"factors": ["3A"], "outcome": "cin_plan", "summary": "Support at home"}

    def submit(**extra):
        return Client().post(
            f"/api/assessments/{assessment.pk}/submit",
            data=json.dumps({**body, **extra}),
            content_type="application/json",
            headers=headers,
        )

    missing = submit()
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"][-1] == "primary_need"
    unknown = submit(primary_need="N99")
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"][-1] == "primary_need"
    done = submit(primary_need="N5")
    assert done.status_code == 200, done.content
    assert done.json()["primary_need"] == "N5"
