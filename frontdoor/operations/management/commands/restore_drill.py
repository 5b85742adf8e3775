"""`manage.py restore_drill` (make restore-drill): restore the latest backup into a scratch
database, compare row counts table by table, verify the audit chain on the copy, and say so in
one line. Exits non-zero when the drill fails, so a timer can alert on it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from frontdoor.operations.backups import restore_drill


class Command(BaseCommand):
    help = "Prove the latest backup restores: row counts and the audit chain on a scratch copy."

    def handle(self, *args: Any, **options: Any) -> None:
        result = restore_drill()
        self.stdout.write(result.line())
        for table in result.mismatched:
            self.stdout.write(f"  rows differ in {table}")
        if not result.passed:
            raise CommandError(result.audit_said if not result.audit_intact else "Counts differ")
