"""Reading referrals: the child in need episodes (issue 16)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from frontdoor.access.policies import can
from frontdoor.access.records import open_record
from frontdoor.referrals.models import Referral

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User


def visible_referrals(user: User | AnonymousUser) -> QuerySet[Referral]:
    if can(user, "view_casework"):
        return Referral.objects.read_as(user)
    return Referral.objects.none()


def get_referral_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> Referral:
    """A referral (its child in need episode), logged as a view of the child's record; 404
    outside scope."""
    referrals = visible_referrals(user).select_related("person", "referral_source")
    return open_record(user, referrals, pk, path=path)
