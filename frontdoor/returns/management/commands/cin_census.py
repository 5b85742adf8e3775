"""`manage.py cin_census --year 2026 --out census.xml`: the children in need census (issue 16)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from frontdoor.returns.census import YEARS, build, schema_problems


class Command(BaseCommand):
    help = "Write the children in need census for the year ending 31 March YEAR as DfE XML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, choices=sorted(YEARS))
        parser.add_argument("--out", required=True, help="the file to write")
        parser.add_argument("--serial", type=int, default=1, help="the header's SerialNo")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["serial"] < 1:
            raise CommandError("--serial must be 1 or more")
        started = time.perf_counter()
        census = build(options["year"], serial=options["serial"])
        content = census.to_bytes()
        seconds = time.perf_counter() - started
        with open(options["out"], "wb") as out:
            out.write(content)
        spec = census.spec
        self.stdout.write(
            f"CIN census {spec.starts:%d %B %Y} to {spec.ends:%d %B %Y}: {census.children} "
            f"children, {census.episodes} episodes, written to {options['out']} in {seconds:.1f}s"
        )
        problems = schema_problems(content, spec.year)
        if problems:
            for problem in problems[:20]:
                self.stderr.write(problem)
            raise CommandError(
                f"The file does not meet the {spec.year} schema in {len(problems)} places: "
                "complete the records the data-quality page lists, then run this again"
            )
        self.stdout.write(f"It meets the {spec.year} schema ({spec.schema}).")
