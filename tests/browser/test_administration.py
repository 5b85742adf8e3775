"""The system administrator's pages in Debian's Chromium, with and without JavaScript (issue 13).

Adam issues a token to the police force's service account (shown once), revokes it with a
reason, then confirms it is him and resets a screener's lost second factor. Every page is
checked with axe; the page fixture fails on any console error.
"""

from __future__ import annotations

import time

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from frontdoor.access import actions, second_factor
from frontdoor.access.models import Role
from frontdoor.access.tests.signing_in import give_app

from .helpers import PASSWORD, assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _submit(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    assert_accessible(page)


def _api_status(token: str) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    return Client().get("/api/partners/enquiries", headers=headers).status_code


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_admin_issues_and_revokes_a_token_and_resets_a_second_factor(
    new_page, admin_user, screener, police_agency, settings, javascript
):
    settings.FRONTDOOR_STEP_UP_SECONDS = 2  # five minutes in production
    actions.create_service_account(
        by=admin_user,
        username="police-case-system",
        name="Wessex Police case system",
        role=Role.PARTNER,
        agency=police_agency,
    )
    give_app(screener)
    page = new_page(javascript=javascript)
    sign_in(page, admin_user)

    # Issue a token, shown once.
    page.goto("/administration/api-tokens/")
    expect(page.get_by_role("heading", name="API tokens")).to_be_visible()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Issue a token").click()
    assert_accessible(page)
    _submit(page, "Issue the token")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the service account")
    page.get_by_label("Service account").select_option("police-case-system")
    page.get_by_label("What is the token for?").fill("Force case system")
    _submit(page, "Issue the token")
    expect(page.get_by_role("heading", name="Token issued")).to_be_visible()
    token = page.get_by_label("The token").input_value()
    assert _api_status(token) == 200
    page.reload()
    assert token not in page.content()

    # Revoke it, with a reason.
    with page.expect_navigation():
        page.get_by_role("link", name="Revoke the token Force case system").click()
    assert_accessible(page)
    _submit(page, "Revoke the token")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why you are revoking")
    page.get_by_label("Why are you revoking this token?").fill("Pasted into an email by mistake")
    _submit(page, "Revoke the token")
    expect(page.get_by_role("alert")).to_contain_text("is revoked")
    assert _api_status(token) == 401

    # Reset a lost second factor, after confirming it is him.
    time.sleep(2.5)  # the check at sign-in is no longer recent
    with page.expect_navigation():
        page.get_by_role("link", name="Second factor reset").click()
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    assert_accessible(page)
    settings.FRONTDOOR_STEP_UP_SECONDS = 300  # long enough for the rest of the test
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Code", exact=True).fill(
        second_factor.code_now(second_factor.confirmed_app(admin_user))
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Reset someone's second factor")).to_be_visible()
    assert_accessible(page)
    _submit(page, "Reset their second factor")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the person")
    page.get_by_label("Whose second factor?").select_option("alice")
    page.get_by_label("Why are you resetting it").fill("Lost phone; checked by video call")
    _submit(page, "Reset their second factor")
    expect(page.get_by_role("alert")).to_contain_text("second factor is reset")
    assert second_factor.confirmed_app(screener) is None
