"""Issuing and checking API tokens. A token is 32 random bytes; only its SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from frontdoor.access.models import ApiToken, User


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(*, user: User, name: str) -> str:
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user, name=name, prefix=token[:8], digest=_digest(token), created_at=timezone.now()
    )
    return token


def user_for_token(token: str) -> User | None:
    """The active user a live token belongs to, or None. A disabled user's tokens stop at once."""
    row = (
        ApiToken.objects.select_related("user", "user__agency", "user__team")
        .filter(digest=_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.user
