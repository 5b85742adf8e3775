"""A census year recorded through the workflow's own actions (issue 16), shared by the tests of
the census, Annex A and the data-quality page."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from frontdoor.assessments import actions as assessment_actions
from frontdoor.assessments.tests.test_actions import decide_assessment, submission
from frontdoor.assessments.workflow import AssessmentOutcome
from frontdoor.contacts.tests import factories as f
from frontdoor.people.actions import record_characteristics
from frontdoor.people.characteristics import Characteristics, upn_check_letter
from frontdoor.referrals.actions import close_episode
from frontdoor.strategy import actions as strategy_actions
from frontdoor.strategy.models import ChildProtectionPlan, Section47Enquiry
from frontdoor.strategy.tests.test_actions import decide_strategy, record


def at(*moment: int):
    return time_machine.travel(datetime(*moment, tzinfo=UTC), tick=False)


def upn(digits: str) -> str:
    """A UPN with its DfE check letter in front of its 12 other characters."""
    return upn_check_letter("?" + digits) + digits


def characteristics(by, person, **overrides):
    values = {
        "sex": "F",
        "ethnicity": "WBRI",
        "disabilities": ["NONE"],
        "upn": upn("201001234567"),
        "first_language": "ENG",
    }
    record_characteristics(by=by, person=person, details=Characteristics(**{**values, **overrides}))


@pytest.fixture
def worker(make_user, area_team):
    return make_user("sam", "area_worker", team=area_team)


@pytest.fixture
def year(manager, screener, hub_worker, area_team, worker):
    return record_year(manager, screener, hub_worker, area_team, worker)


def record_year(manager, screener, hub_worker, area_team, worker):
    """Four children: one assessed and closed with no further action in the year, one on a child
    protection plan reviewed in the year, one whose episode closed before the year began, and
    one referred after it ended."""
    with at(2025, 6, 2, 9, 0):
        assessed = decide_assessment(manager, screener, area_team)
        characteristics(manager, assessed.person, sex="M", disabilities=["COMM", "LD"])
        assessment_actions.submit_assessment(
            by=worker,
            assessment=assessed,
            submission=submission(outcome=AssessmentOutcome.NO_FURTHER_ACTION),
        )
    with at(2025, 7, 10, 11, 0):
        assessment_actions.authorise_assessment(
            by=manager, assessment=assessed, late_reason="Waited"
        )

    with at(2025, 9, 1, 9, 0):
        discussion = decide_strategy(manager, screener, area_team)
        characteristics(
            manager,
            discussion.person,
            upn="",
            upn_unknown_reason="UN1",
            ethnicity="BAFR",
        )
        strategy_actions.record_strategy_discussion(
            by=hub_worker, discussion=discussion, record=record()
        )
    enquiry = Section47Enquiry.objects.get(discussion=discussion)
    with at(2025, 9, 20, 12, 0):
        strategy_actions.record_conference(
            by=manager,
            enquiry=enquiry,
            record=strategy_actions.ConferenceRecord(
                held_on=date(2025, 9, 19),
                child_protection_plan=True,
                abuse_category=f.code("abuse_category", "NEG"),
            ),
        )
    plan = ChildProtectionPlan.objects.get(section47=enquiry)
    with at(2025, 12, 10, 12, 0):
        strategy_actions.record_review_conference(
            by=manager,
            plan=plan,
            review=strategy_actions.ReviewRecord(
                held_on=date(2025, 12, 10),
                category=f.code("abuse_category", "MUL"),
                plan_continues=True,
                end_reason="",
            ),
        )

    with at(2024, 10, 1, 9, 0):
        before = decide_assessment(manager, screener, area_team)
        characteristics(manager, before.person, upn="", upn_unknown_reason="UN2")
    with at(2025, 2, 3, 9, 0):
        close_episode(by=manager, referral=before.referral, on=date(2025, 2, 3), reason="RC7")

    with at(2026, 5, 5, 9, 0):
        after = decide_assessment(manager, screener, area_team)
        characteristics(manager, after.person, upn="", upn_unknown_reason="UN3")
    return {"assessed": assessed, "plan": plan, "before": before, "after": after}
