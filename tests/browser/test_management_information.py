"""Management information for the front door (issue 9), in Debian's Chromium.

Maya, a manager, opens the page: every measure has its definition, a chart and a table. She
follows one count to the children behind it, then exports one measure: she confirms it is her
(step-up), gives a reason, and downloads the spreadsheet, which is recorded. Every page visited
is checked with axe.
"""

from __future__ import annotations

import io
import time
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from frontdoor.access import second_factor
from frontdoor.access.models import Role
from frontdoor.audit.models import Event
from frontdoor.exports.spreadsheet import MARKING
from frontdoor.insight.measures import FRONT_DOOR
from frontdoor.insight.tests.front_door_data import build

from .helpers import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_can_read_drill_into_and_export_the_management_information(
    page: Page,
    sign_in: Any,
    assert_accessible: Any,
    manager: Any,
    second_manager: Any,
    screener: Any,
    area_team: Any,
    make_user: Any,
    settings: Any,
) -> None:
    settings.FRONTDOOR_STEP_UP_SECONDS = 10  # five minutes in production
    worker = make_user("sam", Role.AREA_WORKER, team=area_team)
    build(screener, manager, second_manager, area_team, worker)

    sign_in(page, manager)
    page.goto("/performance/")
    with page.expect_navigation():
        page.get_by_role("link", name="Management information: the front door").click()
    expect(
        page.get_by_role("heading", name="Management information: the front door")
    ).to_be_visible()
    assert_accessible(page)
    for slug in FRONT_DOOR:
        section = page.locator(f"section#{slug}")
        expect(section.locator("[data-definition]")).not_to_be_empty()
        expect(section.get_by_role("img")).to_have_count(1)  # the SVG chart, named
        expect(section.get_by_role("table")).to_have_count(1)
    expect(page.locator("section#backlog-by-age h2")).to_contain_text("2 children waiting")

    # Drill into the step-downs of May 2026: Ben.
    with page.expect_navigation():
        page.locator("section#step-down-and-step-up a[href*='key=2026-05~down']").click()
    expect(page.get_by_role("heading", name="The children behind this figure")).to_be_visible()
    expect(page.get_by_role("link", name="Ben Smith")).to_be_visible()
    assert_accessible(page)

    # Export the caseloads, after confirming it is her.
    time.sleep(11)  # the check at sign-in is no longer recent
    page.goto("/performance/front-door/")
    with page.expect_navigation():
        page.locator("a[href^='/performance/front-door/caseloads/export/']").click()
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Code", exact=True).fill(
        second_factor.code_now(second_factor.confirmed_app(manager))
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Export: Caseloads by worker and team")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why do you need this export?").fill("Caseload review for the service lead")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the spreadsheet").click()
    with open(download.value.path(), "rb") as saved:
        sheet = load_workbook(io.BytesIO(saved.read())).active
    assert sheet["A1"].value == MARKING
    assert [c.value for c in sheet[4]] == ["North area team", "Sam Tester", "1", "1"]
    event = Event.objects.get(verb="performance_exported")
    assert event.actor == manager and event.data["measure"] == "caseloads"
