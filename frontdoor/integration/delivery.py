"""Pushing the feed to webhook subscriptions, run by the task worker (the scheduled job
`deliver_webhooks`, every minute; docs/adr/0029).

1. **Dispatch**: copy the feed after the subscription's cursor, read as its account (so the
   same visibility as a pull), into `Delivery` rows, and move the cursor, in one transaction.
2. **Send**: post each due delivery, signed, in feed order. A child's later event waits while
   an earlier one to the same subscription is still pending (ordering per child, through the
   child's contacts and missing episodes: `ordering_keys`). A failure is
   tried again after a doubling wait; after FRONTDOOR_WEBHOOK_MAX_ATTEMPTS it is a dead letter,
   which blocks nothing and waits for an administrator's replay.

Delivery is at least once: a receiver that answered but whose answer was lost gets the event
again, with the same `Webhook-Id` (the event id) to deduplicate on.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.integration import addresses, signing
from frontdoor.integration.feed import feed_for
from frontdoor.integration.models import Delivery, DeliveryStatus, Subscription
from frontdoor.outbox.envelope import envelope
from frontdoor.outbox.models import IntegrationEvent

DISPATCH_PAGE = 500
LEASE = timedelta(minutes=5)


@dataclass(frozen=True)
class Answer:
    ok: bool
    detail: str


Post = Callable[[str, bytes, dict[str, str]], Answer]


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address `addresses.target` checked, not to whatever the name resolves
    to a moment later (DNS rebinding); the Host header is still the name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """The same for https: the certificate is checked against the name (SNI and hostname
    verification), the connection made to the checked address."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def http_post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    """Post once. The address is checked again now (docs: SSRF, DNS rebinding) and the
    connection made to the checked address. A redirect is a failure, never followed: the signed
    body must not be sent somewhere nobody subscribed (http.client follows none)."""
    try:
        where = addresses.target(url)
    except addresses.Refused:
        return Answer(False, "Refused: not an address events may be sent to")
    timeout = settings.FRONTDOOR_WEBHOOK_TIMEOUT_SECONDS
    kind = _PinnedHTTPS if where.scheme == "https" else _PinnedHTTP
    connection = kind(where.host, where.port, where.addresses[0], timeout)
    try:
        connection.request("POST", where.path, body=body, headers=headers)
        status = connection.getresponse().status
    except (OSError, http.client.HTTPException) as exc:
        return Answer(False, f"Could not connect: {type(exc).__name__}")
    finally:
        connection.close()
    if 200 <= status < 300:
        return Answer(True, f"HTTP {status}")
    return Answer(False, f"HTTP {status}")


def dispatch(subscription: Subscription) -> int:
    """Copy what the feed holds after the subscription's cursor into deliveries."""
    made = 0
    while True:
        with transaction.atomic():
            sub = Subscription.objects.select_for_update().filter(pk=subscription.pk).first()
            if sub is None or not sub.active:
                return made  # deleted or paused by the administrator meanwhile
            events = feed_for(
                sub.account, after=(sub.cursor_txid, sub.cursor_id), limit=DISPATCH_PAGE
            )
            if not events:
                return made
            now = timezone.now()
            Delivery.objects.bulk_create(
                [
                    Delivery(
                        subscription=sub,
                        event=e,
                        person_id=e.person_id,
                        txid=e.txid,
                        next_attempt_at=now,
                    )
                    for e in events
                ],
                # A replay moved the cursor back over events already delivered: those rows are
                # reset by the replay itself.
                ignore_conflicts=True,
            )
            last = events[-1]
            sub.cursor_txid, sub.cursor_id = last.txid, last.pk
            sub.save(update_fields=["cursor_txid", "cursor_id"])
            made += len(events)
        if len(events) < DISPATCH_PAGE:
            return made


def backoff(attempts: int) -> timedelta:
    base = settings.FRONTDOOR_WEBHOOK_RETRY_SECONDS
    return timedelta(
        seconds=min(
            base * 2 ** max(attempts - 1, 0), settings.FRONTDOOR_WEBHOOK_MAX_BACKOFF_SECONDS
        )
    )


