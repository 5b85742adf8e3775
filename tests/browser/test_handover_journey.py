"""A stepped-down child followed through the pages (issue 18), in Debian's Chromium with
JavaScript off, using only links and buttons: the MASH manager's step-down puts the child in
the early help worker's queue (persona Eve); Eve accepts them, later steps them up to the MASH,
and the screener finds the new contact, carrying the early help history, in the screening queue.
Each step's integration event is published. Every page visited is checked with axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from frontdoor.access.models import Role
from frontdoor.handovers.tests.factories import stepped_down
from frontdoor.outbox.models import IntegrationEvent
from frontdoor.teams.models import Team, TeamKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_stepped_down_child_is_received_by_early_help_and_stepped_back_up(
    new_page: Any,
    sign_in: Any,
    sign_out: Any,
    assert_accessible: Any,
    make_user: Any,
    manager: Any,
    screener: Any,
) -> None:
    early_help = Team.objects.get(kind=TeamKind.EARLY_HELP, slug="early-help")
    eve = make_user("eve", Role.EARLY_HELP_WORKER, team=early_help)
    handover = stepped_down(manager, screener, first="Tamsin")
    name = handover.person.full_name

    page = new_page(javascript=False)
    sign_in(page, eve)
    page.get_by_role("link", name="Handed over").click()
    assert_accessible(page)
    expect(page.locator("h1")).to_contain_text("Children handed over, waiting to be received")
    page.get_by_role("link", name=f"Open the handover of {name}").click()
    assert_accessible(page)
    expect(page.locator("h1")).to_contain_text(name)
    page.get_by_role("button", name="Accept the child").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{name} received by Early help")
    assert_accessible(page)

    page.get_by_role("button", name="Step up to the MASH").click()
    assert_accessible(page)
    page.get_by_label("What has changed, and why does the child need the MASH now?").fill(
        "School report bruising on her arm; mum says she fell"
    )
    page.get_by_role("button", name="Step up to the MASH").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{name} stepped up to the MASH")
    sign_out(page)

    sign_in(page, screener)
    page.get_by_role("link", name="Screening").first.click()
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text(name)

    types = set(IntegrationEvent.objects.values_list("type", flat=True))
    assert {
        "uk.gov.frontdoor.handover.opened",
        "uk.gov.frontdoor.handover.accepted",
        "uk.gov.frontdoor.handover.stepped_up",
    } <= types
