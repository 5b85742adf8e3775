"""Each social worker's caseload: open assessments and section 47 enquiries, and children
allocated and not yet seen. It counts across three apps (assessments, strategy, visits), so it
lives with the management information above them, not in any one of them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from frontdoor.access.models import Role, User
from frontdoor.access.policies import can
from frontdoor.assessments.workflow import AssessmentStatus
from frontdoor.strategy.workflow import EnquiryStatus
from frontdoor.visits.workflow import AllocationStatus

OPEN = [AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED]


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
