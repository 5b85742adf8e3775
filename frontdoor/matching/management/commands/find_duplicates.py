"""Find likely duplicate person records and file them for a manager to review (nightly).

manage.py find_duplicates                  # score 80 and above
manage.py find_duplicates --threshold 90   # only the surest
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from frontdoor.matching.actions import record_duplicate_pairs
from frontdoor.matching.duplicates import BLOCK_CAP, THRESHOLD, likely_duplicates


class Command(BaseCommand):
    help = "Find likely duplicate person records (blocked on search keys) for review."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--threshold", type=int, default=THRESHOLD, help="Lowest score kept")
        parser.add_argument(
            "--block-cap", type=int, default=BLOCK_CAP, help="Skip keys shared by more people"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        found = likely_duplicates(options["threshold"], options["block_cap"])
        new = record_duplicate_pairs(found)
        self.stdout.write(
            f"Found {len(found)} likely duplicate pairs ({new} new) "
            f"in {time.perf_counter() - started:.1f} s."
        )
