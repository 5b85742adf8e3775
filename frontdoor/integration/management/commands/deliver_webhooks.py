"""`manage.py deliver_webhooks`: dispatch the feed to every active subscription and send what
is due. The scheduler runs it every minute (frontdoor/operations/schedule.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from frontdoor.integration.delivery import deliver_all


class Command(BaseCommand):
    help = "Deliver integration events to webhook subscriptions."

    def handle(self, *args: Any, **options: Any) -> None:
        dispatched, delivered = deliver_all()
        self.stdout.write(f"Webhook events dispatched: {dispatched}; delivered: {delivered}")
