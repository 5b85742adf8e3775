"""Recompute every rollup of the management information from the rows (docs/adr/0024).

    manage.py rebuild_rollups

Safe at any time: one transaction, so the page reads the old figures until the new ones are
committed. Run after loading rows by any route that does not go through the actions (a restore,
a bulk load), or to check the rollups (`--check` reports any difference and changes nothing).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from frontdoor.rollups.tally import differences, rebuild


class Command(BaseCommand):
    help = "Recompute every management information rollup from the rows."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Compare the rollups with the rows and report differences; change nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["check"]:
            wrong = differences()
            if wrong:
                raise CommandError(
                    f"{len(wrong)} differences from the rows, first: " + "; ".join(wrong[:5])
                )
            self.stdout.write("The rollups match the rows.")
            return
        written = rebuild()
        self.stdout.write(
            f"Rebuilt the rollups: {written['contacts']} contacts, {written['months']} month sums, "
            f"in {time.perf_counter() - started:.1f} s."
        )
