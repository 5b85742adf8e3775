"""Add someone to a restricted record's allow-list until a date:
`manage.py grant_access <person id> <username> --days 30 --by <ig lead> --reason …`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from frontdoor.access.actions import ReasonNeeded, grant_access
from frontdoor.access.models import RestrictedRecord, User


class Command(BaseCommand):
    help = "Add a user to a restricted record's allow-list for a number of days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("person_id")
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=30)
        parser.add_argument("--by", required=True, help="Username of the governance lead")
        parser.add_argument("--reason", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        by = User.objects.filter(username=options["by"], is_active=True).first()
        user = User.objects.filter(username=options["username"], is_active=True).first()
        restriction = RestrictedRecord.objects.filter(person_id=options["person_id"]).first()
        if by is None or user is None or restriction is None:
            raise CommandError("No such active user, or the record is not restricted")
        try:
            grant = grant_access(
                by=by,
                person=restriction.person,
                user=user,
                expires_at=timezone.now() + timedelta(days=options["days"]),
                reason=options["reason"],
            )
        except (ReasonNeeded, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Granted until {grant.expires_at:%Y-%m-%d %H:%M}")
