"""File every person under their search keys (after a bulk load, or a change to the keys).

manage.py index_people            # rebuild the whole index
manage.py index_people --missing  # only people who have no keys yet (quick, safe any time)
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from frontdoor.matching.index import rebuild


class Command(BaseCommand):
    help = "Rebuild person search's index (matching.PersonKey) from the person records."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--missing", action="store_true", help="Only people with no search keys yet"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        written = rebuild(only_missing=options["missing"])
        self.stdout.write(f"Wrote {written} search keys in {time.perf_counter() - started:.1f} s.")
