"""The audit trail: what was done (Event) and who looked (RecordView).

Both tables are append-only. Database triggers (see migration 0002) refuse UPDATE and DELETE on
both SQLite and PostgreSQL, so not even a bug in this codebase can rewrite history. Events are
written only by actions, in the same transaction as the change they describe; views are written
by the `get_*_for` readers, in the same request, and the page is not shown if that write fails.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Severity(models.TextChoices):
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"


class Event(models.Model):
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Past tense, in the practice's words: contact_received, screening_recorded, …
    verb = models.CharField(max_length=60)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.NORMAL)
    # Explicit foreign keys, so a child's timeline is one indexed query.
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    family_contact = models.ForeignKey(
        "contacts.FamilyContact",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    contact = models.ForeignKey(
        "contacts.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    data = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    # The hash chain (frontdoor/audit/chain.py): the previous row's hash, and this row's
    # HMAC of its own content plus that, under the audit key named by `key_id` (a secret held
    # outside the database: frontdoor/audit/keys.py). `manage.py verify_audit` walks it.
    prev_hash = models.CharField(max_length=64, blank=True)
    row_hash = models.CharField(max_length=64, blank=True)
    key_id = models.CharField(max_length=16, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["person", "occurred_at"], name="event_person_time"),
            models.Index(fields=["actor", "occurred_at"], name="event_actor_time"),
        ]
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.verb} at {self.occurred_at:%Y-%m-%d %H:%M}"


class ViewKind(models.TextChoices):
    CHILD_RECORD = "child_record", "Child's record"
    CONTACT = "contact", "Contact"
    API = "api", "Child's record through the API"


class RecordView(models.Model):
    viewed_at = models.DateTimeField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Role and organisation as they were at the time of viewing: a later move must not rewrite
    # who could see what.
    role = models.CharField(max_length=30)
    organisation = models.CharField(max_length=200, blank=True)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="views"
    )
    family_contact = models.ForeignKey(
        "contacts.FamilyContact", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=ViewKind.choices)
    request_id = models.CharField(max_length=64, blank=True)
    path = models.CharField(max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    row_hash = models.CharField(max_length=64, blank=True)
    key_id = models.CharField(max_length=16, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["person", "viewed_at"], name="view_person_time"),
            models.Index(fields=["user", "viewed_at"], name="view_user_time"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} viewed at {self.viewed_at:%Y-%m-%d %H:%M}"


class ChainHead(models.Model):
    """The newest hash of each audit chain, one row per table.

    Writers lock this row (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
    already let one writer in at a time) while they read the previous hash and append, so two
    writers can never both chain onto the same row. `verify_audit` also checks that the newest
    row's hash matches, so cutting rows off the end is noticed too.
    """

    name = models.CharField(max_length=30, primary_key=True)
    last_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.name} chain at {self.last_id}"
