"""Lockout after repeated failures, per account and per address (../shared/SECURITY.md, 15).

django-axes counts the failures: five lock the username (from any address) and five lock the
address (on any usernames) for AXES_COOLOFF_TIME. It sees wrong passwords by itself, through
its authentication backend. Signing in has a second step, though, and a wrong code there is a
failure too: otherwise someone who has the password could guess codes until one fits. So the
code pages (signing in, setting up an app, step-up) report wrong codes here, refuse to check
codes while the account is locked, and clear the failures only once a code is right: a right
password alone is half a sign-in, and clears nothing (AXES_RESET_ON_SUCCESS is off).

The address is the client's, behind any trusted proxies (`client_address`).
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset
from django.contrib.auth import user_login_failed
from django.http import HttpRequest

from frontdoor.access.models import User


def _credentials(user: User) -> dict[str, str]:
    return {"username": user.get_username()}


def is_locked_out(request: HttpRequest, user: User) -> bool:
    """Is this user's account, or the address the request came from, locked now?"""
    return not AxesProxyHandler.is_allowed(request, _credentials(user))


def count_failure(request: HttpRequest, user: User) -> bool:
    """Count a wrong code against the user and the address, exactly as a wrong password is
    counted (the same signal django-axes listens to). True if that has locked them out."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def clear_failures(request: HttpRequest, user: User) -> None:
    """A full sign-in (password and code) clears the failures counted against the user and
    against the address, as django-axes does after a successful sign-in."""
    AxesProxyHandler.update_request(request)
    reset(ip=request.axes_ip_address, username=user.get_username(), ip_or_username=True)  # type: ignore[attr-defined]
