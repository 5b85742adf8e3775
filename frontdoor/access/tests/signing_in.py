"""Signing in through the real pages with Django's test client: the password, then a code."""

from __future__ import annotations

from typing import Any

from django.test import Client

from frontdoor.access import second_factor

PASSWORD = "correct horse battery staple"  # the cast's password (root conftest.py)
# A fixed authenticator key for tests, so a test can compute the code an app would show.
TEST_KEY_HEX = "3132333435363738393031323334353637383930"


def give_app(user: Any) -> Any:
    return second_factor.set_up_app_with_key(user, TEST_KEY_HEX)


def code_for(user: Any) -> str:
    device = second_factor.confirmed_app(user)
    assert device is not None, f"{user.username} has no authenticator app"
    return second_factor.code_now(device)


def sign_in(client: Client, user: Any, *, next_url: str = "/") -> Any:
    """Password, then code; returns the response to the code. Gives the user an app first if
    they have none."""
    if second_factor.confirmed_app(user) is None:
        give_app(user)
    response = client.post(
        "/sign-in/", {"username": user.username, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith("/sign-in/code/")
    return client.post("/sign-in/code/", {"code": code_for(user), "next": next_url})
