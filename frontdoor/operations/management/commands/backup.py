"""`manage.py backup` (make backup): a consistent backup of the configured database, with a
manifest of its row counts, in var/backups/ (FRONTDOOR_BACKUP_DIR). See docs/operations.md."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from frontdoor.operations.backups import take_backup


class Command(BaseCommand):
    help = "Take a consistent backup of the database (pg_dump custom format, or SQLite's API)."

    def handle(self, *args: Any, **options: Any) -> None:
        taken = take_backup()
        self.stdout.write(
            f"Backup {taken.path} ({taken.tables} tables, {taken.rows} rows; counts in "
            f"{taken.manifest.name})"
        )
