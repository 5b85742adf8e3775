"""The system administrator's pages (issue 13): API tokens listed, issued (shown once) and
revoked with a reason; a lost second factor reset, after step-up, so its owner sets up a new app
at their next sign-in. HTTP behaviour only: the actions are tested in test_api_tokens.py."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.access import actions, second_factor
from frontdoor.access.models import ApiToken, Role
from frontdoor.access.tests.signing_in import PASSWORD, TEST_KEY_HEX, code_for, give_app, sign_in
from frontdoor.audit.models import Event, Severity

pytestmark = pytest.mark.django_db

TOKENS = "/administration/api-tokens/"
NEW_TOKEN = "/administration/api-tokens/new/"
RESET = "/administration/second-factor/reset/"


@pytest.fixture
def adam(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def stepped_up(adam):
    session = adam.session
    session["frontdoor_stepped_up_at"] = int(time.time())  # as after "Confirm it is you"
    session.save()
    return adam


@pytest.fixture
def police_system(admin_user, police_agency):
    return actions.create_service_account(
        by=admin_user,
        username="police-case-system",
        name="Wessex Police case system",
        role=Role.PARTNER,
        agency=police_agency,
    )


def _revoke_url(api_token: ApiToken) -> str:
    return f"/administration/api-tokens/{api_token.public_id}/revoke/"


# --- API tokens ----------------------------------------------------------------------------------


def test_admin_can_list_api_tokens_with_their_accounts_and_dates(adam, admin_user, police_system):
    issued = actions.issue_api_token(by=admin_user, user=police_system, name="Force case system")
    page = adam.get(TOKENS).content.decode()
    assert "Force case system" in page
    assert "police-case-system" in page
    assert issued.api_token.prefix in page
    assert "Never" in page  # not used yet
    assert _revoke_url(issued.api_token) in page
    assert issued.token not in page


def test_admin_can_issue_a_token_from_the_page_and_see_it_only_once(adam, police_system):
    response = adam.post(NEW_TOKEN, {"account": "police-case-system", "name": "Force system"})
    assert response.status_code == 302 and response["Location"] == TOKENS
    stored = ApiToken.objects.get(user=police_system)
    shown = adam.get(TOKENS)
    assert shown["Cache-Control"].startswith("max-age=0")
    html = shown.content.decode()
    token = html.split('id="new-token" type="text" value="', 1)[1].split('"', 1)[0]
    assert token.startswith(stored.prefix)
    assert (
        Client()
        .get("/api/partners/enquiries", headers={"Authorization": f"Bearer {token}"})
        .status_code
        == 200
    )
    assert token not in adam.get(TOKENS).content.decode()  # shown once
    assert Event.objects.filter(verb="api_token_issued", data__token=str(stored.public_id))


def test_admin_cannot_issue_a_token_to_a_person_from_the_page(adam, screener, police_system):
    response = adam.post(NEW_TOKEN, {"account": "alice", "name": "A person's token"})
    assert response.status_code == 400
    assert "Select service account from the list" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_admin_is_told_how_to_make_a_service_account_when_there_is_none(adam):
    page = adam.get(NEW_TOKEN).content.decode()
    assert "manage.py create_service_account" in page
    assert "Issue the token" not in page


def test_admin_can_revoke_a_token_with_a_reason(adam, admin_user, police_system):
    issued = actions.issue_api_token(by=admin_user, user=police_system, name="Force case system")
    bearer = {"Authorization": f"Bearer {issued.token}"}
    assert adam.get(_revoke_url(issued.api_token)).status_code == 200
    response = adam.post(_revoke_url(issued.api_token), {"reason": "The force replaced it"})
    assert response.status_code == 302 and response["Location"] == TOKENS
    assert Client().get("/api/partners/enquiries", headers=bearer).status_code == 401
    event = Event.objects.get(verb="api_token_revoked")
    assert (event.actor, event.reason) == (admin_user, "The force replaced it")
    page = adam.get(TOKENS).content.decode()
    assert "is revoked" in page and "Revoked" in page
    assert _revoke_url(issued.api_token) not in page


def test_admin_cannot_revoke_a_token_without_a_reason(adam, admin_user, police_system):
    issued = actions.issue_api_token(by=admin_user, user=police_system, name="Force case system")
    response = adam.post(_revoke_url(issued.api_token), {"reason": ""})
    assert response.status_code == 400
    assert "Enter why you are revoking the token" in response.content.decode()
    issued.api_token.refresh_from_db()
    assert issued.api_token.revoked_at is None


def test_admin_gets_a_404_for_a_token_that_does_not_exist(adam):
    missing = "/administration/api-tokens/5f0c8a3e-0000-4000-8000-000000000000/revoke/"
    assert adam.get(missing).status_code == 404


def test_manager_cannot_see_or_revoke_api_tokens(client, manager, admin_user, police_system):
    issued = actions.issue_api_token(by=admin_user, user=police_system, name="Force case system")
    client.force_login(manager)
    assert client.get(TOKENS).status_code == 403
    assert (
        client.post(_revoke_url(issued.api_token), {"reason": "Not mine to do"}).status_code == 403
    )
    issued.api_token.refresh_from_db()
    assert issued.api_token.revoked_at is None


def test_admin_sees_the_administration_pages_in_the_navigation(adam):
    nav = adam.get(TOKENS).content.decode().split('aria-label="Menu"', 1)[1].split("</nav>")[0]
    assert TOKENS in nav and RESET in nav


# --- Resetting a second factor -------------------------------------------------------------------


def test_admin_cannot_reset_a_second_factor_without_confirming_it_is_them(adam, screener):
    give_app(screener)
    response = adam.post(RESET, {"person": "alice", "reason": "Lost phone, checked by video"})
    assert response.status_code == 302
    assert response["Location"].startswith("/confirm-it-is-you/")
    assert second_factor.confirmed_app(screener) is not None


def test_admin_can_reset_a_second_factor_which_ends_sessions_and_is_audited(
    stepped_up, admin_user, screener
):
    theirs = Client()
    sign_in(theirs, screener)
    second_factor.issue_recovery_codes(screener)
    assert theirs.get("/contacts/queues/screening/").status_code == 200
    response = stepped_up.post(
        RESET, {"person": "alice", "reason": "Lost phone; checked by video with her manager"}
    )
    assert response.status_code == 302 and response["Location"] == RESET
    assert not TOTPDevice.objects.filter(user=screener).exists()
    assert not StaticDevice.objects.filter(user=screener).exists()
    assert theirs.get("/contacts/queues/screening/")["Location"].startswith("/sign-in/")
    event = Event.objects.get(verb="second_factor_reset")
    assert event.actor == admin_user and event.severity == Severity.HIGH
    assert event.reason == "Lost phone; checked by video with her manager"
    assert event.data["user"] == screener.pk and event.data["sessions_ended"] == 1
    assert "second factor is reset" in stepped_up.get(RESET).content.decode()


def test_person_must_set_up_a_new_app_at_their_next_sign_in_after_a_reset(
    client, admin_user, screener
):
    give_app(screener)
    actions.reset_second_factor(by=admin_user, user=screener, reason="Lost phone, checked")
    response = client.post("/sign-in/", {"username": "alice", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/sign-in/set-up-app/")
    # The old app's codes no longer work: a new key is being set up.
    pending = TOTPDevice.objects.get(user=screener)
    assert not pending.confirmed and pending.key != TEST_KEY_HEX


def test_admin_cannot_reset_without_a_reason(stepped_up, screener):
    give_app(screener)
    response = stepped_up.post(RESET, {"person": "alice", "reason": ""})
    assert response.status_code == 400
    assert second_factor.confirmed_app(screener) is not None
    assert not Event.objects.filter(verb="second_factor_reset").exists()


def test_admin_cannot_reset_their_own_second_factor(stepped_up, admin_user):
    page = stepped_up.get(RESET).content.decode()
    assert 'value="adam"' not in page
    response = stepped_up.post(RESET, {"person": "adam", "reason": "Lost my own phone, honest"})
    assert response.status_code == 400
    assert second_factor.confirmed_app(admin_user) is not None
    with pytest.raises(actions.OwnSecondFactor):
        actions.reset_second_factor(by=admin_user, user=admin_user, reason="Lost my own phone")


def test_manager_cannot_reset_a_second_factor(client, manager, screener):
    give_app(screener)
    client.force_login(manager)
    assert (
        client.post(RESET, {"person": "alice", "reason": "Lost phone, checked"}).status_code == 403
    )
    assert second_factor.confirmed_app(screener) is not None


def test_admin_pages_never_show_anyones_authenticator_key_or_recovery_codes(
    stepped_up, screener, admin_user, police_system
):
    device = give_app(screener)
    codes = second_factor.issue_recovery_codes(screener)
    actions.issue_api_token(by=admin_user, user=police_system, name="Force case system")
    secrets = [TEST_KEY_HEX, second_factor.secret_for_typing(device).replace(" ", ""), *codes]
    for path in (TOKENS, NEW_TOKEN, RESET):
        html = stepped_up.get(path).content.decode().lower()
        assert [s for s in secrets if s.lower() in html] == [], path
    assert code_for(screener)  # the app still works: looking changed nothing
