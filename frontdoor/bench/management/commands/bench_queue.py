"""Queue page benchmark: p50/p95 and SQL queries per page as the rows grow, against a naive
baseline (load every open contact into Python, group and sort there) in the same run.

    DATABASE_URL=sqlite:///var/bench.sqlite3 manage.py bench_queue --families 100000
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from frontdoor.access.models import User
from frontdoor.access.second_factor import mark_client_verified
from frontdoor.bench import queue_data, served
from frontdoor.bench.measure import Timings, paired, refuse_production
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.queries import SCREENING


def naive_screening_page() -> list[Any]:
    """What a first attempt looks like: every open contact into Python, then group and sort."""
    families: dict[Any, list[Contact]] = defaultdict(list)
    for contact in Contact.objects.select_related("family").all():
        if contact.status in SCREENING.statuses:
            families[contact.family_id].append(contact)
    ordered = sorted(families.values(), key=lambda cs: min(c.screening_due_at for c in cs))
    return ordered[:50]


class Command(BaseCommand):
    help = "Benchmark the screening queue page against a naive baseline."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--families", type=int, default=100_000)
        parser.add_argument("--runs", type=int, default=60)
        # gunicorn worker processes for the 16 users (config/gunicorn.py: why this many).
        parser.add_argument("--workers", type=int, default=3)

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_production()
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        call_command("migrate", verbosity=0)
        if FamilyContact.objects.count() < options["families"]:
            self.stdout.write(f"Building {options['families']} family contacts…")
            queue_data.build(options["families"] - FamilyContact.objects.count())
        user = User.objects.get(username="bench-screener")
        client = Client()
        client.force_login(user)
        mark_client_verified(client, user)  # the code step, as a signed-in screener has done
        url = "/contacts/queues/screening/"
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        # Count now: the captured list is a view of the connection's log, which the next
        # request resets.
        query_count = len(queries)
        ours, naive, ratio = paired(
            lambda: client.get(url), naive_screening_page, runs=options["runs"]
        )
        concurrent = self._concurrent(
            url, user, users=16, workers=options["workers"], requests=options["runs"] * 2
        )
        backend = "postgres" if connection.vendor == "postgresql" else connection.vendor
        self.stdout.write(
            f"queue backend={backend} families={FamilyContact.objects.count()} "
            f"contacts={Contact.objects.count()} p50_ms={ours.p50:.1f} p95_ms={ours.p95:.1f} "
            f"p95_16_users_ms={concurrent.p95:.1f} queries={query_count} "
            f"baseline_p95_ms={naive.p95:.1f} speedup={ratio:.1f} n={ours.n}"
        )

    def _concurrent(
        self, url: str, user: Any, *, users: int, workers: int, requests: int
    ) -> Timings:
        """16 users at once against gunicorn worker processes, as a deployment serves them."""
        cookies = []
        for _ in range(users):
            client = Client()
            client.force_login(user)
            mark_client_verified(client, user)
            cookies.append(
                f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
            )
        with served.gunicorn(workers=workers) as port:
            served.concurrent_users(port, url, cookies, requests_each=2)  # warm the workers
            return served.concurrent_users(
                port, url, cookies, requests_each=max(1, requests // users)
            )
