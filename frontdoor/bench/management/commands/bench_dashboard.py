"""Management information page benchmark: p50/p95 and SQL queries for a manager opening the
front door's page (every measure, 12 months) at a profile's data, against a naive baseline (the
same measures counted by loading rows into Python) in the same run, interleaved.

    DATABASE_URL=sqlite:///var/bench-county-ci.sqlite3 manage.py bench_dashboard --families 55000

It reuses the queue benchmark's database (frontdoor/bench/queue_data.py), building it only if it
has too few contacts, and adds decisions once (frontdoor/bench/dashboard_data.py).
"""

from __future__ import annotations

import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from frontdoor.access.second_factor import mark_client_verified
from frontdoor.bench import dashboard_data, queue_data
from frontdoor.bench.dashboard_baseline import naive_figures
from frontdoor.bench.measure import paired
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.people.models import Person

URL = "/performance/front-door/?months=12"


class Command(BaseCommand):
    help = "Benchmark the management information page against a naive baseline."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--families", type=int, default=55_000)
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args: Any, **options: Any) -> None:
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        call_command("migrate", verbosity=0)
        if FamilyContact.objects.count() < options["families"]:
            self.stdout.write(f"Building {options['families']} family contacts…")
            queue_data.build(options["families"] - FamilyContact.objects.count())
        written = dashboard_data.enrich()
        if written:
            self.stdout.write(f"Added {written} decisions.")
        user = dashboard_data.manager()
        client = Client()
        client.force_login(user)
        mark_client_verified(client, user)  # the code step, as a signed-in manager has done
        assert client.get(URL).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        query_count = len(queries)  # counted now: the next request resets the log
        ours, naive, ratio = paired(lambda: client.get(URL), naive_figures, runs=options["runs"])
        backend = "postgres" if connection.vendor == "postgresql" else connection.vendor
        self.stdout.write(
            f"dashboard detail backend={backend} contacts={Contact.objects.count()} "
            f"p50_ms={ours.p50:.1f} p99_ms={ours.p99:.1f} baseline_p95_ms={naive.p95:.1f} "
            f"speedup={ratio:.1f} n={ours.n}"
        )
        self.stdout.write(
            f"dashboard backend={backend} persons={Person.objects.count()} "
            f"p95_ms={ours.p95:.1f} queries={query_count}"
        )
