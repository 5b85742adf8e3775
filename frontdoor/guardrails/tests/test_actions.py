"""Threshold guardrails: which indicators are found, the answers a step down needs, the record
of every decision below the indicators, and the second manager's review."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frontdoor.audit.models import Event
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.guardrails import actions
from frontdoor.guardrails.indicators import indicators_for
from frontdoor.guardrails.models import (
    BelowIndicatorDecision,
    RecordedIndicator,
    RiskIndicator,
    Setting,
)
from frontdoor.guardrails.tests import factories as g
from frontdoor.guardrails.workflow import ReviewStatus
from frontdoor.missing.tests import factories as missing_f
from frontdoor.workflow.errors import NotReady, StaleRecord

pytestmark = pytest.mark.django_db

DASH_QUESTION = "Explain why a high DASH risk level does not need an assessment"
PLAN_QUESTION = "Explain why a previous child protection plan does not need an assessment"


@pytest.fixture
def area_worker(make_user, area_team):
    return make_user("sam", "area_worker", team=area_team)


@pytest.fixture
def planned_child(manager, screener, area_worker, area_team):
    """A child with a previous plan, the subject of a new contact with a high DASH level."""
    person = g.previous_plan(manager, screener, area_worker, area_team)
    return g.with_high_dash(screener, g.new_contact_about(screener, person))


def codes(contact):
    return [found.code for found in indicators_for(contact)]


# --- Which indicators are found --------------------------------------------------------------


def test_a_child_with_no_history_and_no_indicator_recorded_has_none(screener):
    contact = f.only_child(f.screened(screener))
    assert codes(contact) == []


def test_screener_can_record_a_high_dash_level_and_the_reason_is_shown(screener):
    contact = g.with_high_dash(screener, f.only_child(f.screened(screener)))
    [found] = indicators_for(contact)
    assert (found.code, found.minimum) == ("high-dash", Outcome.ASSESSMENT)
    assert "DASH high, 16 ticks" in found.why
    assert Event.objects.get(verb="risk_indicators_recorded").data["added"] == ["high-dash"]


def test_hub_worker_can_withdraw_an_indicator_recorded_in_error(screener, hub_worker):
    contact = g.with_high_dash(screener, f.only_child(f.screened(screener)))
    actions.record_indicators(by=hub_worker, contact=contact, indicators=[])
    assert RecordedIndicator.objects.count() == 0
    assert Event.objects.filter(verb="risk_indicators_recorded").last().data["withdrawn"] == [
        "high-dash"
    ]


def test_contact_officer_cannot_record_risk_indicators(contact_officer, screener):
    contact = f.only_child(f.screened(screener))
    with pytest.raises(PermissionDenied):
        actions.record_indicators(by=contact_officer, contact=contact, indicators=[])


def test_a_previous_child_protection_plan_is_found_from_the_conference(planned_child):
    assert codes(planned_child) == ["high-dash", "previous-plan"]


def test_a_child_under_one_is_found_from_the_date_of_birth(screener):
    baby = f.child("Bea", born=timezone.localdate() - timedelta(days=40))
    contact = f.only_child(f.screened(screener, children=[baby]))
    assert codes(contact) == ["under-one"]
    assert indicators_for(contact)[0].why == "Child is 5 weeks old"


def test_injury_to_a_non_mobile_baby_points_to_a_strategy_discussion(screener):
    person = f.person("Cai", born=timezone.localdate() - timedelta(days=60))
    contact = g.new_contact_about(screener, person, concerns=("PHY",))
    assert codes(contact) == ["non-mobile-injury", "under-one"]
    assert indicators_for(contact)[0].minimum == Outcome.STRATEGY_DISCUSSION


def test_physical_injury_to_an_older_child_is_not_a_non_mobile_baby(screener):
    contact = g.new_contact_about(screener, f.person(), concerns=("PHY",))
    assert codes(contact) == []


def test_an_allegation_of_sexual_abuse_is_found_from_the_concern_category(screener):
    contact = g.new_contact_about(screener, f.person(), concerns=("SEX",))
    assert codes(contact) == ["sexual-abuse"]


def test_three_domestic_abuse_contacts_in_12_months_are_repeated_incidents(screener):
    person = f.person()
    g.new_contact_about(screener, person)
    second = g.new_contact_about(screener, person)
    assert "repeat-domestic-abuse" not in codes(second)
    third = g.new_contact_about(screener, person)
    assert "repeat-domestic-abuse" in codes(third)


def test_three_missing_episodes_in_90_days_are_repeat_missing(screener, hub_worker):
    person = f.person(born=date(2011, 5, 1))
    for days_ago in (80, 40, 10):
        missing_f.returned(hub_worker, person, started_at=timezone.now() - timedelta(days=days_ago))
    contact = g.new_contact_about(screener, person, concerns=("MISS",))
    assert codes(contact) == ["repeat-missing"]


def test_a_council_can_retire_an_indicator(screener):
    RiskIndicator.objects.filter(code="sexual-abuse").update(active=False)
    contact = g.new_contact_about(screener, f.person(), concerns=("SEX",))
    assert codes(contact) == []


# --- Deciding below the indicators -----------------------------------------------------------


def test_manager_cannot_step_down_below_the_indicators_without_answering_each(
    manager, planned_child
):
    with pytest.raises(NotReady) as refused:
        decision_actions.record_decision(
            by=manager, contacts=[planned_child], details=g.step_down()
        )
    assert refused.value.reasons == [DASH_QUESTION, PLAN_QUESTION]
    assert BelowIndicatorDecision.objects.count() == 0


def test_manager_can_step_down_with_an_answer_to_each_and_it_goes_to_second_review(
    manager, planned_child
):
    answers = {"high-dash": "Perpetrator in prison", "previous-plan": "Plan ended 2019"}
    [decision] = decision_actions.record_decision(
        by=manager, contacts=[planned_child], details=g.step_down(indicator_answers=answers)
    )
    below = BelowIndicatorDecision.objects.get(decision=decision)
    assert (below.outcome, below.suggested, below.review_status) == (
        Outcome.EARLY_HELP,
        Outcome.ASSESSMENT,
        ReviewStatus.AWAITING,
    )
    assert [a["answer"] for a in below.answers] == ["Perpetrator in prison", "Plan ended 2019"]
    event = Event.objects.get(verb="decision_below_indicators_recorded")
    assert event.data["indicators"] == ["high-dash", "previous-plan"]
    assert event.data["second_review"] is True


def test_a_blank_answer_is_not_an_answer(manager, planned_child):
    answers = {"high-dash": "   ", "previous-plan": "Plan ended 2019"}
    with pytest.raises(NotReady) as refused:
        decision_actions.record_decision(
            by=manager, contacts=[planned_child], details=g.step_down(indicator_answers=answers)
        )
    assert refused.value.reasons == [DASH_QUESTION]


def test_a_decision_at_the_indicators_needs_no_answers_and_is_not_counted(
    manager, planned_child, area_team
):
    decision_actions.record_decision(
        by=manager, contacts=[planned_child], details=g.strategy(area_team)
    )
    assert BelowIndicatorDecision.objects.count() == 0


def test_below_indicator_decision_is_recorded_but_not_sampled_at_a_zero_rate(
    manager, planned_child
):
    Setting.objects.filter(key="second-review-percent").update(value=0)
    answers = {"high-dash": "Perpetrator in prison", "previous-plan": "Plan ended 2019"}
    decision_actions.record_decision(
        by=manager, contacts=[planned_child], details=g.step_down(indicator_answers=answers)
    )
    assert BelowIndicatorDecision.objects.get().review_status == ReviewStatus.NOT_SAMPLED


# --- Second review -----------------------------------------------------------------------------


@pytest.fixture
def stepped_down(manager, planned_child):
    answers = {"high-dash": "Perpetrator in prison", "previous-plan": "Plan ended 2019"}
    decision_actions.record_decision(
        by=manager, contacts=[planned_child], details=g.step_down(indicator_answers=answers)
    )
    return BelowIndicatorDecision.objects.get()


def test_second_manager_can_disagree_with_reasons(second_manager, stepped_down):
    below = actions.record_second_review(
        by=second_manager, below=stepped_down, agrees=False, reasons="Needs an assessment"
    )
    assert (below.review_status, below.reviewed_by, below.review_reasons) == (
        ReviewStatus.DISAGREED,
        second_manager,
        "Needs an assessment",
    )
    assert Event.objects.get(verb="second_review_recorded").reason == "Needs an assessment"


def test_manager_cannot_review_their_own_decision(manager, stepped_down):
    with pytest.raises(NotReady, match="A different manager must review this decision"):
        actions.record_second_review(by=manager, below=stepped_down, agrees=True, reasons="Fine")


def test_hub_worker_cannot_record_a_second_review(hub_worker, stepped_down):
    with pytest.raises(PermissionDenied):
        actions.record_second_review(by=hub_worker, below=stepped_down, agrees=True, reasons="Fine")


def test_a_second_review_cannot_be_recorded_twice(second_manager, make_user, stepped_down):
    third = make_user("nina", "manager")
    stale = BelowIndicatorDecision.objects.get()
    actions.record_second_review(by=second_manager, below=stepped_down, agrees=True, reasons="Ok")
    with pytest.raises(StaleRecord):
        actions.record_second_review(
            by=third, below=stale, agrees=False, reasons="No", expected_version=1
        )
