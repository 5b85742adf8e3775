"""Helpers for calling the API as one of the cast, the way a partner system would: JSON bodies
and a bearer token, issued to the persona made the service account of their own system
(`frontdoor/access/tests/service_accounts.py`)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from frontdoor.access.tests.service_accounts import token_for


class Api:
    """A Django test client that speaks JSON and sends one user's bearer token."""

    def __init__(self, token: str | None) -> None:
        self.token = token
        # CSRF is enforced, as a real server does: a partner system never sends a CSRF token.
        self.client = Client(enforce_csrf_checks=True)

    def _headers(self, extra: dict[str, str] | None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return {**headers, **(extra or {})}

    def get(self, path: str, headers: dict[str, str] | None = None, **query: Any):
        return self.client.get(path, query, headers=self._headers(headers))

    def post(self, path: str, body: Any, headers: dict[str, str] | None = None):
        return self.send("post", path, body, headers)

    def put(self, path: str, body: Any, headers: dict[str, str] | None = None):
        return self.send("put", path, body, headers)

    def send(self, method: str, path: str, body: Any, headers: dict[str, str] | None = None):
        """A JSON body sent with any method (POST, PUT, PATCH, DELETE)."""
        return getattr(self.client, method)(
            path,
            data=body if isinstance(body, str | bytes) else json.dumps(body),
            content_type="application/json",
            headers=self._headers(headers),
        )


@pytest.fixture
def api_as(db):
    """`api_as(screener)`: an API client holding a fresh token for that persona's system (the
    persona made a service account, with their own role, team and agency)."""

    def make(user) -> Api:
        return Api(token_for(user, name=f"tests for {user.username}"))

    return make


@pytest.fixture
def anonymous_api(db) -> Api:
    return Api(None)
