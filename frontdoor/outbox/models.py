"""The transactional outbox (issue 18, docs/adr/0029): one `IntegrationEvent` per meaningful
change, written by the audit trail's own writer in the same transaction as the change, so that
no change goes out without its event and no event goes out without its change.

A row holds the CloudEvents envelope's parts (frontdoor/outbox/envelope.py) and the child it is
about (`person_id`), so the feed and the webhooks can leave out a restricted child's events for
an account that may not open that child (ADR 0016). The child is a plain id, not a foreign key:
this kernel sits below the people and access apps, and the rows are read only through the feed
(frontdoor/integration/feed.py), which filters them by the reader.

Append-only: nothing in the product updates or deletes a row.
"""

from __future__ import annotations

import uuid

from django.db import models


class IntegrationEvent(models.Model):
    id = models.BigAutoField(primary_key=True)
    # The CloudEvents `id`: the receiver's idempotency key (also sent as `Webhook-Id`).
    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The CloudEvents `type`, e.g. uk.gov.frontdoor.contact.decided (frontdoor/outbox/types.py).
    type = models.CharField(max_length=100)
    subject = models.CharField(max_length=100, blank=True)
    occurred_at = models.DateTimeField()
    # The child the change is about, when there is one: what the visibility filter reads.
    person_id = models.UUIDField(null=True, blank=True, db_index=True)
    # The audit event this one was written with (its id: the audit trail is the fuller story).
    audit_event_id = models.BigIntegerField(null=True, blank=True)
    # The writing transaction's id on PostgreSQL (0 on SQLite, which has one writer at a time).
    # The feed orders by (txid, id) and serves only transactions older than every one still
    # running, so a cursor never passes a row that has not committed yet (docs/adr/0029).
    txid = models.BigIntegerField(default=0)
    data = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["txid", "id"], name="outbox_txid_id")]
        ordering = ["txid", "id"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
