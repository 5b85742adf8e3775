"""Checking API tokens. A token is 32 random bytes; only its SHA-256 is stored.

Issuing and revoking one are actions (`actions.issue_api_token`, `actions.revoke_api_token`),
audited. A token lets its holder in only while all of these hold, checked on every request in
one query, so each takes effect on the very next request (../shared/SECURITY.md, 8):

- it has not been revoked;
- it has not expired (settings.FRONTDOOR_API_TOKEN_DAYS after it was issued);
- its user is active, and a service account: a person never holds a token, because a token
  skips the second factor, the session timeouts and step-up that a person's sign-in needs.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from frontdoor.access.models import ApiToken, User

# How often a token's `last_used_at` is written: enough to see which tokens are still in use,
# without a write on every call of a busy partner system.
TOUCH_EVERY = timedelta(minutes=1)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def user_for_token(token: str) -> User | None:
    """The service account a live token belongs to, or None."""
    now = timezone.now()
    row = (
        ApiToken.objects.select_related("user", "user__agency", "user__team")
        .filter(
            digest=digest(token),
            revoked_at__isnull=True,
            expires_at__gt=now,
            user__is_active=True,
            user__is_service_account=True,
        )
        .first()
    )
    if row is None:
        return None
    if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
        # Not an action: like a session's last-seen time, a fact about the credential, not a
        # change anyone made. No audit event.
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


def every_token() -> QuerySet[ApiToken]:
    """For the administrator's list: the newest first, with their service accounts."""
    return ApiToken.objects.select_related("user").order_by("-created_at", "-pk")


def find_token(public_id: uuid.UUID) -> ApiToken | None:
    return ApiToken.objects.select_related("user").filter(public_id=public_id).first()
