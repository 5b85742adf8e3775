"""Oversight that catches what the inspectors caught (issue 9), in Debian's Chromium.

1. Maya tries to step Amy down to early help. The police notified a domestic abuse incident
   assessed high on DASH, and the previous system's history (imported) shows Amy was on a child
   protection plan: the decision page finds both by itself, asks Maya to answer each, and the
   decision goes to Mark for second review, who disagrees with reasons.
2. Three families have waited ten days. Maya sees the flag, opens the backlog, and without
   JavaScript sends every child to Alice for urgent review; Alice records each review, and the
   review counts down to zero.

Every page visited is checked with axe.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from frontdoor.backlog.models import UrgentReviewItem
from frontdoor.contacts.tests import factories as f
from frontdoor.guardrails.models import BelowIndicatorDecision
from frontdoor.guardrails.tests import factories as g
from frontdoor.guardrails.workflow import ReviewStatus

from .helpers import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DASH_QUESTION = "Why does a high DASH risk level not need an assessment?"
PLAN_QUESTION = "Why does a previous child protection plan not need an assessment?"


def test_step_down_against_the_indicators_is_answered_and_goes_to_second_review(
    page: Page,
    sign_in: Any,
    sign_out: Any,
    assert_accessible: Any,
    manager: Any,
    second_manager: Any,
    screener: Any,
    police_agency: Any,
) -> None:
    person = f.person("Amy", "Smith")
    g.plan_in_imported_history(manager, person)
    amy = g.high_dash_from_the_police(screener, police_agency, person)

    # 1. The decision page shows the indicators and Amy's history.
    sign_in(page, manager)
    page.goto(reverse("contacts:decide", args=[amy.pk]))
    assert_accessible(page)
    expect(page.get_by_role("cell", name="A high DASH risk level")).to_be_visible()
    expect(page.get_by_role("cell", name="A previous child protection plan")).to_be_visible()
    expect(page.get_by_text("Child protection plans (1)")).to_be_visible()
    expect(page.get_by_text("(history from CareFirst)").first).to_be_visible()

    # 2. Stepping down without answering is refused, one GOV.UK error per indicator.
    page.get_by_label("Step down to early help").check()
    page.get_by_label("Rationale", exact=True).fill("Mother is engaging with family support.")
    page.get_by_role("button", name="Record decision").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        "Explain why a high DASH risk level does not need an assessment"
    )
    expect(summary).to_contain_text(
        "Explain why a previous child protection plan does not need an assessment"
    )
    expect(
        page.get_by_text("This decision is lower than the risk indicators suggest")
    ).to_be_visible()
    assert_accessible(page)
    screenshot(page, "decision-below-indicators")

    # 3. Maya answers each indicator; the decision is recorded and goes to second review.
    page.get_by_label(DASH_QUESTION).fill("The perpetrator is on remand; mother is in a refuge.")
    page.get_by_label(PLAN_QUESTION).fill("The plan ended in 2019 after sustained change.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision recorded: early help")).to_be_visible()
    assert_accessible(page)
    below = BelowIndicatorDecision.objects.get(contact=amy)
    assert below.review_status == ReviewStatus.AWAITING
    sign_out(page)

    # 4. Mark, a second manager, reviews it and disagrees with reasons.
    sign_in(page, second_manager)
    page.goto(reverse("oversight:overview"))
    assert_accessible(page)
    page.get_by_role("link", name="Decisions below the risk indicators").click()
    assert_accessible(page)
    expect(page.locator("#figure-awaiting")).to_have_text("1")
    page.get_by_role("link", name="Review the decision for Amy Smith").click()
    assert_accessible(page)
    expect(page.get_by_text("The plan ended in 2019 after sustained change.")).to_be_visible()
    page.get_by_label("No, I disagree").check()
    page.get_by_label("Your reasons").fill("Two indicators point to an assessment: reopen.")
    page.get_by_role("button", name="Record second review").click()
    expect(page.get_by_text("Second review recorded")).to_be_visible()
    assert_accessible(page)
    below.refresh_from_db()
    assert (below.review_status, below.reviewed_by) == (ReviewStatus.DISAGREED, second_manager)


def test_a_backlog_is_cleared_through_urgent_review(
    new_page: Any,
    sign_in: Any,
    sign_out: Any,
    assert_accessible: Any,
    manager: Any,
    screener: Any,
    contact_officer: Any,
) -> None:
    old = timezone.now() - timedelta(days=10)
    f.received(contact_officer, received_at=old, children=[f.child("Ann"), f.child("Ben")])
    f.received(contact_officer, received_at=old + timedelta(hours=1), children=[f.child("Cat")])

    # 1. Maya, without JavaScript, sees the flag, opens the backlog and starts an urgent review.
    page = new_page(javascript=False)
    sign_in(page, manager)
    expect(
        page.get_by_text("3 children in 2 families have waited more than 7 days")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="View the backlog").click()
    assert_accessible(page)
    screenshot(page, "backlog")
    expect(page.get_by_text("Ann Smith – Awaiting screening")).to_be_visible()
    page.get_by_role("link", name="Start an urgent review of these children").click()
    assert_accessible(page)
    for name in ("Ann Smith", "Ben Smith", "Cat Smith"):
        expect(page.get_by_label(re.compile(name))).to_be_checked()
    page.get_by_label(re.compile("Alice Tester")).check()
    due = timezone.localdate() + timedelta(days=2)
    page.locator("#id_due_on_day").fill(str(due.day))
    page.locator("#id_due_on_month").fill(str(due.month))
    page.locator("#id_due_on_year").fill(str(due.year))
    page.get_by_label("Why are these children being reviewed?").fill("Waiting over a week")
    page.get_by_role("button", name="Assign the reviews").click()
    expect(page.locator("#outstanding")).to_have_text("3")
    assert_accessible(page)
    review_url = page.url
    sign_out(page)

    # 2. Alice records each review assigned to her.
    page = new_page()
    sign_in(page, screener)
    page.get_by_role("link", name="My work", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="All your urgent reviews").click()
    assert_accessible(page)
    for _ in range(3):
        page.get_by_role("link", name=re.compile(r"^Review ")).first.click()
        assert_accessible(page)
        page.get_by_label("Reviewed: safe to wait for the next step in its queue").check()
        page.get_by_label("What you found and did").fill("Read the file; rang the school.")
        page.get_by_role("button", name="Record review").click()
        expect(page.get_by_text("Review recorded")).to_be_visible()
    expect(page.get_by_text("You have no urgent reviews to record.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # 3. Maya sees the review at zero.
    sign_in(page, manager)
    page.goto(review_url)
    expect(page.locator("#outstanding")).to_have_text("0")
    expect(page.get_by_text("Every child has been reviewed")).to_be_visible()
    assert_accessible(page)
    assert not UrgentReviewItem.objects.filter(outcome="").exists()
