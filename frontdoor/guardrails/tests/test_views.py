"""HTTP behaviour of the guardrails: the decision page, its API twin, indicators, second review."""

from __future__ import annotations

import pytest
from django.urls import reverse

from frontdoor.api.tests.bodies import problems
from frontdoor.contacts.models import Decision
from frontdoor.contacts.tests import factories as f
from frontdoor.decisions import actions as decision_actions
from frontdoor.guardrails.models import BelowIndicatorDecision, RecordedIndicator, RiskIndicator
from frontdoor.guardrails.tests import factories as g
from frontdoor.guardrails.workflow import ReviewStatus

pytestmark = pytest.mark.django_db

DASH_QUESTION = "Explain why a high DASH risk level does not need an assessment"
ANSWERS = {"high-dash": "Perpetrator in prison", "previous-plan": "Plan ended in 2019"}


@pytest.fixture
def planned_child(manager, screener, make_user, area_team):
    area_worker = make_user("sam", "area_worker", team=area_team)
    person = g.previous_plan(manager, screener, area_worker, area_team)
    return g.with_high_dash(screener, g.new_contact_about(screener, person))


def step_down_form(contact, **extra):
    return {"version": contact.version, "outcome": "early_help", "rationale": "Engaging", **extra}


def test_manager_sees_the_indicators_and_the_childs_history_on_the_decision_page(
    client, manager, planned_child
):
    client.force_login(manager)
    page = client.get(reverse("contacts:decide", args=[planned_child.pk])).content.decode()
    assert "A high DASH risk level" in page
    assert "A previous child protection plan" in page
    assert "Child protection plans (1)" in page
    assert "Referrals (1)" in page


def test_manager_stepping_down_is_asked_to_answer_each_indicator(client, manager, planned_child):
    client.force_login(manager)
    url = reverse("contacts:decide", args=[planned_child.pk])
    response = client.post(url, step_down_form(planned_child))
    assert response.status_code == 400
    page = response.content.decode()
    assert DASH_QUESTION in page
    assert "This decision is lower than the risk indicators suggest" in page
    assert not Decision.objects.filter(contact=planned_child).exists()


def test_manager_can_step_down_with_answers_and_it_goes_to_second_review(
    client, manager, planned_child
):
    client.force_login(manager)
    url = reverse("contacts:decide", args=[planned_child.pk])
    answers = {f"indicator_{code}": text for code, text in ANSWERS.items()}
    response = client.post(url, step_down_form(planned_child, **answers))
    assert response.status_code == 302
    assert BelowIndicatorDecision.objects.get().review_status == ReviewStatus.AWAITING


def test_api_applies_the_same_rule_to_a_step_down(api_as, manager, planned_child, area_team):
    api = api_as(manager)
    url = f"/api/contacts/children/{planned_child.pk}/decision"
    body = {"outcome": "early_help", "rationale": "Engaging"}
    assert DASH_QUESTION in [p["msg"] for p in problems(api.post(url, body))]
    response = api.post(url, {**body, "indicator_answers": ANSWERS})
    assert response.status_code == 200, response.content
    assert BelowIndicatorDecision.objects.get().review_status == ReviewStatus.AWAITING


def test_hub_worker_can_record_indicators_on_the_page(client, hub_worker, screener):
    contact = f.only_child(f.screened(screener))
    client.force_login(hub_worker)
    url = reverse("guardrails:record-indicators", args=[contact.pk])
    dash = RiskIndicator.objects.get(code="high-dash")
    response = client.post(url, {"indicators": [dash.pk], "note": "DASH high"})
    assert response.status_code == 302
    assert RecordedIndicator.objects.get().indicator == dash


def test_second_manager_can_agree_on_the_page_and_it_is_counted(
    client, manager, second_manager, planned_child
):
    decision_actions.record_decision(
        by=manager, contacts=[planned_child], details=g.step_down(indicator_answers=ANSWERS)
    )
    below = BelowIndicatorDecision.objects.get()
    client.force_login(second_manager)
    listing = client.get(reverse("guardrails:second-reviews"))
    assert listing.context["figures"].awaiting == 1
    url = reverse("guardrails:second-review", args=[below.pk])
    response = client.post(url, {"version": below.version, "agrees": "yes", "reasons": "Sound"})
    assert response.status_code == 302
    below.refresh_from_db()
    assert below.review_status == ReviewStatus.AGREED
    overview = client.get(reverse("oversight:overview")).content.decode()
    assert '<span id="figure-below-indicators">1</span>' in overview


def test_deciding_manager_is_not_offered_their_own_decision_to_review(
    client, manager, planned_child
):
    decision_actions.record_decision(
        by=manager, contacts=[planned_child], details=g.step_down(indicator_answers=ANSWERS)
    )
    client.force_login(manager)
    assert list(client.get(reverse("guardrails:second-reviews")).context["awaiting"]) == []
    below = BelowIndicatorDecision.objects.get()
    response = client.post(
        reverse("guardrails:second-review", args=[below.pk]),
        {"version": below.version, "agrees": "yes", "reasons": "Mine"},
    )
    assert response.status_code == 400
    assert "A different manager must review this decision" in response.content.decode()


def test_indicators_cannot_change_after_the_decision(client, screener, manager, area_team):
    contact = f.only_child(f.screened(screener))
    decision_actions.record_decision(by=manager, contacts=[contact], details=g.strategy(area_team))
    client.force_login(screener)
    url = reverse("guardrails:record-indicators", args=[contact.pk])
    response = client.post(url, {"indicators": [], "note": ""})
    assert response.status_code == 400
    assert "its indicators cannot change now" in response.content.decode()