def _lease(subscription: Subscription, now: datetime) -> bool:
    free = Q(leased_until__isnull=True) | Q(leased_until__lt=now)
    return bool(
        Subscription.objects.filter(free, pk=subscription.pk).update(leased_until=now + LEASE)
    )


def ordering_keys(event: IntegrationEvent) -> frozenset[str]:
    """What an event is delivered in order with: its child, its contact and its missing
    episode (docs/integration.md, "Order"). An event written before the child is known has no
    child, but names its contact (or episode); the `*.child_linked` event names both the contact
    (or episode) and the child. So a contact's events before the link are delivered in order,
    the link after them, and the child's later events after the link: one order per child,
    through its contacts, with no event written again or held back from a receiver that will
    never see a child linked (a contact closed at screening)."""
    keys = {event.subject} if event.subject else set()
    if event.person_id:
        keys.add(f"children/{event.person_id}")
    data = event.data or {}
    for name, collection in (("contact", "contacts"), ("episode", "missing_episodes")):
        if data.get(name):
            keys.add(f"{collection}/{data[name]}")
    return frozenset(keys)


def _still_active(subscription: Subscription) -> bool:
    return Subscription.objects.filter(pk=subscription.pk, active=True).exists()


def send_due(subscription: Subscription, *, post: Post = http_post, limit: int = 1000) -> int:
    """Post the subscription's due deliveries in feed order; answers how many were delivered.

    Whether the subscription is still active is read again before every delivery: an
    administrator who pauses or deletes it stops a send already running after the request in
    flight (which the receiver may get), not after the rest of the batch."""
    now = timezone.now()
    if not _lease(subscription, now):
        return 0  # another worker is sending for it
    delivered = 0
    try:
        waiting = (
            Delivery.objects.filter(subscription=subscription, status=DeliveryStatus.PENDING)
            .select_related("event")
            .order_by("txid", "event_id")[:limit]
        )
        blocked: set[str] = set()
        for delivery in waiting:
            keys = ordering_keys(delivery.event)
            if not keys.isdisjoint(blocked):
                blocked |= keys  # waits behind an earlier event, and so does what follows it
                continue
            if delivery.next_attempt_at > now:
                blocked |= keys
                continue
            if not _still_active(subscription):
                break  # paused or deleted meanwhile
            if not _attempt(subscription, delivery, post):
                blocked |= keys
                continue
            delivered += 1
    finally:
        Subscription.objects.filter(pk=subscription.pk).update(leased_until=None)
    return delivered


def _attempt(subscription: Subscription, delivery: Delivery, post: Post) -> bool:
    body = json.dumps(envelope(delivery.event), separators=(",", ":")).encode()
    message_id = str(delivery.event.event_id)
    stamp = int(timezone.now().timestamp())
    answer = post(
        subscription.url, body, signing.headers(subscription.secret, message_id, stamp, body)
    )
    attempts = delivery.attempts + 1
    now = timezone.now()
    if answer.ok:
        changes = {"status": DeliveryStatus.DELIVERED, "delivered_at": now, "last_error": ""}
    elif attempts >= settings.FRONTDOOR_WEBHOOK_MAX_ATTEMPTS:
        changes = {"status": DeliveryStatus.DEAD, "last_error": answer.detail}
    else:
        changes = {"next_attempt_at": now + backoff(attempts), "last_error": answer.detail}
    # Compare-and-set on the attempt count: a replay meanwhile wins.
    Delivery.objects.filter(
        pk=delivery.pk, attempts=delivery.attempts, status=DeliveryStatus.PENDING
    ).update(attempts=attempts, **changes)
    return answer.ok


def deliver_all(*, post: Post = http_post) -> tuple[int, int]:
    """Dispatch and send for every active subscription: (events dispatched, delivered)."""
    dispatched = delivered = 0
    for subscription in Subscription.objects.filter(active=True).select_related("account"):
        dispatched += dispatch(subscription)
        delivered += send_due(subscription, post=post)
    return dispatched, delivered
