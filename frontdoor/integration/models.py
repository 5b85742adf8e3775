"""Webhook subscriptions and their deliveries (issue 18, docs/adr/0029).

A subscription belongs to a service account (ADR 0017): what it is sent is exactly what that
account would read from the feed (frontdoor/integration/feed.py), restricted children left out
by the same rule. The dispatcher copies the feed into `Delivery` rows after the subscription's
cursor; the sender posts each, in order per child (and per contact before the child is
known), to https addresses on the internet only (addresses.py), retrying with backoff, and after
FRONTDOOR_WEBHOOK_MAX_ATTEMPTS it is a dead letter that an administrator can replay.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Subscription(models.Model):
    name = models.CharField(max_length=100, unique=True)
    url = models.URLField(max_length=500)
    # The signing secret, in the Standard Webhooks form `whsec_<base64>`: shown once, when the
    # subscription is made (manage.py create_webhook_subscription).
    secret = models.CharField(max_length=100)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="webhook_subscriptions"
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    # The feed position copied into deliveries so far (frontdoor/outbox/envelope.py cursors).
    cursor_txid = models.BigIntegerField(default=0)
    cursor_id = models.BigIntegerField(default=0)
    # One sender at a time per subscription (a lease, not a lock held across HTTP requests).
    leased_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def cursor(self) -> str:
        return f"{self.cursor_txid}-{self.cursor_id}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be delivered"
    DELIVERED = "delivered", "Delivered"
    DEAD = "dead", "Dead letter"


class Delivery(models.Model):
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey("outbox.IntegrationEvent", on_delete=models.PROTECT, related_name="+")
    # The event's child (copied, to find a child's deliveries without a join) and feed order.
    # The sender orders by the event's child, contact and episode (delivery.ordering_keys).
    person_id = models.UUIDField(null=True, blank=True)
    txid = models.BigIntegerField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)
    # What the receiver answered (a status code or the connection error's kind): never a body.
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "event"], name="delivery_once"),
        ]
        indexes = [
            models.Index(fields=["subscription", "status", "txid", "event"], name="delivery_queue")
        ]

    def __str__(self) -> str:
        return f"{self.event_id} to {self.subscription_id}"
