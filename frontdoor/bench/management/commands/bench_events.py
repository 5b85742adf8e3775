"""Integration events benchmark (issue 18): writing 10,000 events through the real writer, and
pulling them through the feed, each against a naive baseline in the same run.

    DATABASE_URL=sqlite:///var/bench-events.sqlite3 manage.py bench_events
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/frontdoor_bench_events manage.py bench_events

Writing: each event is one action's transaction (an audit event and its integration event,
`record_event`), in slices of 1,000, each followed by the baseline's slice: the audit event
alone, with no outbox (what the outbox adds to every action). The audit chain is sealed by the
worker, as in production (ADR 0023), so the figure is the writer's.

Pulling: the 10,000 new events read through `feed_for` in pages of 100, as a service account
resuming from each page's cursor, and wrapped as CloudEvents; the baseline pages the same
events with LIMIT/OFFSET, as a naive feed would. The final two lines are the ones
docs/benchmarks.md quotes.
"""

from __future__ import annotations

import os
import time
import uuid
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from frontdoor.access.models import Role, User
from frontdoor.audit import actions as audit_actions
from frontdoor.audit.actions import record_event
from frontdoor.audit.models import Event
from frontdoor.bench.measure import refuse_production
from frontdoor.integration.feed import feed_for
from frontdoor.outbox.envelope import envelope
from frontdoor.outbox.models import IntegrationEvent
from frontdoor.people.models import Person

SLICE = 1000
PAGE = 100


class Command(BaseCommand):
    help = "Benchmark writing and pulling integration events against naive baselines."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--events", type=int, default=10_000)
        parser.add_argument("--children", type=int, default=500)
        parser.add_argument(
            "--pull-only",
            action="store_true",
            help="Only pull the newest --events events (written by an earlier run)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_production()
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        call_command("migrate", verbosity=0)
        total = options["events"]
        actor, reader = self._cast()
        children = self._children(actor, options["children"])
        backend = "postgres" if connection.vendor == "postgresql" else connection.vendor
        if options["pull_only"]:
            self._report_pull(backend, reader, self._before_newest(total), total)
            return
        with override_settings(FRONTDOOR_AUDIT_SEALING="worker"):
            self._write(actor, children, 200, 200)  # warm up
            start_after = self._newest()
            cpu = time.process_time()
            ours, naive = self._write(actor, children, total, SLICE)
            cpu = time.process_time() - cpu
        self.stdout.write(
            f"events backend={backend} events={total} seconds={ours:.1f} "
            f"per_second={total / ours:.0f} step=write baseline=audit_only "
            f"baseline_seconds={naive:.1f} outbox_share={(ours - naive) / ours:.2f} "
            f"process_cpu_seconds_both={cpu:.1f} load={os.getloadavg()[0]:.1f}"
        )
        self._report_pull(backend, reader, start_after, total)

    def _report_pull(
        self, backend: str, reader: User, start_after: tuple[int, int], total: int
    ) -> None:
        self._settle(reader)
        load = os.getloadavg()[0]
        pulled, seconds = self._pull(reader, start_after, total)
        naive_pulled, naive_seconds = self._pull_naive(start_after, total)
        assert pulled == naive_pulled == total, (pulled, naive_pulled)
        self.stdout.write(
            f"events backend={backend} events={total} seconds={seconds:.1f} "
            f"per_second={total / seconds:.0f} step=pull page={PAGE} baseline=offset_pages "
            f"baseline_seconds={naive_seconds:.1f} speedup={naive_seconds / seconds:.1f} "
            f"load={load:.1f}"
        )

    def _cast(self) -> tuple[User, User]:
        actor, _ = User.objects.get_or_create(
            username="bench-events-manager", defaults={"role": Role.MANAGER, "first_name": "Bench"}
        )
        reader, _ = User.objects.get_or_create(
            username="bench-case-system",
            defaults={"role": Role.AREA_WORKER, "is_service_account": True},
        )
        return actor, reader

    def _children(self, actor: User, count: int) -> list[Person]:
        have = list(Person.objects.filter(last_name="Benchevents")[:count])
        if len(have) < count:
            now = timezone.now()
            Person.objects.bulk_create(
                Person(
                    first_name=f"Child{n}",
                    last_name="Benchevents",
                    created_at=now,
                    created_by=actor,
                )
                for n in range(count - len(have))
            )
            have = list(Person.objects.filter(last_name="Benchevents")[:count])
        return have

    def _settle(self, reader: User) -> None:
        """Wait until the newest event is in the feed: on PostgreSQL the feed holds events back
        while any older transaction on the server is still running (ADR 0029), and other
        databases' work on a shared server can hold it for a moment. Not timed."""
        newest = IntegrationEvent.objects.order_by("-txid", "-id").first()
        assert newest is not None
        before = (newest.txid, newest.pk - 1)
        for _ in range(600):
            if feed_for(reader, after=before, limit=1):
                return
            time.sleep(0.1)
        raise RuntimeError("the feed did not settle within a minute")

    def _before_newest(self, total: int) -> tuple[int, int]:
        rows = list(IntegrationEvent.objects.order_by("-txid", "-id")[total : total + 1])
        return (rows[0].txid, rows[0].pk) if rows else (0, 0)

    def _newest(self) -> tuple[int, int]:
        newest = IntegrationEvent.objects.order_by("-txid", "-id").first()
        return (newest.txid, newest.pk) if newest else (0, 0)

    def _write(
        self, actor: User, children: list[Person], total: int, size: int
    ) -> tuple[float, float]:
        ours = naive = 0.0
        for first in range(0, total, size):
            start = time.perf_counter()
            for n in range(first, min(first + size, total)):
                with transaction.atomic():
                    record_event(
                        actor=actor,
                        verb="handover_accepted",
                        person=children[n % len(children)],
                        data={
                            "handover": str(uuid.uuid4()),
                            "team": "Early help",
                            "within_time": True,
                        },
                    )
            ours += time.perf_counter() - start
            start = time.perf_counter()
            for n in range(first, min(first + size, total)):
                with transaction.atomic():
                    audit_actions._append(  # the audit event alone: no outbox
                        Event(
                            occurred_at=timezone.now(),
                            actor=actor,
                            verb="bench_unpublished",
                            person=children[n % len(children)],
                            data={"handover": str(uuid.uuid4()), "team": "Early help"},
                        )
                    )
            naive += time.perf_counter() - start
        return ours, naive

    def _pull(self, reader: User, after: tuple[int, int], total: int) -> tuple[int, float]:
        pulled = 0
        start = time.perf_counter()
        while pulled < total:
            page = feed_for(reader, after=after, limit=PAGE)
            if not page:
                break
            bodies = [envelope(e) for e in page]
            pulled += len(bodies)
            after = (page[-1].txid, page[-1].pk)
        return pulled, time.perf_counter() - start

    def _pull_naive(self, after: tuple[int, int], total: int) -> tuple[int, float]:
        """Pages by offset from the start of the whole table: each page reads past every
        earlier event again (and misses a late-committing one, which the feed does not)."""
        skip = IntegrationEvent.objects.filter(id__lte=after[1]).count()
        pulled = 0
        start = time.perf_counter()
        while pulled < total:
            offset = skip + pulled
            page = list(IntegrationEvent.objects.order_by("id")[offset : offset + PAGE])
            if not page:
                break
            bodies = [envelope(e) for e in page]
            pulled += len(bodies)
        return pulled, time.perf_counter() - start
