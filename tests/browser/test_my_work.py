"""My work (issue 17) in Debian's Chromium with JavaScript off: a screener finds everything
waiting on them from the service navigation, most urgent first, and each link leads to where
the work is done. Every page visited is checked with axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from frontdoor.access.models import Role
from tests.matrix_records import Cast, build_challenge, build_queued

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_screener_finds_their_work_and_goes_to_it(
    new_page: Any,
    sign_in: Any,
    assert_accessible: Any,
    make_user: Any,
    child_protection_hub: Any,
    area_team: Any,
    police_agency: Any,
    screener: Any,
    manager: Any,
    contact_officer: Any,
) -> None:
    users = {
        "screener": screener,
        "manager": manager,
        "contact_officer": contact_officer,
        "ig_lead": make_user("iris", Role.IG_LEAD),
    }
    cast = Cast(users, child_protection_hub, area_team, police_agency)
    claimed = build_queued(cast, "claimed").record
    build_challenge(cast, "")

    page = new_page(javascript=False)
    sign_in(page, screener)
    page.get_by_role("link", name="My work").click()
    assert_accessible(page)
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(3)  # the claim, the challenge and its action
    expect(rows.first).to_contain_text("Contact claimed")
    expect(rows.last).to_contain_text("Challenge to answer")
    rows.first.get_by_role("link").click()
    assert_accessible(page)
    child = claimed.contacts.get()
    expect(page.locator("h1")).to_contain_text(f"Contact about {child.child_name}")
