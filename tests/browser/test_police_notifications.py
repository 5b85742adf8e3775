"""Police notifications at volume (issue 5), in Debian's Chromium, through the real pages only.

Alice, a screener, uploads the force's sample CSV of domestic abuse incidents
(docs/samples/police-domestic-abuse.csv): the batch report lists the two bad rows by row
number and column, and the three good rows are imported. Amy Smith is known and is linked
without anyone looking; Kyle Jones matches two records equally well, so his match waits for a
review, which Alice makes. The queue shows Amy and her brother Ben as one family, highest risk
first, with the notification that came without a DASH flagged. Uploading the same file again
creates nothing. Every page visited, error pages included, is checked with axe; the journey
runs with and without JavaScript.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from frontdoor.contacts.models import Contact
from frontdoor.contacts.tests import factories as f
from frontdoor.police.models import NotificationChild
from frontdoor.police.tests.conftest import SAMPLES
from frontdoor.police.workflow import MatchStatus

from .helpers import assert_accessible, screenshot, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SAMPLE = SAMPLES / "police-domestic-abuse.csv"


def submit(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def follow(page: Page, link: str | re.Pattern[str]) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=link, exact=isinstance(link, str)).first.click()


def heading(page: Page, text: str | re.Pattern[str]) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def upload(page: Page) -> None:
    follow(page, "Upload a batch")
    heading(page, "Upload a police batch")
    assert_accessible(page)
    page.get_by_label("Which police force sent it?").select_option(label="Wessex Police")
    page.get_by_label("Domestic abuse incident").check()
    page.get_by_label("Upload a CSV file").set_input_files(SAMPLE)
    submit(page, "Upload and import")
    heading(page, re.compile(r"^Batch [0-9A-F]{8}$"))
    assert_accessible(page)


@pytest.fixture
def cast(screener, police_agency) -> dict[str, Any]:
    amy = f.person("Amy", "Smith", date(2019, 3, 27))
    kyles = [f.person("Kyle", "Jones", date(2018, 11, 9)) for _ in range(2)]
    return {"screener": screener, "amy": amy, "kyles": kyles}


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_screener_uploads_a_batch_reviews_a_match_and_sees_the_family(new_page, cast, javascript):
    page = new_page(javascript=javascript)
    sign_in(page, cast["screener"])
    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role(
            "link", name="Police", exact=True
        ).click()
    heading(page, "Waiting for screening")
    assert_accessible(page)

    # A form sent empty says what is missing.
    follow(page, "Upload a batch")
    submit(page, "Upload and import")
    assert page.title().startswith("Error: ")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select the police force that sent the file"
    )
    assert_accessible(page)

    # 1. The upload: bad rows by row number and column; the good rows imported.
    upload(page)
    problems = page.get_by_role("table", name="Rows not imported")
    expect(problems).to_contain_text("child1_date_of_birth")
    expect(problems).to_contain_text("The incident date and time must be a real date and time")
    expect(page.locator(".govuk-summary-list")).to_contain_text(
        re.compile(r"New notifications\s*3")
    )
    assert Contact.objects.count() == 4

    # 2. The queue: the family together, the highest risk first, no DASH flagged.
    follow(page, "Waiting for screening")
    assert_accessible(page)
    rows = page.locator("tbody tr")
    expect(rows.nth(0)).to_contain_text("WX/2026/1001")
    screenshot(page, "police-triage")
    expect(rows.nth(0)).to_contain_text("Amy Smith")
    expect(rows.nth(0)).to_contain_text("Ben Smith")
    expect(rows.nth(0)).to_contain_text("Known")
    expect(rows.nth(2)).to_contain_text("No DASH")

    # 3. The uncertain match, reviewed.
    follow(page, "Matches to review")
    assert_accessible(page)
    follow(page, "Kyle Jones")
    heading(page, "Who is Kyle Jones?")
    assert_accessible(page)
    submit(page, "Save the match")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the child's record")
    assert_accessible(page)
    chosen = cast["kyles"][1]
    page.get_by_label(re.compile(rf"record {chosen.pk.hex[:8].upper()}", re.I)).check()
    submit(page, "Save the match")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Kyle Jones is linked to the record"
    )
    assert_accessible(page)
    kyle = NotificationChild.objects.get(first_name="Kyle")
    assert (kyle.match_status, kyle.contact.person_id) == (MatchStatus.CONFIRMED, chosen.pk)

    # 4. The family contact itself: Amy and Ben, screened together.
    follow(page, "Back to police notifications")
    follow(page, "WX/2026/1001")
    assert_accessible(page)
    follow(page, "Open the family contact")
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text("Amy Smith")
    expect(page.locator("main")).to_contain_text("Ben Smith")

    # 5. The same file again creates nothing.
    page.goto("/police/")
    upload(page)
    expect(page.locator(".govuk-summary-list")).to_contain_text(
        re.compile(r"New notifications\s*0")
    )
    expect(page.locator(".govuk-summary-list")).to_contain_text(
        re.compile(r"Already imported, unchanged\s*3")
    )
    assert Contact.objects.count() == 4
