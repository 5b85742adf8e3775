"""Census benchmark: the children in need census for a year (five set-based statements, docs/adr/
0020) against a naive baseline (each episode's records read one query at a time, written by the
same writer), in the same run, interleaved; the two files of every run are checked to be byte
for byte the same before its figures are kept.

    DATABASE_URL=sqlite:///var/bench-dashboard-county-ci.sqlite3 \
        manage.py bench_census --profile county-ci

The data is the dashboard benchmark's (frontdoor/bench/dashboard_data.py: the profile's persons
and five years of referrals, assessments and allocations), read only: this command never
migrates, builds or writes that database. If it is not there, run `bench_dashboard` first.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.utils import DatabaseError
from django.utils import timezone

from frontdoor.bench.census_baseline import naive_gather
from frontdoor.bench.measure import Timings, refuse_production
from frontdoor.people.models import Person
from frontdoor.returns import census


def _last_complete_year(today: date) -> int:
    complete = [y for y in census.YEARS if date(y, 3, 31) < today]
    return max(complete) if complete else min(census.YEARS)


def _timed(fn: Callable[[], bytes]) -> tuple[float, bytes]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


class Command(BaseCommand):
    help = "Benchmark the CIN census for a year against a naive baseline (read only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--profile", default="county-ci", help="the profile, for the line")
        parser.add_argument("--year", type=int, choices=sorted(census.YEARS))
        # The naive baseline reads each episode's records one query at a time: a county-ci
        # year is minutes of it, so few paired runs.
        parser.add_argument("--runs", type=int, default=3)
        # At `county` one naive run is most of an hour: the census alone can be timed more
        # often than the baseline is run. Runs beyond these time the census alone; with 0, the
        # file is not compared with the baseline's and the line says so (`not_run`).
        parser.add_argument(
            "--baseline-runs", type=int, help="paired runs with the baseline (default: --runs)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_production()
        try:
            persons = Person.objects.count()
        except DatabaseError:
            raise CommandError("No benchmark data here: run bench_dashboard first") from None
        if not persons:
            raise CommandError("No benchmark data here: run bench_dashboard first")
        if options["runs"] < 1:
            raise CommandError("--runs must be at least 1")
        year = options["year"] or _last_complete_year(timezone.localdate())
        spec = census.census_year(year)
        now = timezone.now()  # one header time, so the two files can be compared

        def ours() -> bytes:
            return census.build(year, now=now).to_bytes()

        def naive() -> bytes:
            return census.write(spec, naive_gather(spec), now=now).to_bytes()

        built = census.build(year, now=now)
        ours()  # warm: the naive baseline is slow enough to need none
        runs = options["runs"]
        paired = min(runs, runs if options["baseline_runs"] is None else options["baseline_runs"])
        mine: list[float] = []
        theirs: list[float] = []
        for run in range(runs):
            ours_ms, ours_file = _timed(ours)
            mine.append(ours_ms)
            if run >= paired:
                continue
            naive_ms, naive_file = _timed(naive)
            if ours_file != naive_file:  # checked on every paired run, before any figure is kept
                raise CommandError("The census differs from the naive baseline's: not timed")
            theirs.append(naive_ms)
        mine_t = Timings(mine)
        backend = "postgres" if connection.vendor == "postgresql" else connection.vendor
        if theirs:
            ratio = statistics.median(b / a for a, b in zip(mine, theirs, strict=False))
            matched, baseline_s = "yes", f"{Timings(theirs).p50 / 1000:.2f}"
            speedup = f"{ratio:.1f}"
        else:
            matched = baseline_s = speedup = "not_run"
        self.stdout.write(
            f"census detail backend={backend} profile={options['profile']} year={year} "
            f"episodes={built.episodes} files_match={matched} p50_s={mine_t.p50 / 1000:.2f} "
            f"max_s={max(mine) / 1000:.2f} baseline_p50_s={baseline_s} "
            f"n={mine_t.n} baseline_n={len(theirs)}"
        )
        self.stdout.write(
            f"census backend={backend} persons={persons} children={built.children} "
            f"seconds={mine_t.p50 / 1000:.2f} baseline_seconds={baseline_s} speedup={speedup}"
        )
