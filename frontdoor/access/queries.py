"""Readers for access: who is asking."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from frontdoor.access.models import User


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user making the request. Sign-in is required everywhere but the sign-in
    page (middleware), so an anonymous user here is a wiring error: refuse rather than guess."""
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise PermissionDenied
    return user
