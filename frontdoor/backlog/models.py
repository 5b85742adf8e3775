"""Urgent review: a manager sends a set of waiting children to named workers, each with a due
date, and tracks the reviews to zero (issue 9, "Backlogs: nothing waits unseen").

The inspected MASH had 194 children in 140 families waiting about three weeks in a list nobody
watched; its answer was to review them all at once. Here that is a record, not a spreadsheet.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild


class UrgentReview(models.Model):
    """One batch: the children a manager chose, why, and by when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reason = models.CharField(max_length=500)
    due_on = models.DateField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(db_index=True)
    # How the children were chosen, e.g. {"older_than_days": 7, "queue": "screening"}.
    criteria = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-started_at",)

    def __str__(self) -> str:
        return f"Urgent review started {self.started_at:%d %b %Y}"


class ReviewOutcome(models.TextChoices):
    SAFE_TO_WAIT = "safe_to_wait", "Reviewed: safe to wait for the next step in its queue"
    PROGRESSED = "progressed", "Progressed: the next step has been taken"
    ESCALATED = "escalated", "Escalated: a manager must act today"


class UrgentReviewItem(AboutAChild):
    """One child's review, assigned to one worker. Open until the worker records an outcome."""

    child_paths = ("contact__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(UrgentReview, on_delete=models.PROTECT, related_name="items")
    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="+")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="urgent_reviews"
    )
    due_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices, blank=True)
    note = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("due_on", "review", "contact__family__received_at", "contact__position")
        indexes = [
            models.Index(fields=["assigned_to", "outcome"], name="urgent_item_worker_outcome"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["review", "contact"], name="urgent_item_once"),
        ]

    def __str__(self) -> str:
        return f"Urgent review of {self.contact}"

    @property
    def done(self) -> bool:
        return bool(self.outcome)
