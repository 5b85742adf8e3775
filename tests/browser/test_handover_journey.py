"""A stepped-down child followed through the pages (issue 18), in Debian's Chromium with
JavaScript off, using only links and buttons from the decision onwards. The child is screened
and analysed in the child protection hub by factories (the steps before the decision, which
other journeys walk). Then, in the pages: the MASH manager opens the queue of contacts awaiting
a decision and records a step-down to early help; the MASH overview shows the child as handed
over, not yet received; the early help worker (persona Eve) finds the child in her queue,
accepts them and later steps them up to the MASH; the MASH overview no longer lists them; and
the screener finds the new contact, carrying the early help history, in the screening queue.
Each step's integration event is published. Every page visited is checked with axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from frontdoor.access.models import Role
from frontdoor.contacts.tests import factories as f
from frontdoor.handovers.models import Handover, HandoverStatus
from frontdoor.outbox.models import IntegrationEvent
from frontdoor.teams.models import Team, TeamKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def follow(page: Page, link: str | re.Pattern[str]) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=link, exact=isinstance(link, str)).first.click()


def submit(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def test_a_stepped_down_child_is_received_by_early_help_and_stepped_back_up(
    new_page: Any,
    sign_in: Any,
    sign_out: Any,
    assert_accessible: Any,
    make_user: Any,
    manager: Any,
    screener: Any,
    child_protection_hub: Any,
) -> None:
    early_help = Team.objects.get(kind=TeamKind.EARLY_HELP, slug="early-help")
    eve = make_user("eve", Role.EARLY_HELP_WORKER, team=early_help)
    # Received, screened, sent to the hub and analysed (the manager may do each step).
    family = f.awaiting_decision(
        manager, child_protection_hub, children=[f.child("Tamsin", "Okafor")]
    )
    name = f.only_child(family).person.full_name

    # The MASH manager decides, from the queue of contacts awaiting a decision.
    page = new_page(javascript=False)
    sign_in(page, manager)
    expect(page.get_by_role("heading", level=1)).to_have_text("MASH overview")
    follow(page, "Awaiting a manager's decision")
    assert_accessible(page)
    follow(page, re.compile(rf"^WX-\d\d-\d+\s*: contact about {name}$"))
    assert_accessible(page)
    follow(page, f"Record decision for {name}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Manager's decision")
    assert_accessible(page)
    page.get_by_role("group", name="What is your decision?").get_by_label(
        "Step down to early help"
    ).check()
    page.get_by_label("Rationale").fill(
        "Parenting support from early help will meet the family's needs; no role for social "
        "care now."
    )
    submit(page, "Record decision")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Decision recorded: early help"
    )
    assert_accessible(page)
    handover = Handover.objects.get(decision__contact__family=family)
    assert handover.status == HandoverStatus.AWAITING and handover.team == early_help

    # Until early help says so, nobody has the child: the MASH overview says who is waiting.
    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Overview").click()
    waiting = page.locator(
        "table", has=page.locator("caption", has_text="Handed over, not yet received")
    )
    expect(waiting).to_contain_text(name)
    assert_accessible(page)
    sign_out(page)

    # Early help receives the child, and later steps them up.
    sign_in(page, eve)
    follow(page, re.compile("^Handed over"))
    assert_accessible(page)
    expect(page.locator("h1")).to_contain_text("Children handed over, waiting to be received")
    follow(page, f"Open the handover of {name}")
    assert_accessible(page)
    expect(page.locator("h1")).to_contain_text(name)
    # What the MASH knew, without retyping: the decision's rationale.
    expect(page.locator("main")).to_contain_text("Parenting support from early help")
    submit(page, "Accept the child")
    expect(page.get_by_role("alert")).to_contain_text(f"{name} received by Early help")
    assert_accessible(page)

    submit(page, "Step up to the MASH")
    assert_accessible(page)
    page.get_by_label("What has changed, and why does the child need the MASH now?").fill(
        "School report bruising on her arm; mum says she fell"
    )
    submit(page, "Step up to the MASH")
    expect(page.get_by_role("alert")).to_contain_text(f"{name} stepped up to the MASH")
    sign_out(page)

    # Back at the MASH: received, so no longer waiting; the new contact is to be screened.
    sign_in(page, manager)
    expect(page.get_by_role("heading", level=1)).to_have_text("MASH overview")
    expect(page.locator("main")).to_contain_text(
        "Every child handed over by the MASH has been received."
    )
    sign_out(page)
    sign_in(page, screener)
    follow(page, re.compile("^Screening"))
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text(name)

    types = set(IntegrationEvent.objects.values_list("type", flat=True))
    assert {
        "uk.gov.frontdoor.contact.decided",
        "uk.gov.frontdoor.handover.opened",
        "uk.gov.frontdoor.handover.accepted",
        "uk.gov.frontdoor.handover.stepped_up",
    } <= types
