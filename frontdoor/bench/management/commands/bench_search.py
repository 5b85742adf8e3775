"""Person search benchmark: speed and accuracy on noisy searches, against a naive full scan.

    DATABASE_URL=sqlite:///var/bench-people-county-ci.sqlite3 \
        manage.py bench_search --profile county-ci

Builds the profile's synthetic county if the database is empty (generate_county), then runs
`--searches` noisy searches (frontdoor/synthetic/searches.py) through `find_people`, exactly as
the search page does for a screener, and scores each against the hidden true identities:

- recall@10: the share of the searched-for identity's records that appear in the top 10,
  averaged over searches (an identity recorded twice counts both records);
- precision@1: the share of searches whose top result is a record of that identity.

The baseline is what a first attempt looks like: read every person from the database and rank
them all with rapidfuzz (WRatio on name and date of birth). It runs on `--baseline-runs` of the
searches, spread evenly, each straight after ours on the same search; the speed-up is the median
of those paired ratios (../shared/PERFORMANCE.md, "How to measure").

The last line is the figure docs/benchmarks.md quotes.
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from rapidfuzz import fuzz, process

from frontdoor.access.models import Role, User
from frontdoor.bench.measure import Timings, refuse_production
from frontdoor.matching.queries import Criteria, find_people
from frontdoor.people.models import Person
from frontdoor.synthetic.generator import PROFILES, County, build_county
from frontdoor.synthetic.load import load
from frontdoor.synthetic.models import TrueIdentity
from frontdoor.synthetic.searches import Search, noisy_searches

T = TypeVar("T")


def naive_search(search: Search) -> list[uuid.UUID]:
    """Every person into Python, ranked by rapidfuzz on "first last date-of-birth"."""
    rows = list(Person.objects.values_list("id", "first_name", "last_name", "date_of_birth"))
    choices = [
        f"{first} {last} {born.isoformat() if born else ''}" for _, first, last, born in rows
    ]
    wanted = f"{search.first_name} {search.last_name} {search.born.iso() if search.born else ''}"
    best = process.extract(wanted, choices, scorer=fuzz.WRatio, limit=10)
    return [rows[index][0] for _, _, index in best]


def _timed(fn: Callable[..., T], *args: Any) -> tuple[float, T]:
    """Call `fn(*args)`: how long it took in milliseconds, and what it returned."""
    start = time.perf_counter()
    result = fn(*args)
    return (time.perf_counter() - start) * 1000, result


def criteria(search: Search) -> Criteria:
    return Criteria(
        first_name=search.first_name,
        last_name=search.last_name,
        date_of_birth=search.born,
        sex=search.sex,
        nhs_number=search.nhs_number,
        postcode=search.postcode,
    )


class Command(BaseCommand):
    help = "Benchmark person search (speed, recall@10, precision@1) against a naive full scan."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--profile", choices=sorted(PROFILES), default="county-ci")
        parser.add_argument("--searches", type=int, default=500)
        parser.add_argument(
            "--baseline-runs",
            type=int,
            default=None,
            help="How many searches also run the baseline, spread evenly (default 20; 10 for "
            "county, where each full scan of a million people takes half a minute)",
        )
        parser.add_argument("--warmup", type=int, default=20)

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_production()
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        call_command("migrate", verbosity=0)
        profile = PROFILES[options["profile"]]
        county = build_county(profile)
        self._ensure_loaded(county)
        truth = self._truth()
        user, _ = User.objects.get_or_create(
            username="bench-screener", defaults={"role": Role.SCREENER, "first_name": "Bench"}
        )
        searches = noisy_searches(county, options["searches"])
        for search in noisy_searches(county, options["warmup"], seed=7):
            find_people(user, criteria(search))
        runs = options["baseline_runs"]
        if runs is None:
            runs = 10 if profile.persons >= 1_000_000 else 20
        every = max(1, len(searches) // runs) if runs else 0
        self._run(user, searches, truth, every)

    def _ensure_loaded(self, county: County) -> None:
        stored = TrueIdentity.objects.filter(profile=county.profile.name).count()
        if stored == 0 and not Person.objects.exists():
            self.stdout.write(f"Building the {county.profile.name} county…")
            figures = load(county, with_contacts=False, progress=self.stdout.write)
            self.stdout.write(f"  {figures['keys']} search keys")
            return
        sample = county.records[:: max(1, len(county.records) // 50)]
        matches = TrueIdentity.objects.filter(
            person_id__in=[r.id for r in sample], profile=county.profile.name
        ).count()
        if stored != len(county.records) or matches != len(sample):
            raise CommandError(
                "This database holds other people or an older county: point DATABASE_URL at a "
                "new database (or delete this one) and run again."
            )

    def _truth(self) -> dict[int, set[uuid.UUID]]:
        records: dict[int, set[uuid.UUID]] = defaultdict(set)
        for person_id, identity in TrueIdentity.objects.values_list("person_id", "identity"):
            records[identity].add(person_id)
        return records

    def _run(
        self, user: User, searches: list[Search], truth: dict[int, set[uuid.UUID]], every: int
    ) -> None:
        ours: list[float] = []
        baseline: list[float] = []
        ratios: list[float] = []
        recalls: list[float] = []
        first_right = 0
        considered: list[int] = []
        baseline_recalls: list[float] = []
        missed: Counter[str] = Counter()
        for number, search in enumerate(searches):
            wanted = truth[search.identity]
            ms, result = _timed(find_people, user, criteria(search))
            top = [c.person.pk for c in result.candidates]
            ours.append(ms)
            considered.append(result.considered)
            recall = len(wanted & set(top)) / len(wanted)
            recalls.append(recall)
            first_right += bool(top) and top[0] in wanted
            if recall < 1:
                missed[", ".join(search.noise) or "no noise in the search"] += 1
            if every and number % every == 0:
                naive_ms, naive = _timed(naive_search, search)
                baseline.append(naive_ms)
                ratios.append(naive_ms / ms if ms else 0.0)
                baseline_recalls.append(len(wanted & set(naive)) / len(wanted))
        self._report(
            ours, baseline, ratios, recalls, first_right, considered, baseline_recalls, missed
        )

    def _report(
        self,
        ours_ms: list[float],
        baseline_ms: list[float],
        ratios: list[float],
        recalls: list[float],
        first_right: int,
        considered: list[int],
        baseline_recalls: list[float],
        missed: Counter[str],
    ) -> None:
        ours, naive = Timings(ours_ms), Timings(baseline_ms)
        backend = "postgres" if connection.vendor == "postgresql" else connection.vendor
        persons = Person.objects.count()
        n = len(recalls)
        compared = Timings([float(c) for c in considered])
        self.stdout.write(
            f"  n={n} p99_ms={ours.p99:.1f} people_compared_p50={compared.p50:.0f} "
            f"p95={compared.p95:.0f} baseline_n={naive.n} "
            f"baseline_recall_at_10={statistics.mean(baseline_recalls or [0]):.3f}"
        )
        for noise, count in missed.most_common(8):
            self.stdout.write(f"  not all records in the top 10 ({count}): {noise}")
        self.stdout.write(
            f"search backend={backend} persons={persons} p50_ms={ours.p50:.1f} "
            f"p95_ms={ours.p95:.1f} recall_at_10={statistics.mean(recalls):.3f} "
            f"precision_at_1={first_right / n:.3f} baseline_p95_ms={naive.p95:.1f} "
            f"speedup={statistics.median(ratios or [0]):.1f}"
        )
