"""Readers for the administrator's webhook pages: the subscriptions with their counts, and a
subscription's dead letters (event types and ids only: nothing about a child but its id)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from frontdoor.access.models import User
from frontdoor.access.policies import require
from frontdoor.integration.models import Delivery, DeliveryStatus, Subscription


def subscriptions(user: User) -> QuerySet[Subscription]:
    require(user, "manage_webhooks")
    return Subscription.objects.select_related("account").annotate(
        pending=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.PENDING)),
        dead=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.DEAD)),
        delivered=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.DELIVERED)),
    )


def get_subscription_for(user: User, pk: int) -> Subscription:
    return get_object_or_404(subscriptions(user), pk=pk)


def dead_letters(subscription: Subscription, *, limit: int = 200) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(subscription=subscription, status=DeliveryStatus.DEAD)
        .select_related("event")
        .order_by("txid", "event_id")[:limit]
    )
