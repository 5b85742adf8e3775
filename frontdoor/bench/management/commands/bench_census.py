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

from frontdoor.bench.census_baseline import every_referral_loaded, naive_gather, restricted
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
        # At `county` the naive baseline over the whole year is hours: time it on this many
        # episodes and scale the part that grows with them (the one read of every referral is
        # timed on its own and not scaled). Its file is checked against the census's own rows
        # for the same episodes, byte for byte, on every run.
        parser.add_argument("--baseline-sample", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_production()
        try:
            persons = Person.objects.count()
        except DatabaseError:
            raise CommandError("No benchmark data here: run bench_dashboard first") from None
        if not persons:
            raise CommandError("No benchmark data here: run bench_dashboard first")
        year = options["year"] or _last_complete_year(timezone.localdate())
        spec = census.census_year(year)
        now = timezone.now()  # one header time, so the two files can be compared
        sample = options["baseline_sample"]

        def ours() -> bytes:
            return census.build(year, now=now).to_bytes()

        def naive() -> bytes:
            return census.write(spec, naive_gather(spec, sample=sample), now=now).to_bytes()

        built = census.build(year, now=now)
        gathered = census.gather(spec)
        ours()  # warm: the naive baseline is slow enough to need none
        mine: list[float] = []
        theirs: list[float] = []
        measured: list[float] = []
        fixed: list[float] = []
        for _ in range(options["runs"]):
            ours_ms, ours_file = _timed(ours)
            naive_ms, naive_file = _timed(naive)
            expected = ours_file
            if sample is not None:
                ids = {e["id"] for e in naive_gather(spec, sample=sample).episodes}
                expected = census.write(spec, restricted(gathered, ids), now=now).to_bytes()
            if expected != naive_file:  # checked on every run, before any figure is kept
                raise CommandError("The census differs from the naive baseline's: not timed")
            measured.append(naive_ms)
            if sample is not None and built.episodes > sample:
                fixed_ms, _ = _timed(lambda: str(every_referral_loaded()).encode())
                fixed.append(fixed_ms)
                naive_ms = fixed_ms + (naive_ms - fixed_ms) * built.episodes / sample
            mine.append(ours_ms)
            theirs.append(naive_ms)
        ratio = statistics.median(b / a for a, b in zip(mine, theirs, strict=True))
        mine_t, theirs_t = Timings(mine), Timings(theirs)
        backend = "postgres" if connection.vendor == "postgresql" else connection.vendor
        how = "whole_year"
        if fixed:
            how = (
                f"sampled episodes_sampled={sample} sample_s={Timings(measured).p50 / 1000:.2f} "
                f"every_referral_s={Timings(fixed).p50 / 1000:.2f}"
            )
        self.stdout.write(
            f"census detail backend={backend} profile={options['profile']} year={year} "
            f"episodes={built.episodes} files_match=yes p50_s={mine_t.p50 / 1000:.2f} "
            f"max_s={max(mine) / 1000:.2f} baseline_p50_s={theirs_t.p50 / 1000:.2f} "
            f"baseline={how} n={mine_t.n}"
        )
        self.stdout.write(
            f"census backend={backend} persons={persons} children={built.children} "
            f"seconds={mine_t.p50 / 1000:.2f} baseline_seconds={theirs_t.p50 / 1000:.2f} "
            f"speedup={ratio:.1f}"
        )
