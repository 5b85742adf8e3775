"""Statutory returns (issue 16), in Debian's Chromium.

Maya, a manager, goes from Performance to the statutory returns; she sees the children whose
records the census would query before census day, then downloads the census and Ofsted's Annex A
lists: she confirms it is her (step-up), chooses the year or the date, gives a reason, and
downloads each file, which is recorded. Every page visited is checked with axe.
"""

from __future__ import annotations

import io
import time
from typing import Any

import pytest
from defusedxml import ElementTree as SafeET
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from frontdoor.access import second_factor
from frontdoor.access.models import Role
from frontdoor.audit.models import Event
from frontdoor.returns.tests.conftest import record_year

from .helpers import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_can_check_and_download_the_statutory_returns(
    page: Page,
    sign_in: Any,
    assert_accessible: Any,
    manager: Any,
    screener: Any,
    hub_worker: Any,
    area_team: Any,
    make_user: Any,
    settings: Any,
) -> None:
    settings.FRONTDOOR_STEP_UP_SECONDS = 10  # five minutes in production
    worker = make_user("sam", Role.AREA_WORKER, team=area_team)
    year = record_year(manager, screener, hub_worker, area_team, worker)

    sign_in(page, manager)
    page.goto("/performance/")
    with page.expect_navigation():
        page.get_by_role("link", name="Statutory returns").click()
    expect(page.get_by_role("heading", name="Statutory returns", exact=True)).to_be_visible()
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Before census day").click()
    page.get_by_label("Census year").select_option("2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    child = year["plan"].person.full_name
    expect(page.get_by_role("link", name=child, exact=True).first).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("8610")
    assert_accessible(page)

    time.sleep(11)  # the check at sign-in is no longer recent
    page.goto("/returns/census/")
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Code", exact=True).fill(
        second_factor.code_now(second_factor.confirmed_app(manager))
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Download the children in need census")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Download the census").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the census year")
    assert_accessible(page)
    page.get_by_label("1 April 2025 to 31 March 2026").check()
    page.get_by_label("Why do you need this export?").fill("The census return for 2025 to 2026")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the census").click()
    with open(download.value.path(), "rb") as saved:
        root = SafeET.fromstring(saved.read())
    assert len(root.findall("Children/Child")) == 2
    assert Event.objects.get(verb="census_downloaded").actor == manager

    page.goto("/returns/annex-a/")
    expect(page.get_by_role("heading", name="Download the Annex A lists")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Why do you need this export?").fill("Ofsted's request for Annex A")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the lists").click()
    with open(download.value.path(), "rb") as saved:
        book = load_workbook(io.BytesIO(saved.read()))
    assert book.sheetnames == [f"List {n}" for n in range(1, 8)]
    assert Event.objects.get(verb="annex_a_downloaded").data["as_of"] == "2025-12-31"
