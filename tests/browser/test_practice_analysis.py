"""The practice model recorded once (issue 9), in Debian's Chromium with JavaScript off.

Alice adds worries and a number on the scale from the screening page; Maya opens the decision
page, reads them there without anyone retyping them, and adds what is working well. Every page
visited is checked with axe.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from frontdoor.contacts.tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worries_added_at_screening_are_read_and_extended_at_the_decision(
    new_page: Any,
    sign_in: Any,
    sign_out: Any,
    assert_accessible: Any,
    screenshot: Any,
    screener: Any,
    manager: Any,
    contact_officer: Any,
) -> None:
    family = f.linked(screener, f.received(contact_officer))
    contact = f.only_child(family)

    # 1. Alice, screening, adds a worry and a number on the scale.
    page = new_page(javascript=False)
    sign_in(page, screener)
    page.goto(reverse("contacts:screen", args=[contact.pk]))
    expect(page.get_by_text("No analysis recorded yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add to the analysis at screening").click()
    page.get_by_role("button", name="Add to the analysis").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a worry")
    assert_accessible(page)
    page.get_by_label("Add a worry (optional)", exact=True).fill("Amy has a bruise on her cheek")
    page.locator("input[name=score][value='3']").check()
    page.get_by_role("button", name="Add to the analysis").click()
    expect(page).to_have_url(reverse("contacts:screen", args=[contact.pk]))
    expect(page.get_by_text("Amy has a bruise on her cheek", exact=True)).to_be_visible()
    assert_accessible(page)
    sign_out(page)
    f.screened(screener, family)

    # 2. Maya reads it on the decision page and adds to the same analysis.
    page = new_page(javascript=False)
    sign_in(page, manager)
    decide = reverse("contacts:decide", args=[contact.pk])
    page.goto(decide)
    expect(page.get_by_text("Amy has a bruise on her cheek", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add to the analysis at manager's decision").click()
    page.get_by_label("Add something that is working well").fill("Grandmother visits every day")
    page.locator("input[name=score][value='4']").check()
    page.get_by_role("button", name="Add to the analysis").click()
    expect(page).to_have_url(decide)
    panel = page.locator(".frontdoor-practice-panel")
    expect(panel).to_contain_text("Amy has a bruise on her cheek")
    expect(panel).to_contain_text("Grandmother visits every day")
    expect(panel).to_contain_text("3 → 4")
    assert_accessible(page)
    screenshot(page, "practice-analysis-at-decision")
