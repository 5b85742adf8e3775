"""Service accounts and their API tokens, as actions (issue 13): only a service account holds a
token, only a system administrator issues or revokes one, and each is audited. What the API
then lets a token do is in frontdoor/api/tests/test_auth.py."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access import actions, tokens
from frontdoor.access.actions import NotAServiceAccount, ReasonNeeded
from frontdoor.access.models import ApiToken, Role, User
from frontdoor.access.tests.signing_in import PASSWORD
from frontdoor.audit.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def police_system(admin_user, police_agency):
    return actions.create_service_account(
        by=admin_user,
        username="police-case-system",
        name="Wessex Police case system",
        role=Role.PARTNER,
        agency=police_agency,
    )


# --- Service accounts ----------------------------------------------------------------------------


def test_admin_can_create_a_service_account_with_a_role_and_an_agency(
    admin_user, police_system, police_agency
):
    police_system.refresh_from_db()
    assert police_system.is_service_account
    assert (police_system.role, police_system.agency) == (Role.PARTNER, police_agency)
    assert police_system.display_name == "Wessex Police case system"
    assert not police_system.has_usable_password()
    event = Event.objects.get(verb="service_account_created")
    assert event.actor == admin_user
    assert event.data["user"] == police_system.pk


def test_admin_cannot_create_a_partner_service_account_without_an_agency(admin_user):
    with pytest.raises(ValidationError):
        actions.create_service_account(
            by=admin_user, username="orphan-system", name="Orphan", role=Role.PARTNER
        )
    assert not User.objects.filter(username="orphan-system").exists()
    assert not Event.objects.filter(verb="service_account_created").exists()


def test_manager_cannot_create_a_service_account(manager):
    with pytest.raises(PermissionDenied):
        actions.create_service_account(
            by=manager, username="my-tool", name="My tool", role=Role.MANAGER
        )


def test_admin_can_create_a_service_account_with_the_management_command(
    admin_user, child_protection_hub
):
    call_command(
        "create_service_account",
        "hub-tool",
        "--name",
        "Hub analysis tool",
        "--role",
        "hub_worker",
        "--team",
        child_protection_hub.slug,
        "--by",
        "adam",
        stdout=io.StringIO(),
    )
    account = User.objects.get(username="hub-tool")
    assert account.is_service_account and account.team == child_protection_hub


def test_service_account_cannot_be_staff_in_the_django_admin(police_system):
    with transaction.atomic(), pytest.raises(IntegrityError):
        User.objects.filter(pk=police_system.pk).update(is_staff=True)


def test_service_account_cannot_sign_in_through_the_sign_in_page(client, police_system):
    # Even if someone gave it a password, the sign-in form refuses it, with the same message
    # as a wrong password.
    police_system.set_password(PASSWORD)
    police_system.save(update_fields=["password"])
    response = client.post("/sign-in/", {"username": police_system.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


# --- Issuing ------------------------------------------------------------------------------------


def test_admin_can_issue_a_token_to_a_service_account_and_it_is_audited(
    admin_user, police_system, settings
):
    settings.FRONTDOOR_API_TOKEN_DAYS = 90
    issued = actions.issue_api_token(by=admin_user, user=police_system, name="Force case system")
    stored = ApiToken.objects.get()
    assert stored == issued.api_token
    assert stored.digest == tokens.digest(issued.token)
    assert stored.expires_at - stored.created_at == timedelta(days=90)
    assert tokens.user_for_token(issued.token) == police_system
    event = Event.objects.get(verb="api_token_issued")
    assert event.actor == admin_user
    assert event.data["token"] == str(stored.public_id)
    assert event.data["user"] == police_system.pk
    # The audit trail never holds the token itself.
    assert issued.token not in str(event.data)


def test_person_cannot_hold_a_token(admin_user, screener):
    with pytest.raises(NotAServiceAccount, match="Only a service account may hold an API token"):
        actions.issue_api_token(by=admin_user, user=screener, name="A person's token")
    assert not ApiToken.objects.exists()
    assert not Event.objects.filter(verb="api_token_issued").exists()


def test_disabled_service_account_cannot_be_issued_a_token(admin_user, police_system):
    User.objects.filter(pk=police_system.pk).update(is_active=False)
    with pytest.raises(NotAServiceAccount):
        actions.issue_api_token(by=admin_user, user=police_system, name="Force case system")


def test_manager_cannot_issue_a_token(manager, police_system):
    with pytest.raises(PermissionDenied):
        actions.issue_api_token(by=manager, user=police_system, name="Force case system")
    assert not ApiToken.objects.exists()


def test_person_cannot_be_issued_a_token_with_the_management_command(admin_user, screener):
    with pytest.raises(CommandError, match="alice is not an active service account"):
        call_command("issue_api_token", "alice", "--by", "adam", stdout=io.StringIO())


# --- Revoking -----------------------------------------------------------------------------------


def test_admin_can_revoke_a_token_and_it_is_audited(admin_user, police_system):
    issued = actions.issue_api_token(by=admin_user, user=police_system, name="Force case system")
    assert actions.revoke_api_token(
        by=admin_user, api_token=issued.api_token, reason="The force replaced its system"
    )
    assert tokens.user_for_token(issued.token) is None
    event = Event.objects.get(verb="api_token_revoked")
    assert event.actor == admin_user
    assert event.reason == "The force replaced its system"
    assert event.data["token"] == str(issued.api_token.public_id)
    # A second revocation changes nothing and writes nothing.
    assert not actions.revoke_api_token(
        by=admin_user, api_token=issued.api_token, reason="The force replaced its system"
    )
    assert Event.objects.filter(verb="api_token_revoked").count() == 1


def test_admin_cannot_revoke_a_token_without_a_reason(admin_user, police_system):
    issued = actions.issue_api_token(by=admin_user, user=police_system, name="Force case system")
    with pytest.raises(ReasonNeeded):
        actions.revoke_api_token(by=admin_user, api_token=issued.api_token, reason=" ")
    assert tokens.user_for_token(issued.token) == police_system


def test_manager_cannot_revoke_a_token(admin_user, manager, police_system):
    issued = actions.issue_api_token(by=admin_user, user=police_system, name="Force case system")
    with pytest.raises(PermissionDenied):
        actions.revoke_api_token(by=manager, api_token=issued.api_token, reason="Not mine to do")
    assert tokens.user_for_token(issued.token) == police_system


def test_expired_token_lets_nobody_in(admin_user, police_system):
    issued = actions.issue_api_token(by=admin_user, user=police_system, name="Force case system")
    ApiToken.objects.filter(pk=issued.api_token.pk).update(expires_at=timezone.now())
    assert tokens.user_for_token(issued.token) is None
