"""The only writers of webhook subscriptions: made (by the administrator's page or command),
paused and resumed, deleted, replayed from a cursor, dead letters replayed. Each is audited in
its own transaction."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.access.policies import can, require
from frontdoor.audit.actions import record_event
from frontdoor.integration import addresses, signing
from frontdoor.integration.models import Delivery, DeliveryStatus, Subscription
from frontdoor.outbox.envelope import parse_cursor
from frontdoor.workflow.errors import NotReady

NAME_TAKEN = "A subscription with that name already exists: enter another name"


def create_subscription(*, by: User, name: str, url: str, account: User) -> Subscription:
    """A subscription for `account`'s system, starting from now (the feed before it can be
    replayed). Answers the subscription; its secret is on it, to be shown once.

    The address must be one events may be sent to (https, on the internet: addresses.py). A
    name already taken is refused as a reason, also when another administrator saves the same
    name at the same moment: the unique constraint decides, and its violation is the same
    reason, never a 500."""
    require(by, "manage_webhooks")
    name = name.strip()
    problems: list[tuple[str, str]] = []
    if not name:
        problems.append(("name", "Enter a name for the subscription"))
    elif _name_taken(name):
        problems.append(("name", NAME_TAKEN))
    problems += [("url", problem) for problem in addresses.problems(url)]
    if not account.is_service_account:
        problems.append(("account", "Choose a service account: only a system receives events"))
    elif not can(account, "read_integration_events"):
        problems.append(("account", "This service account's role may not read events"))
    if problems:
        raise NotReady.about(problems)
    from frontdoor.outbox.models import IntegrationEvent

    try:
        with transaction.atomic():
            newest = IntegrationEvent.objects.order_by("-txid", "-id").first()
            subscription = Subscription.objects.create(
                name=name,
                url=url.strip(),
                secret=signing.new_secret(),
                account=account,
                created_at=timezone.now(),
                cursor_txid=newest.txid if newest else 0,
                cursor_id=newest.pk if newest else 0,
            )
            record_event(
                actor=by,
                verb="webhook_subscription_created",
                data={"subscription": subscription.pk, "name": subscription.name, "url": url},
            )
    except IntegrityError:
        # The only unique column but the id: saved by someone else since the check above.
        raise NotReady.about([("name", NAME_TAKEN)]) from None
    return subscription


def _name_taken(name: str) -> bool:
    # A check that reads committed rows: two administrators saving the same name at once both
    # pass it, and the database's unique constraint decides (create_subscription).
    return Subscription.objects.filter(name=name).exists()


def pause_subscription(*, by: User, subscription: Subscription) -> bool:
    """Stop sending to the subscription. Its cursor stays where it is, so when it is resumed
    every event written meanwhile is sent, in order: pausing loses nothing. Answers whether it
    changed (pausing a paused subscription changes nothing and writes nothing)."""
    return _set_active(by, subscription, active=False, verb="webhook_subscription_paused")


def resume_subscription(*, by: User, subscription: Subscription) -> bool:
    """Send to the subscription again, from where it stopped."""
    return _set_active(by, subscription, active=True, verb="webhook_subscription_resumed")


def _set_active(by: User, subscription: Subscription, *, active: bool, verb: str) -> bool:
    require(by, "manage_webhooks")
    with transaction.atomic():
        # Compare-and-set: two administrators pausing at once write one event.
        changed = Subscription.objects.filter(pk=subscription.pk, active=not active).update(
            active=active
        )
        if changed:
            record_event(
                actor=by,
                verb=verb,
                data={"subscription": subscription.pk, "name": subscription.name},
            )
    subscription.active = active
    return bool(changed)


def delete_subscription(*, by: User, subscription: Subscription) -> int:
    """Stop sending to the subscription for good, and forget its deliveries (waiting, delivered
    and dead). The events themselves stay in the feed: another subscription, or this system
    subscribed again and replayed, can still have them. Answers how many deliveries went."""
    require(by, "manage_webhooks")
    with transaction.atomic():
        deliveries = Delivery.objects.filter(subscription=subscription).count()
        deleted, _ = Subscription.objects.filter(pk=subscription.pk).delete()
        if not deleted:
            raise NotReady(["This subscription has already been deleted"])
        record_event(
            actor=by,
            verb="webhook_subscription_deleted",
            data={
                "subscription": subscription.pk,
                "name": subscription.name,
                "url": subscription.url,
                "cursor": subscription.cursor,
                "deliveries": deliveries,
            },
        )
    return deliveries


def replay_from(*, by: User, subscription: Subscription, cursor: str) -> int:
    """Send again every event after `cursor` (a feed cursor; "0-0" for the beginning): those
    already delivered or dead go back to waiting, and the rest are dispatched again."""
    require(by, "manage_webhooks")
    after = parse_cursor(cursor)
    if after is None:
        raise NotReady(["Enter a cursor from the feed, like 0-1200"])
    txid, pk = after
    later = Q(txid__gt=txid) | Q(txid=txid, event_id__gt=pk)
    with transaction.atomic():
        reset = (
            Delivery.objects.filter(later, subscription=subscription)
            .exclude(status=DeliveryStatus.PENDING)
            .update(
                status=DeliveryStatus.PENDING,
                attempts=0,
                next_attempt_at=timezone.now(),
                delivered_at=None,
                last_error="",
            )
        )
        moved = Subscription.objects.filter(pk=subscription.pk).filter(
            Q(cursor_txid__gt=txid) | Q(cursor_txid=txid, cursor_id__gt=pk)
        )
        moved.update(cursor_txid=txid, cursor_id=pk)
        record_event(
            actor=by,
            verb="webhook_replayed",
            data={"subscription": subscription.pk, "from": cursor, "deliveries_reset": reset},
        )
    return reset


def replay_dead_letters(*, by: User, subscription: Subscription) -> int:
    require(by, "manage_webhooks")
    with transaction.atomic():
        count = Delivery.objects.filter(
            subscription=subscription, status=DeliveryStatus.DEAD
        ).update(
            status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
        )
        record_event(
            actor=by,
            verb="webhook_dead_letters_replayed",
            data={"subscription": subscription.pk, "deliveries": count},
        )
    return count
