"""Police notification import benchmark (issue 5): 10,000 notifications, with matching, against
the naive per-row import in the same run.

    DATABASE_URL=sqlite:///var/bench-people-county-ci.sqlite3 \\
        manage.py bench_police_import --profile county-ci

Uses the person search benchmark's database (the profile's synthetic county, built on the first
run if empty), so the children are matched against a county's people. Each run imports new
references, so it can be rerun on the same database.

The import runs in `--slices` batches (a force sends batches); straight after each, the naive
baseline (frontdoor/bench/police_baseline.py) imports `--baseline-share` as many other rows.
The speed-up is the median of the paired per-row ratios; baseline_seconds is the baseline's
measured time per row times the notifications (an estimate: running it on all 10,000 would take
most of the benchmark's time to learn the same thing).

Link precision: the share of children linked automatically whose record is their own (by the
county's hidden true identities). The final line is the one docs/benchmarks.md quotes.
"""

from __future__ import annotations

import gc
import os
import statistics
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from frontdoor.access.models import Role, User
from frontdoor.agencies.models import Agency, AgencyKind
from frontdoor.bench.measure import refuse_production
from frontdoor.bench.police_baseline import naive_import, naive_match
from frontdoor.bench.police_data import BenchRow, notifications
from frontdoor.codelists.models import Code
from frontdoor.people.models import Person
from frontdoor.police.actions import import_batch
from frontdoor.police.matching import match_children
from frontdoor.police.models import NotificationChild
from frontdoor.police.parsing import Row, parse_row
from frontdoor.police.workflow import MatchStatus, Source
from frontdoor.synthetic.generator import PROFILES, County, build_county
from frontdoor.synthetic.load import load
from frontdoor.synthetic.models import TrueIdentity


