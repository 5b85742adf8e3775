"""Management oversight (issue 9): a manager challenges a screening with an action, the screener
responds, and the challenge is counted. In Debian's Chromium with JavaScript off; every page
visited is checked with axe.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from frontdoor.oversight.models import ChallengeResponse, OversightRecord
from frontdoor.oversight.tests import factories as s

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_challenge_is_recorded_answered_and_counted(
    new_page: Any,
    sign_in: Any,
    sign_out: Any,
    assert_accessible: Any,
    screenshot: Any,
    manager: Any,
    screener: Any,
    hub_worker: Any,
) -> None:
    contact = s.screened_contact(screener)
    due = timezone.localdate() + timedelta(days=7)

    # 1. Maya challenges Alice's screening from the child's record, with an action for Hamid.
    page = new_page(javascript=False)
    sign_in(page, manager)
    page.goto(f"/children/{contact.person_id}/")
    expect(page.get_by_role("heading", name="Management oversight")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record oversight").click()
    page.get_by_role("button", name="Record oversight").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select what you are recording")
    assert_accessible(page)
    page.get_by_label("Management oversight of a screening or decision").check()
    page.get_by_label(re.compile(r"Received \d")).check()
    page.get_by_label("The screening").check()
    page.get_by_label("I challenge").check()
    page.get_by_label("Reason, or what was discussed in supervision").fill(
        "Rated red but no history check with the school."
    )
    page.get_by_label("Action 1: what needs to happen (optional)").fill("Ask the school")
    page.get_by_label("Action 1: owner").select_option(value=str(hub_worker.pk))
    page.locator("#id_action_1_due_day").fill(str(due.day))
    page.locator("#id_action_1_due_month").fill(str(due.month))
    page.locator("#id_action_1_due_year").fill(str(due.year))
    page.get_by_role("button", name="Record oversight").click()
    expect(page.get_by_text("Oversight recorded")).to_be_visible()
    expect(page.get_by_text("Challenge open")).to_be_visible()
    expect(page.get_by_role("cell", name="Ask the school")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "management-oversight")
    sign_out(page)

    # 2. Alice finds the challenge and explains why her screening stands.
    page = new_page(javascript=False)
    sign_in(page, screener)
    page.get_by_role("link", name="Challenges", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name=contact.person.full_name).click()
    page.get_by_role("button", name="Record response").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select how you respond to the challenge"
    )
    assert_accessible(page)
    page.get_by_label("Explain and maintain").check()
    page.get_by_label("Explanation").fill("The school was checked by phone; notes attached.")
    page.get_by_role("button", name="Record response").click()
    expect(page.get_by_text("Response recorded: explain and maintain")).to_be_visible()
    expect(page.get_by_text("No open challenges.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # 3. Maya sees the challenge counted, answered.
    page = new_page(javascript=False)
    sign_in(page, manager)
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="challenges to screening and decisions").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("1 challenge; 0 still open")
    assert_accessible(page)
    assert OversightRecord.objects.get().is_challenge
    assert ChallengeResponse.objects.get().responded_by == screener
