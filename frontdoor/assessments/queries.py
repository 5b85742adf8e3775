"""Readers for assessments, and caseloads."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from frontdoor.access.models import Role, User
from frontdoor.access.policies import can
from frontdoor.access.records import open_record
from frontdoor.assessments.models import Assessment
from frontdoor.assessments.workflow import AssessmentStatus
from frontdoor.strategy.workflow import EnquiryStatus
from frontdoor.visits.workflow import AllocationStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

OPEN = [AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED]


def visible_assessments(user: User | AnonymousUser) -> QuerySet[Assessment]:
    if can(user, "view_casework"):
        return Assessment.objects.read_as(user)
    return Assessment.objects.none()


def get_assessment_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> Assessment:
    assessments = (
        visible_assessments(user)
        .select_related("person", "worker", "referral", "referral__contact", "authorised_by")
        .prefetch_related("factors")
    )
    return open_record(user, assessments, pk, path=path)


def my_assessments(user: User) -> QuerySet[Assessment]:
    return (
        visible_assessments(user)
        .filter(worker=user, status__in=OPEN)
        .select_related("person")
        .order_by("due_at")
    )


def awaiting_authorisation(user: User) -> QuerySet[Assessment]:
    return (
        visible_assessments(user)
        .filter(status=AssessmentStatus.SUBMITTED)
        .select_related("person", "worker")
        .order_by("due_at")
    )


@dataclass(frozen=True)
class Caseload:
    worker: User
    open_assessments: int
    open_section_47: int
    not_yet_seen: int

    @property
    def total(self) -> int:
        return self.open_assessments + self.open_section_47


def caseloads(user: User) -> list[Caseload]:
    """Each social worker's open assessments and section 47 enquiries, and children not yet
    seen: one grouped query, whatever the number of workers."""
    if not can(user, "view_caseloads"):
        return []
    workers = (
        User.objects.filter(
            is_active=True, role__in=[Role.AREA_WORKER, Role.HUB_WORKER, Role.MANAGER]
        )
        .annotate(
            open_assessments=Count(
                "allocations__referral__assessment",
                filter=Q(allocations__referral__assessment__status__in=OPEN),
                distinct=True,
            ),
            open_section_47=Count(
                "allocations__referral__strategy_discussion__section47",
                filter=Q(
                    allocations__referral__strategy_discussion__section47__status=EnquiryStatus.OPEN
                ),
                distinct=True,
            ),
            not_yet_seen=Count(
                "allocations",
                filter=Q(allocations__status=AllocationStatus.ALLOCATED),
                distinct=True,
            ),
        )
        .select_related("team")
        .order_by("team__name", "last_name", "first_name")
    )
    return [
        Caseload(w, w.open_assessments, w.open_section_47, w.not_yet_seen)
        for w in workers
        if w.open_assessments or w.open_section_47 or w.not_yet_seen
    ]
