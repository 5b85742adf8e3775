"""Readers for transfers, allocations and visits: the area teams' queues and workers' lists."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.access.policies import can
from frontdoor.access.records import is_concealed, open_record, reading_as
from frontdoor.visits.models import Allocation
from frontdoor.visits.workflow import AllocationStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User
    from frontdoor.teams.models import Team

NOT_SEEN = [AllocationStatus.AWAITING_ALLOCATION, AllocationStatus.ALLOCATED]


def visible_allocations(user: User | AnonymousUser) -> QuerySet[Allocation]:
    """Managers see every transfer; a social worker sees their team's and their own."""
    if not can(user, "view_casework"):
        return Allocation.objects.none()
    allocations = Allocation.objects.read_as(user)
    if getattr(user, "role", None) == Role.MANAGER:
        return allocations
    return allocations.filter(Q(team_id=user.team_id) | Q(worker=user))  # type: ignore[union-attr]


def get_allocation_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> Allocation:
    allocations = (
        visible_allocations(user)
        .select_related("person", "team", "worker", "referral", "referral__contact")
        .prefetch_related("visits")
    )
    return open_record(user, allocations, pk, path=path)


def team_queue(user: User, team: Team) -> QuerySet[Allocation]:
    """A team's children not yet seen: unallocated first, then by see-by time."""
    return (
        visible_allocations(user)
        .filter(team=team, status__in=NOT_SEEN)
        .select_related("person", "worker")
        .order_by("see_by")
    )


def my_children(user: User) -> QuerySet[Allocation]:
    """The children allocated to this worker, those not yet seen first, soonest first."""
    return (
        visible_allocations(user)
        .filter(worker=user)
        .select_related("person", "team", "referral")
        .order_by("first_seen_at", "see_by")
    )


def overdue_visits(user: User) -> QuerySet[Allocation]:
    """Children not seen by the time the manager set: the escalation list."""
    return (
        visible_allocations(user)
        .filter(status__in=NOT_SEEN, see_by__lt=timezone.now())
        .select_related("person", "team", "worker")
        .order_by("see_by")
    )


def siblings_to_visit(user: User, allocation: Allocation) -> QuerySet[Allocation]:
    """The child's brothers and sisters transferred from the same family contact, allocated
    and open to a visit (issue 17: one visit to a family, recorded for each child). Only those
    this user may open: a restricted sibling they may not open is left out, never named."""
    family_id = allocation.referral.contact.family_id
    candidates = (
        visible_allocations(user)
        .filter(
            referral__contact__family_id=family_id,
            status__in=[AllocationStatus.ALLOCATED, AllocationStatus.SEEN],
        )
        .exclude(pk=allocation.pk)
        .select_related("person", "team", "referral", "referral__contact")
    )
    with reading_as(user):
        openable = [a.pk for a in candidates if not is_concealed(a)]
    return candidates.filter(pk__in=openable).order_by("person__date_of_birth", "pk")
