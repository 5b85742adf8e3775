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
    # The row's own HMAC under the audit key named by `key_id` (a secret held outside the
    # database: frontdoor/audit/keys.py), made as it is written, with no lock: the sealer chains
    # only rows that carry a true one, so a row typed into the database without the key is never
    # sealed. Its place in the hash chain is its seal (EventSeal, frontdoor/audit/chain.py).
    mac = models.CharField(max_length=64, blank=True)
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
    mac = models.CharField(max_length=64, blank=True)
    key_id = models.CharField(max_length=16, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["person", "viewed_at"], name="view_person_time"),
            models.Index(fields=["user", "viewed_at"], name="view_user_time"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} viewed at {self.viewed_at:%Y-%m-%d %H:%M}"


class ChainHead(models.Model):
    """The newest link of each audit chain, one row per table, held only by the sealer.

    The sealer (frontdoor/audit/chain.py) locks this row for the moment it takes to chain the
    rows committed since it last ran: writers never touch it, so they do not queue behind each
    other for their whole transaction. `last_position` and `last_hash` are the newest seal's, so
    cutting seals off the end is noticed; `last_id` is the highest row id sealed, and `gaps` the
    ranges of ids below it not seen yet (a transaction that had not committed, or never will).
    """

    name = models.CharField(max_length=30, primary_key=True)
    last_id = models.BigIntegerField(default=0)
    last_position = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, blank=True)
    # [[first id, last id, ISO time first seen], ...]
    gaps = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.name} chain at {self.last_position}"


class Seal(models.Model):
    """One link of a hash chain: the row at `position`, the link before it (`prev_hash`), and
    this link's HMAC (`row_hash`) under the audit key `key_id`, of the key id, `prev_hash` and
    the row's content. Append-only, like the rows (triggers, migration 0006)."""

    position = models.BigIntegerField(primary_key=True)
    key_id = models.CharField(max_length=16)
    prev_hash = models.CharField(max_length=64, blank=True)
    row_hash = models.CharField(max_length=64)
    sealed_at = models.DateTimeField()

    class Meta:
        abstract = True


class EventSeal(Seal):
    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="seal")

    def __str__(self) -> str:
        return f"event seal {self.position}"


class ViewSeal(Seal):
    view = models.OneToOneField(RecordView, on_delete=models.PROTECT, related_name="seal")

    def __str__(self) -> str:
        return f"view seal {self.position}"
