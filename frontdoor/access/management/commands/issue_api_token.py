"""Issue an API token for a user (a service account): `manage.py issue_api_token police-api`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from frontdoor.access.models import User
from frontdoor.access.tokens import issue_token


class Command(BaseCommand):
    help = "Issue an API token for a user. The token is printed once and never stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="API token", help="What the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {options['username']!r}")
        token = issue_token(user=user, name=options["name"])
        self.stdout.write(token)
