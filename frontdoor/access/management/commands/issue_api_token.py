"""Issue an API token for a service account:
`manage.py issue_api_token police-case-system --name "Police case system" --by adam`.

Only a service account may hold a token (`manage.py create_service_account`). The token is
printed once, alone on standard output so a script can capture it; when it expires goes to
standard error. The administrator's page (/administration/api-tokens/) does the same.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from frontdoor.access.actions import NotAServiceAccount, issue_api_token
from frontdoor.access.models import User


class Command(BaseCommand):
    help = "Issue an API token for a service account. The token is printed once, never stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The service account's username")
        parser.add_argument("--name", default="API token", help="What the token is for")
        parser.add_argument("--by", required=True, help="Username of the system administrator")

    def handle(self, *args: Any, **options: Any) -> None:
        by = User.objects.filter(username=options["by"], is_active=True).first()
        user = User.objects.filter(username=options["username"]).first()
        if by is None:
            raise CommandError(f"No active user called {options['by']!r}")
        if user is None:
            raise CommandError(f"No user called {options['username']!r}")
        try:
            issued = issue_api_token(by=by, user=user, name=options["name"])
        except (NotAServiceAccount, ValueError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(issued.token)
        expires = timezone.localtime(issued.api_token.expires_at)
        self.stderr.write(f"It stops working on {expires:%d %B %Y at %H:%M} (UK time).")
