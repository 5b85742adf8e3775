"""Pushing the feed to webhook subscriptions, run by the task worker (the scheduled job
`deliver_webhooks`, every minute; docs/adr/0029).

1. **Dispatch**: copy the feed after the subscription's cursor, read as its account (so the
   same visibility as a pull), into `Delivery` rows, and move the cursor, in one transaction.
2. **Send**: post each due delivery, signed, in feed order. A child's later event waits while
   an earlier one to the same subscription is still pending (ordering per child). A failure is
   tried again after a doubling wait; after FRONTDOOR_WEBHOOK_MAX_ATTEMPTS it is a dead letter,
   which blocks nothing and waits for an administrator's replay.

Delivery is at least once: a receiver that answered but whose answer was lost gets the event
again, with the same `Webhook-Id` (the event id) to deduplicate on.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.integration import signing
from frontdoor.integration.feed import feed_for
from frontdoor.integration.models import Delivery, DeliveryStatus, Subscription
from frontdoor.outbox.envelope import envelope

DISPATCH_PAGE = 500
LEASE = timedelta(minutes=5)


@dataclass(frozen=True)
class Answer:
    ok: bool
    detail: str


Post = Callable[[str, bytes, dict[str, str]], Answer]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A receiver answers where it was asked: a redirect is a failure, never followed (the
    # signed body must not be sent somewhere nobody subscribed).
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def http_post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    if not url.startswith(("https://", "http://")):
        return Answer(False, "Not an http(s) address")
    # The scheme is checked just above (S310: never file: or a custom scheme).
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with _opener.open(request, timeout=settings.FRONTDOOR_WEBHOOK_TIMEOUT_SECONDS) as reply:
            status = reply.status
    except urllib.error.HTTPError as exc:
        return Answer(False, f"HTTP {exc.code}")
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return Answer(False, f"Could not connect: {type(reason).__name__}")
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


def send_due(subscription: Subscription, *, post: Post = http_post, limit: int = 1000) -> int:
    """Post the subscription's due deliveries in feed order; answers how many were delivered."""
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
        blocked: set[object] = set()
        for delivery in waiting:
            child = delivery.person_id
            if child is not None and child in blocked:
                continue  # an earlier event about this child is still waiting
            if delivery.next_attempt_at > now or not _attempt(subscription, delivery, post):
                if child is not None:
                    blocked.add(child)
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
