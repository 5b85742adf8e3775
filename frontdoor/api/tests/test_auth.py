"""Who gets in: a live bearer token of an active user, or a signed-in session. Nobody else, and
a revoked token or a disabled user is refused on the very next request
(../shared/SECURITY.md, 8)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from frontdoor.access.models import ApiToken
from frontdoor.api.api import api
from frontdoor.api.tests.conftest import Api

pytestmark = pytest.mark.django_db

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
    response = anonymous_api.get(path) if method == "get" else anonymous_api.post(path, {})
    assert response.status_code == 401
    assert response.json() == {"detail": "Send a valid bearer token or sign in"}


def test_caller_cannot_get_in_with_a_made_up_token():
    assert Api("not-a-real-token").get(QUEUES).status_code == 401


def test_screener_can_list_the_queues_with_a_token(api_as, screener):
    response = api_as(screener).get(QUEUES)
    assert response.status_code == 200
    assert [q["slug"] for q in response.json()][0] == "screening"


def test_screener_cannot_use_a_token_once_it_is_revoked(api_as, screener):
    client = api_as(screener)
    assert client.get(QUEUES).status_code == 200
    ApiToken.objects.filter(user=screener).update(revoked_at=timezone.now())
    assert client.get(QUEUES).status_code == 401


def test_disabled_user_cannot_use_their_token_at_once(api_as, screener):
    client = api_as(screener)
    assert client.get(QUEUES).status_code == 200
    screener.is_active = False
    screener.save(update_fields=["is_active"])
    assert client.get(QUEUES).status_code == 401


def test_screener_can_use_the_api_while_signed_in(client, screener):
    client.force_login(screener)
    assert client.get(QUEUES).status_code == 200


def test_admin_can_issue_a_token_that_works_with_the_management_command(screener):
    out = io.StringIO()
    call_command("issue_api_token", "alice", "--name", "Police system", stdout=out)
    token = out.getvalue().strip()
    assert Api(token).get(QUEUES).status_code == 200
    stored = ApiToken.objects.get(user=screener)
    # Only a hash is kept: the token itself is shown once and never stored.
    assert token not in (stored.digest, stored.prefix, stored.name)
    assert stored.last_used_at is not None
