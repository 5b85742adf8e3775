"""Case audits (issue 9, "Done when" 3): an audit is sampled, graded and its actions tracked,
in Debian's Chromium, with JavaScript off throughout.

1. Maya samples two of the month's decisions at random and assigns them to Aisha, the auditor.
2. Aisha reads a case and grades it on one screen: a grade per question, one overall, a comment.
3. Maya moderates the grade down, with a reason, and sets an action for Mark.
4. Mark completes the action; Maya sees the grade in the summary of grades over time.

Every page visited is checked with axe.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from frontdoor.casework_audits.models import AuditAction, CaseAudit
from frontdoor.casework_audits.tests import factories as a
from frontdoor.casework_audits.workflow import AuditStatus, Grade

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_date(page: Page, prefix: str, day: Any) -> None:
    page.locator(f"#id_{prefix}_day").fill(str(day.day))
    page.locator(f"#id_{prefix}_month").fill(str(day.month))
    page.locator(f"#id_{prefix}_year").fill(str(day.year))


def test_an_audit_is_sampled_graded_moderated_and_its_action_completed(
    new_page: Any,
    sign_in: Any,
    sign_out: Any,
    assert_accessible: Any,
    screenshot: Any,
    manager: Any,
    second_manager: Any,
    screener: Any,
    auditor: Any,
) -> None:
    for _ in range(3):
        a.decided(screener, manager)
    today = timezone.localdate()

    # 1. Maya samples two decisions at random and assigns them to Aisha.
    page = new_page(javascript=False)
    sign_in(page, manager)
    page.get_by_role("link", name="Case audits").click()
    assert_accessible(page)
    page.get_by_role("link", name="Sample cases for audit").click()
    assert_accessible(page)
    page.get_by_role("button", name="Sample and assign").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select which cases to sample")
    assert_accessible(page)
    page.get_by_label("A random sample of decisions").check()
    _fill_date(page, "start", today - timedelta(days=7))
    _fill_date(page, "end", today)
    page.get_by_label("How many cases (a random sample only)").fill("2")
    page.get_by_label("Aisha Tester").check()
    _fill_date(page, "due_on", today + timedelta(days=14))
    page.get_by_role("button", name="Sample and assign").click()
    expect(page.get_by_text("2 cases sampled")).to_be_visible()
    expect(page.locator("#round-progress")).to_contain_text("2 of 2 to grade")
    expect(page.locator("#round-seed")).to_have_text(re.compile(r"^\d+$"))
    assert_accessible(page)
    round_url = page.url
    sign_out(page)

    # 2. Aisha reads one case and grades it on one screen.
    page = new_page(javascript=False)
    sign_in(page, auditor)
    page.get_by_role("link", name="Audits", exact=True).click()
    expect(page.get_by_text("2 cases to grade")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Grade ")).first.click()
    assert_accessible(page)
    screenshot(page, "case-audit-grading")
    # The whole form, down to its button, fits on one laptop screen (1280 by 800).
    button = page.get_by_role("button", name="Save grades").bounding_box()
    assert button is not None and button["y"] + button["height"] <= 800, button
    case_link = page.get_by_role("link", name="Read the case (opens in new tab)")
    grade_url = page.url
    page.goto(str(case_link.get_attribute("href")))
    expect(page.get_by_text("No role for us.")).to_be_visible()
    assert_accessible(page)
    page.goto(grade_url)
    page.get_by_label("Good for question 1", exact=True).check()
    page.get_by_role("button", name="Save grades").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a grade for question 2")
    assert_accessible(page)
    questions = a.template().questions.count()
    for number in range(1, questions + 1):
        page.get_by_label(f"Good for question {number}", exact=True).check()
    page.get_by_label("Good overall", exact=True).check()
    page.get_by_label("Comment on the overall grade").fill("Clear rationale; history read.")
    page.get_by_role("button", name="Save grades").click()
    expect(page.get_by_text(re.compile(r"Audit of .* graded"))).to_be_visible()
    expect(page.get_by_text("1 case to grade")).to_be_visible()
    assert_accessible(page)
    graded = CaseAudit.objects.get(status=AuditStatus.GRADED)
    sign_out(page)

    # 3. Maya moderates the grade down, with a reason, and sets an action for Mark.
    page = new_page(javascript=False)
    sign_in(page, manager)
    page.goto(round_url)
    expect(page.locator("#round-progress")).to_contain_text("1 to moderate")
    page.get_by_role("link", name=graded.contact.child_name).and_(
        page.locator(f"a[href$='{graded.pk}/']")
    ).click()
    assert_accessible(page)
    page.get_by_label("Requires improvement", exact=True).check()
    page.get_by_role("button", name="Record moderation").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why you changed the grade")
    assert_accessible(page)
    page.get_by_label("Requires improvement", exact=True).check()
    page.get_by_label("Reason").fill("The father's history was not checked.")
    page.get_by_role("button", name="Record moderation").click()
    expect(page.get_by_text("Grade moderated: Requires improvement")).to_be_visible()
    page.get_by_label("What needs to happen").fill("Check the father with the police.")
    page.get_by_label("Owner").select_option(label="Mark Tester (MASH manager)")
    _fill_date(page, "action_due_on", today + timedelta(days=7))
    page.get_by_role("button", name="Set action").click()
    expect(page.get_by_text("Action set")).to_be_visible()
    expect(page.locator("#audit-actions")).to_contain_text("open")
    assert_accessible(page)
    sign_out(page)

    # 4. Mark completes the action.
    page = new_page(javascript=False)
    sign_in(page, second_manager)
    with page.expect_navigation():
        page.get_by_role("link", name="Case audits").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Audit actions").click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Check the father with the police.").click()
    assert_accessible(page)
    page.get_by_role("button", name="Complete action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what was done")
    page.get_by_label("What was done").fill("Police checks done: nothing recorded.")
    page.get_by_role("button", name="Complete action").click()
    expect(page.get_by_text("Action completed")).to_be_visible()
    expect(page.get_by_text("No open actions.")).to_be_visible()
    assert_accessible(page)
    assert AuditAction.objects.get().done
    sign_out(page)

    # 5. Maya sees the moderated grade in the grades over time.
    page = new_page(javascript=False)
    sign_in(page, manager)
    page.get_by_role("link", name="Case audits").click()
    page.get_by_role("link", name="Grades over time").click()
    row = page.locator("#grades-by-month tbody tr").first
    expect(row.locator("th")).to_have_text(today.strftime("%B %Y"))
    labels = [label for _, label in Grade.choices]
    cells = row.locator("td")
    expect(cells.nth(labels.index("Requires improvement"))).to_have_text("1")
    expect(cells.nth(labels.index("Good"))).to_have_text("0")
    expect(page.get_by_role("img", name="Case audit grades by month graded")).to_be_visible()
    assert_accessible(page)