class Command(BaseCommand):
    help = "Benchmark importing police notifications (with matching) against a naive import."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--profile", choices=sorted(PROFILES), default="county-ci")
        parser.add_argument("--notifications", type=int, default=10_000)
        parser.add_argument("--slices", type=int, default=10)
        parser.add_argument("--baseline-share", type=float, default=0.1)

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_production()
        # CPU seconds of this process in each of our batches: on a shared machine the wall
        # clock moves with the neighbours' load (docs/adr/0031). On PostgreSQL the server's own
        # work is in another process and not counted here.
        self.cpu: list[float] = []
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        call_command("migrate", verbosity=0)
        county = build_county(PROFILES[options["profile"]])
        if not Person.objects.exists():
            self.stdout.write(f"Building the {county.profile.name} county…")
            load(county, with_contacts=False, progress=self.stdout.write)
        user, force = self._cast()
        run = timezone.now().strftime("%Y%m%d%H%M%S")
        total, slices = options["notifications"], options["slices"]
        rows = notifications(county, total, run=run, now=timezone.now())
        naive_rows = notifications(
            county, round(total * options["baseline_share"]), run=f"{run}N", now=timezone.now()
        )
        self._check_matching(rows)
        self._warm_up(county, user, force, run)
        # The county (200,000 synthetic people and their households) and the generated rows
        # stay alive in this process, which the task worker that imports a real batch never
        # holds. Left to the collector, every full collection walks them again: about a third
        # of the import's CPU at `county-ci` (docs/benchmarks.md). Frozen, the collector skips
        # them, and the import and the baseline are timed with the heap a worker has.
        gc.collect()
        gc.freeze()
        try:
            ours, naive, ratios = self._run(user, force, rows, naive_rows, slices)
        finally:
            gc.unfreeze()
        self._report(run, rows, ours, naive, ratios, total)

    def _cast(self) -> tuple[User, Agency]:
        user, _ = User.objects.get_or_create(
            username="bench-screener", defaults={"role": Role.SCREENER, "first_name": "Bench"}
        )
        force, _ = Agency.objects.get_or_create(
            name="Benchshire Police",
            defaults={
                "kind": AgencyKind.POLICE,
                "referral_source": Code.objects.get(code_list="referral_source", code="6"),
            },
        )
        return user, force

    def _check_matching(self, rows: list[BenchRow], sample: int = 150) -> None:
        """Before timing: the batched matcher's answer for every child of `sample` rows spread
        over the run equals the plain per-child matcher's (police_baseline.naive_match)."""
        step = max(1, len(rows) // sample)
        children = []
        for row in rows[::step][:sample]:
            parsed = parse_row(row.kind, row.raw, now=timezone.now())
            if isinstance(parsed, Row):
                children += [(child, parsed.postcode) for child in parsed.children]
        ours = match_children(children)
        theirs = [naive_match(child, postcode) for child, postcode in children]
        differ = sum(1 for a, b in zip(ours, theirs, strict=True) if a != b)
        if differ:
            raise CommandError(f"{differ} of {len(children)} children matched differently")
        self.stdout.write(f"  matching checked: {len(children)} children, answers_match=yes")

    def _warm_up(self, county: County, user: User, force: Agency, run: str) -> None:
        warm = notifications(county, 50, run=f"{run}W", now=timezone.now())
        import_batch(by=user, force=force, rows=_raw(warm), source=Source.API)

    def _run(
        self,
        user: User,
        force: Agency,
        rows: list[BenchRow],
        naive_rows: list[BenchRow],
        slices: int,
    ) -> tuple[list[float], list[float], list[float]]:
        ours: list[float] = []
        naive: list[float] = []
        ratios: list[float] = []
        size, naive_size = len(rows) // slices, max(1, len(naive_rows) // slices)
        for index in range(slices):
            part = rows[index * size : (index + 1) * size]
            naive_part = naive_rows[index * naive_size : (index + 1) * naive_size]
            start, cpu = time.perf_counter(), time.process_time()
            import_batch(by=user, force=force, rows=_raw(part), source=Source.API)
            ours.append(time.perf_counter() - start)
            self.cpu.append(time.process_time() - cpu)
            start = time.perf_counter()
            naive_import(user, force, naive_part)
            naive.append(time.perf_counter() - start)
            ratios.append((naive[-1] / len(naive_part)) / (ours[-1] / len(part)))
            self.stdout.write(
                f"  slice {index + 1}: {len(part)} in {ours[-1]:.1f} s ({self.cpu[-1]:.1f} s CPU); "
                f"baseline {len(naive_part)} in {naive[-1]:.1f} s"
            )
        return ours, naive, ratios

    def _report(
        self,
        run: str,
        rows: list[BenchRow],
        ours: list[float],
        naive: list[float],
        ratios: list[float],
        total: int,
    ) -> None:
        truth = {row.raw["police_reference"]: row.truth for row in rows}
        children = NotificationChild.objects.filter(
            notification__reference__startswith=f"BENCH/{run}/"
        ).values_list("notification__reference", "position", "match_status", "contact__person_id")
        linked = [
            (truth[ref][pos], person)
            for ref, pos, status, person in children
            if status == MatchStatus.AUTO_LINKED
        ]
        review = sum(1 for _, _, status, _ in children if status == MatchStatus.REVIEW)
        identities = dict(
            TrueIdentity.objects.filter(person_id__in=[p for _, p in linked]).values_list(
                "person_id", "identity"
            )
        )
        right = sum(1 for wanted, person in linked if identities.get(person) == wanted)
        seconds = sum(ours)
        naive_per_row = sum(naive) / max(1, round(total * 0.1))
        backend = "postgres" if connection.vendor == "postgresql" else connection.vendor
        self.stdout.write(
            f"import backend={backend} notifications={total} seconds={seconds:.1f} "
            f"per_second={total / seconds:.0f} cpu_seconds={sum(self.cpu):.1f} "
            f"baseline_seconds={naive_per_row * total:.1f} "
            f"speedup={statistics.median(ratios):.1f} auto_linked={len(linked)} review={review} "
            f"link_precision={right / len(linked) if linked else 0:.3f}"
        )


def _raw(rows: list[BenchRow]) -> list[tuple[str, int, dict[str, Any]]]:
    return [(row.kind, number, dict(row.raw)) for number, row in enumerate(rows, 1)]
