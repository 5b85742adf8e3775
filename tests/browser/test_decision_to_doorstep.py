"""From decision to doorstep, in Debian's Chromium, through the real pages.

A manager has decided on a strategy discussion for Amy. A hub worker records it: health did not
attend, and the warning shows; it leads to a section 47 enquiry, and the initial child
protection conference is due 15 working days later. The team manager allocates Amy to an area
worker, who records the first visit with Amy's own words and her daily life. Another child,
Ben, was not seen by his time: the sweep escalates him and the team manager sees it.

Every page visited is checked with axe.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from frontdoor.contacts.tests import factories
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.strategy.models import Section47Enquiry, StrategyDiscussion
from frontdoor.timescales.queries import due_at
from frontdoor.visits.actions import escalate_overdue_visits
from frontdoor.visits.models import Allocation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def decide(
    manager: Any, screener: Any, team: Any, first: str, outcome: str, see_by: Any
) -> Allocation:
    family = factories.screened(screener, children=[factories.child(first)])
    contact = factories.only_child(family)
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome, "Reasonable cause to suspect harm", see_by, team
        ),
    )
    return Allocation.objects.get(referral__contact=contact)


def fill_date_time(page: Page, prefix: str, moment: Any) -> None:
    local = timezone.localtime(moment)
    page.locator(f"#id_{prefix}_day").fill(str(local.day))
    page.locator(f"#id_{prefix}_month").fill(str(local.month))
    page.locator(f"#id_{prefix}_year").fill(str(local.year))
    page.locator(f"#id_{prefix}_time").fill(local.strftime("%H:%M"))


def test_strategy_discussion_section_47_first_visit_and_escalation(
    page: Page,
    sign_in: Any,
    sign_out: Any,
    assert_accessible: Any,
    manager: Any,
    screener: Any,
    hub_worker: Any,
    area_team: Any,
    make_user: Any,
) -> None:
    area_worker = make_user("sam", "area_worker", team=area_team)
    team_manager = make_user("tina", "manager", team=area_team)
    amy = decide(
        manager,
        screener,
        area_team,
        "Amy",
        Outcome.STRATEGY_DISCUSSION,
        timezone.now() + timedelta(hours=20),
    )
    ben = decide(
        manager,
        screener,
        area_team,
        "Ben",
        Outcome.ASSESSMENT,
        timezone.now() + timedelta(minutes=2),
    )
    discussion = StrategyDiscussion.objects.get(referral=amy.referral)

    # 1. A hub worker records the strategy discussion; health did not attend.
    sign_in(page, hub_worker)
    page.goto("/strategy/")
    assert_accessible(page)
    page.get_by_role("link", name="Record the strategy discussion for Amy Smith").click()
    assert_accessible(page)
    held_at = timezone.now()  # after the decision that asked for it (ADR 0027)
    fill_date_time(page, "held_at", held_at)
    page.get_by_label("Conference call").check()
    page.locator("#id_attended_council").check()
    page.locator("#id_attended_police").check()
    page.locator("#id_shared_police").fill("Two call-outs to the address in the last month.")
    page.get_by_label("Section 47 enquiry").check()
    page.get_by_label("Reasons for the decision").fill(
        "Unexplained bruising; threshold for section 47 met."
    )
    page.locator("#id_action_0").fill("Joint visit with police")
    page.locator("#id_action_owner_0").fill("Sam Whitfield")
    due = timezone.localdate() + timedelta(days=1)
    page.locator("#id_action_due_0_day").fill(str(due.day))
    page.locator("#id_action_due_0_month").fill(str(due.month))
    page.locator("#id_action_due_0_year").fill(str(due.year))
    page.get_by_role("button", name="Record the strategy discussion").click()
    expect(page.get_by_text("The minimum did not attend: Health did not take part")).to_be_visible()
    assert_accessible(page)

    # 2. The section 47 enquiry's conference is due 15 working days after the discussion.
    enquiry = Section47Enquiry.objects.get(discussion=discussion)
    expected = due_at("initial_child_protection_conference", enquiry.started_at)
    assert enquiry.icpc_due_at == expected
    expect(
        page.get_by_text(timezone.localtime(expected).strftime("%d %b %Y"), exact=False).first
    ).to_be_visible()
    sign_out(page)

    # 3. The team manager allocates Amy; the area worker records the first visit.
    sign_in(page, team_manager)
    page.goto(f"/visits/teams/{area_team.slug}/")
    assert_accessible(page)
    page.get_by_role("link", name="Open Amy Smith").click()
    assert_accessible(page)
    page.get_by_label("Which social worker will see the child?").select_option(
        label="Sam Tester (North area team)"
    )
    page.get_by_role("button", name="Allocate").click()
    expect(page.get_by_text("Allocated to Sam Tester")).to_be_visible()
    sign_out(page)

    sign_in(page, area_worker)
    page.goto("/visits/mine/")
    assert_accessible(page)
    page.get_by_role("link", name="Open Amy Smith").click()
    page.get_by_role("button", name="Record a visit").click()
    assert_accessible(page)
    # Submitting without the child's views is refused, the GOV.UK way.
    fill_date_time(page, "visited_at", timezone.now())  # after the transfer (ADR 0027)
    page.get_by_label("Where did the visit take place?").fill("At school")
    page.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_role("button", name="Record the visit").click()
    expect(
        page.get_by_role("link", name="Enter the child's views, in their own words")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("The child's views, in their own words").fill(
        "'I don't like it when he shouts. I hide in my room.'"
    )
    page.get_by_label("What is the child's daily life like?").fill(
        "Walks to school with her friend; likes drawing."
    )
    page.get_by_role("button", name="Record the visit").click()
    expect(page.get_by_text("I hide in my room")).to_be_visible()
    assert_accessible(page)
    amy.refresh_from_db()
    assert amy.first_seen_at is not None
    sign_out(page)

    # 4. Ben was not seen by his time: the sweep escalates him to the team's managers.
    Allocation.objects.filter(pk=ben.pk).update(see_by=timezone.now() - timedelta(minutes=1))
    assert escalate_overdue_visits() == 1
    sign_in(page, team_manager)
    page.goto("/visits/overdue/")
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text="Ben Smith")
    expect(row.get_by_text("Escalated")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Amy Smith")).to_have_count(0)
