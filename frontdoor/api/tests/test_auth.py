"""Who gets in: a live bearer token of an active service account, or a signed-in session.
Nobody else. A revoked or expired token, a disabled account and a person's token are refused on
the very next request (../shared/SECURITY.md, 8; issue 13)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from config.api import api
from frontdoor.access import actions, tokens
from frontdoor.access.models import ApiToken
from frontdoor.access.tests.service_accounts import issuer, token_for
from frontdoor.api.tests.conftest import Api

pytestmark = pytest.mark.django_db

REFUSED = {"detail": "Send a valid bearer token or sign in"}
QUEUES = "/api/contacts/queues/"


def _every_operation() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema(path_prefix="/api/")
    # A fixed id, so that every pytest-xdist worker collects the same test names.
    some_id = "5f0c8a3e-0000-4000-8000-000000000000"
    return [
        (
            method,
            path.replace("{family_id}", some_id)
            .replace("{contact_id}", some_id)
            .replace("{person_id}", some_id)
            .replace("{slug}", "screening"),
        )
        for path, operations in schema["paths"].items()
        for method in operations
    ]


@pytest.mark.parametrize(("method", "path"), _every_operation())
def test_caller_without_a_token_cannot_reach_any_operation(anonymous_api, method, path):
    response = anonymous_api.get(path) if method == "get" else anonymous_api.send(method, path, {})
    assert response.status_code == 401
    assert response.json() == REFUSED


def test_caller_cannot_get_in_with_a_made_up_token():
    response = Api("not-a-real-token").get(QUEUES)
    assert response.status_code == 401
    assert response.json() == REFUSED


def test_caller_without_a_token_gets_401_for_a_post_not_a_csrf_refusal(anonymous_api):
    # Issue 13: django-ninja checked CSRF before looking for a session, and answered 403.
    for caller in (anonymous_api, Api("not-a-real-token")):
        response = caller.post("/api/contacts", {})
        assert response.status_code == 401
        assert response.json() == REFUSED


def test_signed_in_user_cannot_post_to_the_api_without_the_csrf_token(screener):
    client = Client(enforce_csrf_checks=True)
    client.force_login(screener)
    response = client.post("/api/contacts", "{}", content_type="application/json")
    assert response.status_code == 403


def test_signed_in_user_can_post_to_the_api_with_the_csrf_token(contact_officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(contact_officer)
    client.get("/api/docs")  # sets the CSRF cookie, as the docs page does for its calls
    response = client.post(
        "/api/contacts",
        "{}",
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )
    assert response.status_code == 422  # past authentication and CSRF: the body is wrong


def test_screening_tool_can_list_the_queues_with_its_token(api_as, screener):
    response = api_as(screener).get(QUEUES)
    assert response.status_code == 200
    assert [q["slug"] for q in response.json()][0] == "screening"


def test_screening_tool_cannot_use_a_token_once_it_is_revoked(api_as, screener):
    client = api_as(screener)
    assert client.get(QUEUES).status_code == 200
    actions.revoke_api_token(
        by=issuer(), api_token=ApiToken.objects.get(user=screener), reason="The tool is retired"
    )
    response = client.get(QUEUES)
    assert response.status_code == 401
    assert response.json() == REFUSED


def test_screening_tool_cannot_use_an_expired_token(api_as, screener, settings):
    settings.FRONTDOOR_API_TOKEN_DAYS = 90
    client = api_as(screener)
    assert client.get(QUEUES).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=90, seconds=1)):
        response = client.get(QUEUES)
    assert response.status_code == 401
    assert response.json() == REFUSED


def test_screening_tool_can_use_its_token_until_it_expires(api_as, screener, settings):
    settings.FRONTDOOR_API_TOKEN_DAYS = 7
    client = api_as(screener)
    stored = ApiToken.objects.get(user=screener)
    assert stored.expires_at - stored.created_at == timedelta(days=7)
    with time_machine.travel(stored.expires_at - timedelta(seconds=1)):
        assert client.get(QUEUES).status_code == 200
    with time_machine.travel(stored.expires_at):
        assert client.get(QUEUES).status_code == 401


def test_disabled_service_account_cannot_use_its_token_at_once(api_as, screener):
    client = api_as(screener)
    assert client.get(QUEUES).status_code == 200
    screener.is_active = False
    screener.save(update_fields=["is_active"])
    assert client.get(QUEUES).status_code == 401


def test_person_cannot_use_a_token_even_one_issued_before_the_rule(screener):
    # A token from before only service accounts could hold one (migration 0004 marks nobody).
    token = tokens.new_token()
    now = timezone.now()
    ApiToken.objects.create(
        user=screener,
        name="Issued to a person",
        prefix=token[:8],
        digest=tokens.digest(token),
        created_at=now,
        expires_at=now + timedelta(days=30),
    )
    response = Api(token).get(QUEUES)
    assert response.status_code == 401
    assert response.json() == REFUSED


def test_screening_tool_token_records_when_it_was_last_used_at_most_once_a_minute(api_as, screener):
    client = api_as(screener)
    assert ApiToken.objects.get(user=screener).last_used_at is None
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get(QUEUES)
    assert ApiToken.objects.get(user=screener).last_used_at == start
    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        client.get(QUEUES)  # within the minute: no write
    assert ApiToken.objects.get(user=screener).last_used_at == start
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        client.get(QUEUES)
    assert ApiToken.objects.get(user=screener).last_used_at == start + timedelta(seconds=61)


def test_screener_can_use_the_api_while_signed_in(client, screener):
    client.force_login(screener)
    assert client.get(QUEUES).status_code == 200


def test_admin_can_issue_a_token_that_works_with_the_management_command(admin_user, screener):
    token_for(screener)  # the screener's system is a service account
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "issue_api_token",
        "alice",
        "--name",
        "Police system",
        "--by",
        "adam",
        stdout=out,
        stderr=err,
    )
    token = out.getvalue().strip()
    assert "stops working on" in err.getvalue()
    assert Api(token).get(QUEUES).status_code == 200
    stored = ApiToken.objects.get(user=screener, name="Police system")
    # Only a hash is kept: the token itself is shown once and never stored.
    assert token not in (stored.digest, stored.prefix, stored.name)
    assert stored.last_used_at is not None


def test_admin_cannot_issue_a_token_to_a_person_with_the_management_command(admin_user, screener):
    with pytest.raises(CommandError, match="Only a service account may hold an API token"):
        call_command("issue_api_token", "alice", "--by", "adam", stdout=io.StringIO())
    assert not ApiToken.objects.exists()


def test_screener_cannot_issue_a_token_with_the_management_command(screener, make_user):
    tool = make_user("screening-tool", "screener", is_service_account=True)
    with pytest.raises(CommandError, match="does not allow"):
        call_command("issue_api_token", tool.username, "--by", "alice", stdout=io.StringIO())
    assert not ApiToken.objects.exists()
