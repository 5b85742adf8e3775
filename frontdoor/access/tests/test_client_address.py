"""Lockout counts each client under its own address, behind a configured number of trusted
proxies, and a client cannot choose the address it is counted under (../shared/SECURITY.md,
15)."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from frontdoor.access.client_address import client_address

from .signing_in import PASSWORD, give_app

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the reverse proxy, as the app sees it (REMOTE_ADDR)
CLIENT_A = "198.51.100.7"
CLIENT_B = "198.51.100.8"


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, None, PROXY),
        (0, CLIENT_A, PROXY),  # no trusted proxy: the header is the client's say-so
        (1, CLIENT_A, CLIENT_A),
        (1, f"6.6.6.6, {CLIENT_A}", CLIENT_A),  # the right-most: what our proxy saw
        (1, f"unknown, {CLIENT_A}", CLIENT_A),
        (1, "10.20.30.40", "10.20.30.40"),  # a council network's private address is kept
        (1, "2001:db8::7", "2001:db8::7"),
        (2, f"6.6.6.6, {CLIENT_A}, 10.0.0.9", CLIENT_A),  # outer proxy saw A, inner the outer
        (1, None, PROXY),  # no header at all: counted under the proxy, never under nothing
        (1, f'"x, {CLIENT_A}', PROXY),  # a header mangled on purpose: the same
        (2, CLIENT_A, PROXY),  # fewer hops than proxies: it did not come through them all
    ],
)
def test_client_address_behind_trusted_proxies(settings, proxies, forwarded_for, expected):
    settings.FRONTDOOR_TRUSTED_PROXY_COUNT = proxies
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    assert client_address(RequestFactory().post("/sign-in/", **headers)) == expected


def _guess(client: Client, username: str, *, forwarded_for: str, remote: str = PROXY):
    return client.post(
        "/sign-in/",
        {"username": username, "password": "not the password"},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def _sign_in(username: str, *, forwarded_for: str, remote: str = PROXY):
    return Client().post(
        "/sign-in/",
        {"username": username, "password": PASSWORD},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_two_clients_behind_one_proxy_are_locked_out_separately(settings, screener, manager):
    settings.FRONTDOOR_TRUSTED_PROXY_COUNT = 1
    give_app(manager)
    guesser = Client()
    for n in range(5):  # five usernames, so only the address can lock
        _guess(guesser, f"guess{n}", forwarded_for=CLIENT_A)
    assert _sign_in("alice", forwarded_for=CLIENT_A).status_code == 429
    # A client forging its own X-Forwarded-For is still counted under the address our proxy
    # saw, the right-most one.
    assert _sign_in("alice", forwarded_for=f"{CLIENT_B}, {CLIENT_A}").status_code == 429
    # Someone else behind the same proxy signs in as usual.
    response = _sign_in("maya", forwarded_for=CLIENT_B)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/code/")


def test_a_client_forging_x_forwarded_for_with_no_trusted_proxy_is_counted_by_its_address(
    settings, screener, manager
):
    settings.FRONTDOOR_TRUSTED_PROXY_COUNT = 0
    give_app(manager)
    guesser = Client()
    for n in range(5):  # a new forged address each time, to dodge the lockout
        _guess(guesser, f"guess{n}", remote=CLIENT_A, forwarded_for=f"203.0.113.{n}")
    assert _sign_in("alice", remote=CLIENT_A, forwarded_for="203.0.113.99").status_code == 429
    # Nor did the forgery lock out the addresses it named, or the proxy's.
    assert _sign_in("maya", remote="203.0.113.1", forwarded_for="").status_code == 302
    assert _sign_in("maya", remote=CLIENT_B, forwarded_for=CLIENT_A).status_code == 302


def test_lockout_is_still_per_account_behind_a_proxy(settings, screener):
    settings.FRONTDOOR_TRUSTED_PROXY_COUNT = 1
    for n in range(5):  # five addresses, one account
        _guess(Client(), "alice", forwarded_for=f"198.51.100.{10 + n}")
    assert _sign_in("alice", forwarded_for=CLIENT_B).status_code == 429
