"""Readers for access: who is asking."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from frontdoor.access.models import AccessGrant, BreakGlass, RestrictedRecord, User
from frontdoor.access.policies import can
from frontdoor.access.records import RESTRICTED_PLACEHOLDER, HiddenRecord

__all__ = ["RESTRICTED_PLACEHOLDER"]

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.people.models import Person


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user making the request. Sign-in is required everywhere but the sign-in
    page (middleware), so an anonymous user here is a wiring error: refuse rather than guess."""
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise PermissionDenied
    return user


# --- Restricted records (../shared/SECURITY.md, 4) ---------------------------------------------
#
# A restricted record opens only for someone with a live allow-list grant, or a live
# break-glass. How that is enforced for every reader, list and write is in `records.py`; this
# module answers the underlying question: which people are hidden from this user now.


def restricted_person_ids() -> QuerySet[RestrictedRecord, uuid.UUID]:
    """Every restricted person's id, as a subquery."""
    return RestrictedRecord.objects.values_list("person_id", flat=True)


def live_grants(user: User | AnonymousUser) -> QuerySet[AccessGrant]:
    now = timezone.now()
    if not user.is_authenticated:
        return AccessGrant.objects.none()
    return AccessGrant.objects.filter(user_id=user.pk, expires_at__gt=now, revoked_at__isnull=True)


def live_break_glass(user: User | AnonymousUser) -> QuerySet[BreakGlass]:
    if not user.is_authenticated:
        return BreakGlass.objects.none()
    return BreakGlass.objects.filter(user_id=user.pk, expires_at__gt=timezone.now())


def hidden_restrictions(user: User | AnonymousUser | None) -> QuerySet[RestrictedRecord]:
    """The restrictions this user is not let through now (no live grant, no live break-glass).
    The information governance lead keeps the allow-lists and answers "who viewed this child",
    so no identity is hidden from that role (which reads no case records: policies.py)."""
    if user is not None and can(user, "see_restricted_identities"):
        return RestrictedRecord.objects.none()
    if user is None or not user.is_authenticated:
        return RestrictedRecord.objects.all()
    opened = Q(grants__in=live_grants(user)) | Q(break_glass__in=live_break_glass(user))
    return RestrictedRecord.objects.exclude(
        pk__in=RestrictedRecord.objects.filter(opened).values("pk")
    )


def hidden_person_ids(user: User | AnonymousUser | None) -> frozenset[uuid.UUID]:
    """The restricted people this user may not open now. One query; restricted records are
    few, so the answer is a small set."""
    return frozenset(hidden_restrictions(user).values_list("person_id", flat=True))


def may_open(user: User | AnonymousUser, person: Person | uuid.UUID | None) -> bool:
    if person is None:
        return True
    person_id = person if isinstance(person, uuid.UUID) else person.pk
    if not RestrictedRecord.objects.filter(person_id=person_id).exists():
        return True
    return person_id not in hidden_person_ids(user)


def opened_by_break_glass(user: User | AnonymousUser, person_id: uuid.UUID | None) -> bool:
    """Is `user` reading this person only because they broke glass (not on the allow-list)?"""
    if person_id is None or not user.is_authenticated:
        return False
    if live_grants(user).filter(restriction__person_id=person_id).exists():
        return False
    return live_break_glass(user).filter(restriction__person_id=person_id).exists()


def require_may_open(user: User | AnonymousUser, *people: Person | uuid.UUID | None) -> None:
    """Refuse, as if the record did not exist, if any of these people is hidden from the user."""
    ids = {p if isinstance(p, uuid.UUID) else p.pk for p in people if p is not None}
    if ids and ids & hidden_person_ids(user):
        raise HiddenRecord()


def restricted_among(person_ids: Iterable[uuid.UUID]) -> frozenset[uuid.UUID]:
    """Which of these people have restricted records."""
    ids = set(person_ids)
    if not ids:
        return frozenset()
    return frozenset(restricted_person_ids().filter(person_id__in=ids))
