"""Create another system's account for the API:
`manage.py create_service_account police-case-system --name "Wessex Police case system"
--role partner --agency "Wessex Police" --by adam`.

A service account has a role (and, for a partner agency's system, an agency), so the API lets it
do what a person in that role may do, and no more. It has no usable password and cannot sign in
to the pages. Then issue it a token: `manage.py issue_api_token` or /administration/api-tokens/.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from frontdoor.access.actions import create_service_account
from frontdoor.access.models import Role, User
from frontdoor.agencies.models import Agency
from frontdoor.teams.models import Team


class Command(BaseCommand):
    help = "Create a service account: another system's account for the API, never a person's."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="The system's name")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--team", help="Team slug (a hub worker's system: its hub)")
        parser.add_argument("--agency", help="Agency name (required for the partner role)")
        parser.add_argument("--by", required=True, help="Username of the system administrator")

    def handle(self, *args: Any, **options: Any) -> None:
        by = User.objects.filter(username=options["by"], is_active=True).first()
        if by is None:
            raise CommandError(f"No active user called {options['by']!r}")
        team = agency = None
        if options["team"]:
            team = Team.objects.filter(slug=options["team"]).first()
            if team is None:
                raise CommandError(f"No team with the slug {options['team']!r}")
        if options["agency"]:
            agency = Agency.objects.filter(name=options["agency"]).first()
            if agency is None:
                raise CommandError(f"No agency called {options['agency']!r}")
        try:
            account = create_service_account(
                by=by,
                username=options["username"],
                name=options["name"],
                role=options["role"],
                team=team,
                agency=agency,
            )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"Created the service account {account.username}")
