"""Subscribe another system to the events it may see:
`manage.py create_webhook_subscription case-system https://cases.example/hooks/frontdoor
--account case-system --by adam`. Prints the signing secret once (docs/integration.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from frontdoor.access.models import User
from frontdoor.integration.actions import create_subscription
from frontdoor.workflow.errors import NotReady


class Command(BaseCommand):
    help = "Subscribe a service account's system to integration events by webhook."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("url")
        parser.add_argument("--account", required=True, help="The service account's username")
        parser.add_argument("--by", required=True, help="Username of the system administrator")

    def handle(self, *args: Any, **options: Any) -> None:
        users = User.objects.filter(is_active=True)
        by = users.filter(username=options["by"]).first()
        account = users.filter(username=options["account"]).first()
        if by is None or account is None:
            raise CommandError("No active user with that username")
        try:
            subscription = create_subscription(
                by=by, name=options["name"], url=options["url"], account=account
            )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except NotReady as exc:
            raise CommandError("; ".join(exc.reasons)) from exc
        self.stdout.write(f"Subscribed {subscription.name} from cursor {subscription.cursor}")
        self.stdout.write(f"Signing secret (shown once): {subscription.secret}")
