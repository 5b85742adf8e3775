"""Seed the synthetic demo county (run by `make run`; does nothing if already seeded)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frontdoor.demo.seed import (
    already_seeded,
    ensure_second_factor,
    ensure_service_accounts,
    seed,
)
from frontdoor.matching.index import rebuild
from frontdoor.rollups.tally import rebuild as rebuild_rollups


class Command(BaseCommand):
    help = "Create the synthetic demo county: teams, personas, families and contacts."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--households", type=int, default=150)
        parser.add_argument("--contacts", type=int, default=120)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo has default accounts; it is never seeded in production.")
        # The demo's people are made directly, not through create_person: file any without
        # search keys so person search finds them (quick, and a no-op once done).
        if already_seeded():
            rebuild(only_missing=True)
            added = ensure_second_factor()
            extra = f" Sign-in codes set up for {added} personas." if added else ""
            systems = ensure_service_accounts()
            extra += f" {systems} service accounts for the API made." if systems else ""
            self.stdout.write(f"Demo data already present.{extra}")
            return
        figures = seed(households=options["households"], contacts=options["contacts"])
        rebuild(only_missing=True)
        # The actions kept the management information's rollups; a rebuild from the rows makes
        # certain of any row the demo wrote straight to a table (docs/adr/0024).
        rebuild_rollups()
        self.stdout.write(
            f"Demo county seeded: {figures['persons']} people in {figures['households']} "
            f"households, {figures['contacts']} contacts."
        )
