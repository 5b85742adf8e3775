"""API tokens for the cast, in tests.

Only a service account may hold a token. The API tests ask what a role may do through the API
("the screener's screening tool", "Priya's force's case system"), so `token_for(persona)` makes
that persona the service account of their own system first: the same role, team and agency,
and the same user, so a test can still check who recorded what. It is a test's shortcut: the
service does it with `actions.create_service_account`, which also takes the password away. The
token itself is issued the real way, by a system administrator.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import make_password

from frontdoor.access import actions
from frontdoor.access.models import Role, User

ISSUER = "token-issuer"  # not one of the cast, so no test's own administrator is disturbed


def as_service_account(user: Any) -> Any:
    assert not (user.is_staff or user.is_superuser), (
        f"{user.username} is Django admin staff, which a service account never is: use "
        "token_for(twin_of(user))"
    )
    User.objects.filter(pk=user.pk).update(is_service_account=True)
    user.is_service_account = True
    return user


def twin_of(user: Any) -> User:
    """A separate service account with `user`'s role, team and agency: for a persona who must
    stay a person (Django admin staff)."""
    return User.objects.get_or_create(
        username=f"{user.username}-system",
        defaults={
            "first_name": f"{user.display_name}'s system",
            "role": user.role,
            "team": user.team,
            "agency": user.agency,
            "is_service_account": True,
            "password": make_password(None),  # unusable, as for every service account
        },
    )[0]


def issuer() -> User:
    found = User.objects.filter(username=ISSUER).first()
    return found or User.objects.create_user(
        username=ISSUER, role=Role.ADMIN, first_name="Token", last_name="Issuer"
    )


def token_for(user: Any, name: str = "tests") -> str:
    """A fresh token for `user`'s system, issued by an administrator."""
    return actions.issue_api_token(by=issuer(), user=as_service_account(user), name=name).token
