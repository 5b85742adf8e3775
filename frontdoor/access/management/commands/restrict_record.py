"""Restrict a person's record: `manage.py restrict_record <person id> --by <ig lead> --reason …`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from frontdoor.access.actions import ReasonNeeded, restrict_person
from frontdoor.access.models import User
from frontdoor.people.models import Person


class Command(BaseCommand):
    help = "Put a person's record behind an allow-list (staff, their relatives, public figures)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("person_id")
        parser.add_argument("--by", required=True, help="Username of the governance lead")
        parser.add_argument("--reason", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        by = User.objects.filter(username=options["by"], is_active=True).first()
        person = Person.objects.filter(pk=options["person_id"]).first()
        if by is None or person is None:
            raise CommandError("No such active user or person")
        try:
            restrict_person(by=by, person=person, reason=options["reason"])
        except ReasonNeeded as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restricted {person.pk}")
