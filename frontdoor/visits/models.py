"""Transfer to an area team, allocation to a worker, and visits to the child.

The see-by time set by the manager's decision is the clock. The inspectors found "unacceptable
delay in being seen and assessed" after transfer to area teams; here every transferred child is
in a team's allocation queue or a worker's list, ordered by that clock, and an overdue visit is
escalated to the team's managers.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild
from frontdoor.visits.workflow import AllocationStatus


class Allocation(AboutAChild):
    child_paths = ("person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.OneToOneField(
        "referrals.Referral", on_delete=models.PROTECT, related_name="allocation"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    status = models.CharField(
        max_length=20,
        choices=AllocationStatus.choices,
        default=AllocationStatus.AWAITING_ALLOCATION,
    )
    version = models.PositiveIntegerField(default=1)
    transferred_at = models.DateTimeField()
    see_by = models.DateTimeField(db_index=True)
    allocated_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "see_by"], name="allocation_status_see_by")]

    def __str__(self) -> str:
        return f"Transfer to {self.team} (see by {self.see_by:%d %b %Y %H:%M})"


class Visit(AboutAChild):
    """One visit. The child's views and daily life are required; if the child was not seen or
    heard, the record says why."""

    child_paths = ("allocation__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="visits")
    visited_at = models.DateTimeField()
    child_seen = models.BooleanField()
    seen_alone = models.BooleanField(null=True, blank=True)
    location = models.CharField(max_length=300)
    others_present = models.CharField(max_length=500, blank=True)
    childs_views = models.TextField(blank=True)
    daily_life = models.TextField(blank=True)
    not_seen_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["visited_at"]

    def __str__(self) -> str:
        return f"Visit on {self.visited_at:%d %b %Y %H:%M}"
