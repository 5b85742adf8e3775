"""Management information page benchmark: p50/p95 and SQL queries for a manager opening the
front door's page (every measure, 12 months) at a profile's data, against a naive baseline (the
same measures counted by loading every row into Python) in the same run, interleaved.

    DATABASE_URL=sqlite:///var/bench-dashboard-county-ci.sqlite3 \
        manage.py bench_dashboard --profile county-ci

The database is the dashboard's own: the profile's synthetic persons and five years of front
door work about them (frontdoor/bench/dashboard_data.py), built on the first run and reused.
Its rollups (docs/adr/0024) are rebuilt from the rows every run, timed and printed on their own
line. Before timing, every count on the page is checked against the baseline's.
"""

from __future__ import annotations

import os
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frontdoor.access.second_factor import mark_client_verified
from frontdoor.bench import dashboard_data
from frontdoor.bench.dashboard_baseline import naive_figures, page_figures
from frontdoor.bench.measure import paired, refuse_production
from frontdoor.contacts.models import Contact
from frontdoor.figures.periods import period_to
from frontdoor.operations.collector import settle
from frontdoor.people.models import Person
from frontdoor.rollups.tally import rebuild
from frontdoor.synthetic.generator import PROFILES

URL = "/performance/front-door/?months=12"
MONTHS = 12


class Command(BaseCommand):
    help = "Benchmark the management information page against a naive baseline."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--profile", choices=sorted(PROFILES), default="county-ci")
        parser.add_argument("--runs", type=int, default=30)
        # Building `county` is many minutes of CPU: run it on its own (under `nice`, on a
        # shared machine) and time the page in a second, un-niced run that reuses the data.
        parser.add_argument(
            "--build-only", action="store_true", help="migrate and build the data, time nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_production()
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        call_command("migrate", verbosity=0)
        written = dashboard_data.build(options["profile"], progress=self.stdout.write)
        if written:
            self.stdout.write("Built " + ", ".join(f"{n} {k}" for k, n in written.items()))
        if options["build_only"]:
            return
        # The data is written straight to the tables, not through the actions, so its rollups
        # are rebuilt from the rows (docs/adr/0024), every run: timed on its own, not in the page.
        started = time.perf_counter()
        rebuilt = rebuild()
        self.stdout.write(
            f"dashboard rollups backend={_backend()} rebuilt_contacts={rebuilt['contacts']} "
            f"month_sums={rebuilt['months']} rebuild_s={time.perf_counter() - started:.1f}"
        )
        _analyse()  # new rows, indexes or rollups: the planner's statistics
        period = period_to(timezone.now(), MONTHS)
        ours_figures, naive = page_figures(period), naive_figures(period)
        wrong = sorted(s for s, counts in naive.items() if ours_figures.get(s) != counts)
        if wrong:
            raise CommandError(f"The page's counts differ from the baseline's: {', '.join(wrong)}")
        user = dashboard_data.manager()
        client = Client()
        client.force_login(user)
        mark_client_verified(client, user)  # the code step, as a signed-in manager has done
        assert client.get(URL).status_code == 200
        settle()  # as a web worker is (config/wsgi.py), now that the page is loaded
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        query_count = len(queries)  # counted now: the next request resets the log
        ours, theirs, ratio = paired(
            lambda: client.get(URL),
            lambda: naive_figures(period_to(timezone.now(), MONTHS)),
            runs=options["runs"],
        )
        backend = _backend()
        self.stdout.write(
            f"dashboard detail backend={backend} profile={options['profile']} "
            f"contacts={Contact.objects.count()} figures_match=yes p50_ms={ours.p50:.1f} "
            f"p99_ms={ours.p99:.1f} baseline_p95_ms={theirs.p95:.1f} speedup={ratio:.1f} "
            f"n={ours.n}"
        )
        self.stdout.write(
            f"dashboard backend={backend} persons={Person.objects.count()} "
            f"p95_ms={ours.p95:.1f} queries={query_count}"
        )


def _backend() -> str:
    return "postgres" if connection.vendor == "postgresql" else connection.vendor


def _analyse() -> None:
    """Fresh planner statistics after the build, as routine maintenance would leave them."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
