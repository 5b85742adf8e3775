"""Police notifications, the batches they came in, and what MASH staff made of them.

A *notification* is keyed by the force and its own reference (with the kind): a batch sent
again finds every row already there. `content_hash` is the hash of the row as last received, so
"unchanged" is one comparison; a changed row updates the notification and its audit event says
what changed. Rows are written only by `police/actions/`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild
from frontdoor.missing.workflow import RiskGrade
from frontdoor.people.models import Sex
from frontdoor.police.workflow import (
    BatchStatus,
    Kind,
    MatchStatus,
    RiskLevel,
    RiskTool,
    RowOutcome,
    Source,
)


class Batch(models.Model):
    """One batch as it arrived: who sent it, and what happened to each row (`rows`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="police_batches"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, blank=True)  # blank: both
    source = models.CharField(max_length=10, choices=Source.choices)
    filename = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField(db_index=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the import last finished a chunk: a batch importing with no progress for a while
    # has stopped, and the scheduler marks it failed (workflow.batch_is_stuck).
    progress_at = models.DateTimeField(null=True, blank=True)
    # Why it failed, in words for the sender (never a row's content).
    failure_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "progress_at"], name="police_batch_progress")]

    def __str__(self) -> str:
        return f"Police batch {self.reference}"

    @property
    def reference(self) -> str:
        return self.id.hex[:8].upper()


class QueuedRows(models.Model):
    """A received batch's rows as sent (every text made storable), waiting for the task worker.
    Deleted when the import finishes or fails: the notifications are the record, and a second
    copy of what the police sent should not linger."""

    batch = models.OneToOneField(
        Batch, on_delete=models.CASCADE, primary_key=True, related_name="queued"
    )
    # [[kind, row number, raw row], ...]
    rows = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"Rows waiting for {self.batch}"


class Notification(AboutAChild):
    child_paths = ("family__contacts__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="police_notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reference = models.CharField(max_length=60)
    content_hash = models.CharField(max_length=64)
    # The row as last received (parsing.Row.stored()), to say what a changed re-send changed.
    as_sent = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=1)
    first_batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="+")

    # When: the incident (or the child going missing), the force telling us, our receipt.
    incident_at = models.DateTimeField()
    notified_at = models.DateTimeField()
    received_at = models.DateTimeField(db_index=True)
    # The two lags the letter cares about, in whole minutes, stored so figures sum them in SQL.
    incident_to_notified_minutes = models.IntegerField()
    notified_to_received_minutes = models.IntegerField()
    # Sent after the local timescale for notifying the MASH (timescales: police_notification).
    late = models.BooleanField(default=False)
    officer = models.CharField(max_length=200, blank=True)
    team = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    narrative = models.TextField(blank=True)

    # Domestic abuse.
    victim = models.JSONField(default=dict, blank=True)
    perpetrator = models.JSONField(default=dict, blank=True)
    risk_tool = models.CharField(max_length=10, choices=RiskTool.choices, blank=True)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    marac = models.BooleanField(null=True, blank=True)
    # Missing person.
    returned_at = models.DateTimeField(null=True, blank=True)
    where_found = models.CharField(max_length=300, blank=True)
    risk_grade = models.CharField(max_length=20, choices=RiskGrade.choices, blank=True)
    episode = models.ForeignKey(
        "missing.Episode", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # What it became, and how it sorts in the triage queue (risk first, then the deadline).
    family = models.OneToOneField(
        "contacts.FamilyContact",
        on_delete=models.PROTECT,
        related_name="police_notification",
    )
    risk_rank = models.PositiveSmallIntegerField(default=0)
    screening_due_at = models.DateTimeField()

    class Meta:
        ordering = ["-risk_rank", "screening_due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "reference"], name="police_notification_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["-risk_rank", "screening_due_at"], name="police_triage"),
            models.Index(fields=["incident_at"], name="police_incident_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    @property
    def dash_absent(self) -> bool:
        """A domestic abuse notification with no DASH (or DARA) risk assessment."""
        return self.kind == Kind.DOMESTIC_ABUSE and self.risk_tool not in (
            RiskTool.DASH,
            RiskTool.DARA,
        )


class NotificationChild(AboutAChild):
    """One child named in a notification, and whether they were matched to a known person."""

    child_paths = ("contact__person",)
    placeholder_field = "first_name"

    notification = models.ForeignKey(
        Notification, on_delete=models.PROTECT, related_name="children"
    )
    contact = models.OneToOneField(
        "contacts.Contact", on_delete=models.PROTECT, related_name="police_child"
    )
    position = models.PositiveSmallIntegerField()
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    present = models.BooleanField(default=True)  # present at the incident, or lives there
    match_status = models.CharField(max_length=20, choices=MatchStatus.choices)
    # The candidates the matcher offered: [{"person": id, "score": n, "reasons": [codes]}].
    candidates = models.JSONField(default=list, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["notification", "position"]
        indexes = [models.Index(fields=["match_status"], name="police_child_match")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class BatchRow(AboutAChild):
    """What happened to one row of a batch: its number as the sender counts, and the errors."""

    child_paths = ("notification__family__contacts__person",)

    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="rows")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    number = models.PositiveIntegerField()
    reference = models.CharField(max_length=60, blank=True)
    outcome = models.CharField(max_length=20, choices=RowOutcome.choices)
    # [{"field": "incident_at", "message": "Enter ..."}] for a rejected row; for an updated
    # row, the names of the fields that changed.
    errors = models.JSONField(default=list, blank=True)
    changed = models.JSONField(default=list, blank=True)
    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["batch", "kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "kind", "number"], name="police_row_once"),
        ]

    def __str__(self) -> str:
        return f"Row {self.number}: {self.get_outcome_display()}"


class QualityRating(AboutAChild):
    """A MASH worker's view of one notification's quality, for police leads to train from.
    One per notification: rating again replaces it (the audit trail keeps the earlier one)."""

    child_paths = ("notification__family__contacts__person",)

    notification = models.OneToOneField(
        Notification, on_delete=models.PROTECT, related_name="quality"
    )
    complete = models.BooleanField()
    missing_dash = models.BooleanField(default=False)
    unclear_narrative = models.BooleanField(default=False)
    late = models.BooleanField(default=False)
    missing_child_details = models.BooleanField(default=False)
    missing_adult_details = models.BooleanField(default=False)
    risk_not_explained = models.BooleanField(default=False)
    comment = models.TextField(blank=True)
    rated_at = models.DateTimeField()
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Quality of {self.notification}"
