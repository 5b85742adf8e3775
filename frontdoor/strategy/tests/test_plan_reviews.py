"""Review conferences of a child protection plan (issue 16): every 6 months after the first,
the latest category, and the plan's end with its reason."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from frontdoor.audit.models import Event
from frontdoor.audit.timeline import describe
from frontdoor.contacts.tests import factories as f
from frontdoor.strategy import actions
from frontdoor.strategy.models import ChildProtectionPlan, ChildProtectionReview, PlanEndReason
from frontdoor.strategy.tests.test_child_protection_plan import conference, enquiry  # noqa: F401
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(manager, enquiry):  # noqa: F811
    conference(manager, enquiry, held_on=date(2026, 5, 31), category="NEG")
    return ChildProtectionPlan.objects.get(section47=enquiry)


def review(held_on, category="NEG", *, continues=True, end_reason=""):
    return actions.ReviewRecord(
        held_on=held_on,
        category=f.code("abuse_category", category),
        plan_continues=continues,
        end_reason=end_reason,
    )


def test_a_review_sets_the_latest_category_and_the_next_review_six_months_on(manager, plan):
    actions.record_review_conference(by=manager, plan=plan, review=review(date(2026, 8, 20), "PHY"))
    plan.refresh_from_db()
    assert (plan.initial_category.code, plan.latest_category.code) == ("NEG", "PHY")
    # 20 February 2027 is a Saturday: due by Friday 19 February.
    assert plan.next_review_due_on == date(2027, 2, 19)
    row = ChildProtectionReview.objects.get(plan=plan)
    assert (row.due_on, row.on_time) == (date(2026, 8, 28), True)
    event = Event.objects.get(verb="review_conference_recorded")
    assert describe(event).detail == (
        "Category PHY; the plan continues, next review due by 19 February 2027."
    )


def test_a_late_review_stays_late(manager, plan):
    actions.record_review_conference(by=manager, plan=plan, review=review(date(2026, 9, 1)))
    assert ChildProtectionReview.objects.get(plan=plan).on_time is False
    assert (
        "later than it was due"
        in describe(Event.objects.get(verb="review_conference_recorded")).detail
    )


def test_a_review_can_end_the_plan_with_its_reason(manager, plan):
    actions.record_review_conference(
        by=manager,
        plan=plan,
        review=review(
            date(2026, 8, 20), continues=False, end_reason=PlanEndReason.NO_LONGER_AT_RISK
        ),
    )
    plan.refresh_from_db()
    assert (plan.ended_on, plan.end_reason) == (date(2026, 8, 20), "no_longer_at_risk")
    with pytest.raises(NotReady, match="has ended"):
        actions.record_review_conference(by=manager, plan=plan, review=review(date(2026, 9, 1)))


@pytest.mark.parametrize(
    ("record", "words"),
    [
        (lambda: review(date(2026, 5, 1)), "on or after the day the plan started"),
        (lambda: review(date(2026, 8, 20), continues=False), "why the plan is ending"),
        (
            lambda: actions.ReviewRecord(
                held_on=date(2026, 8, 20),
                category=f.code("primary_need", "N1"),
                plan_continues=True,
            ),
            "Select the category of abuse",
        ),
    ],
)
def test_a_review_that_does_not_make_sense_is_refused(manager, plan, record, words):
    with pytest.raises(NotReady, match=words):
        actions.record_review_conference(by=manager, plan=plan, review=record())
    assert not ChildProtectionReview.objects.exists()


def test_hub_worker_cannot_record_a_review(hub_worker, plan):
    with pytest.raises(PermissionDenied):
        actions.record_review_conference(by=hub_worker, plan=plan, review=review(date(2026, 8, 20)))


@time_machine.travel(date(2026, 9, 1), tick=False)
def test_manager_records_a_review_on_the_page_and_the_clock_moves(manager, plan):
    client = Client()
    client.force_login(manager)
    child = reverse("people:child", args=[plan.person_id])
    assert reverse("strategy:plan-review", args=[plan.pk]) in client.get(child).content.decode()
    response = client.post(
        reverse("strategy:plan-review", args=[plan.pk]),
        {
            "held_on_day": "20",
            "held_on_month": "8",
            "held_on_year": "2026",
            "category": f.code("abuse_category", "EMO").pk,
            "plan_continues": "no",
        },
    )
    assert response.status_code == 400
    assert "Select why the plan is ending" in response.content.decode()
    response = client.post(
        reverse("strategy:plan-review", args=[plan.pk]),
        {
            "held_on_day": "20",
            "held_on_month": "8",
            "held_on_year": "2026",
            "category": f.code("abuse_category", "EMO").pk,
            "plan_continues": "yes",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.latest_category.code, plan.next_review_due_on) == ("EMO", date(2027, 2, 19))
