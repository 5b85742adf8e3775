"""Integration events benchmark (issue 18): writing 10,000 events through the real writer in
the transactions the actions really make, and pulling them through the feed, each against a
naive baseline in the same run, interleaved.

    DATABASE_URL=sqlite:///var/bench-events.sqlite3 manage.py bench_events
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/frontdoor_bench_events manage.py bench_events

What "writing" measures: the outbox, that is the cost of writing each event with the audit
row it is published from, in the transaction that carries them (docs/adr/0029). Not the domain
change itself (matching a police notification, moving a contact): the police import and the
decision have their own benchmarks. Two shapes, because the system writes events two ways:

- `shape=police_chunk`: what a police import writes for one chunk of notifications (CHUNK
  children's `contact_received`, in the chunk's one transaction), written by `record_events`:
  one insert of audit rows and one of integration events per chunk. Baseline
  `one_insert_per_event`: the same events in the same chunk transactions, each written on its
  own by `record_event` (an insert of its audit row and one of its integration event), as a
  writer that did not batch would. This is the line the target (10,000 in under 10 s) is for.
- `shape=sibling_decision`: a manager's decision for three siblings, which writes, for each
  child, `decision_recorded` and `handover_opened` (a step-down: six published events) in the
  decision's one transaction, each by `record_event`, as `record_decision` does. Baseline
  `audit_only`: the same transactions with the audit rows alone, so the difference is what
  the outbox adds to an action. Each such transaction is one commit, so this shape is bound by
  the database's commit time (a flush of the write-ahead log on PostgreSQL), not by the outbox.

`outbox_seconds` is the time spent inside the outbox writer itself (`outbox.writer.publish`,
timed around each call), `outbox_share` its share of the shape's seconds, and
`baseline_outbox_seconds` the same for the baseline (none for `audit_only`). The audit chain
is sealed by the worker, as in production (ADR 0023), so the figures are the writers'.

Pulling: the first 10,000 events written read through `feed_for` in pages of 100, as a service
account resuming from each page's cursor, and wrapped as CloudEvents; the baseline pages the
same events with LIMIT/OFFSET, as a naive feed would. docs/benchmarks.md quotes the lines.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from frontdoor.access.models import Role, User
from frontdoor.audit import actions as audit_actions
from frontdoor.audit.actions import record_event, record_events
from frontdoor.audit.models import Event
from frontdoor.bench.measure import refuse_production
from frontdoor.integration.feed import feed_for
from frontdoor.outbox.envelope import envelope
from frontdoor.outbox.models import IntegrationEvent
from frontdoor.people.models import Person
from frontdoor.police.actions.intake import CHUNK

SIBLINGS = 3
# A step-down for each sibling: its decision and its handover are published.
PER_CHILD = ("decision_recorded", "handover_opened")
# Events written between each switch from ours to the baseline (interleaved, so both see the
# same load on a shared machine).
SLICE = 1000
PAGE = 100

Write = Callable[[list[Person], int], None]


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
        self.actor = actor
        shapes: list[tuple[str, Write, str, Write]] = [
            ("police_chunk", self._chunk_bulk, "one_insert_per_event", self._chunk_one_by_one),
            ("sibling_decision", self._siblings, "audit_only", self._siblings_audit_only),
        ]
        with override_settings(FRONTDOOR_AUDIT_SEALING="worker"):
            for _, ours, _, naive in shapes:  # warm up
                ours(children, 200)
                naive(children, 200)
            start_after = self._newest()
            for shape, ours, baseline, naive in shapes:
                self._report_write(backend, shape, ours, baseline, naive, children, total)
        self._report_pull(backend, reader, start_after, total)

    # --- Writing ---------------------------------------------------------------------------

    def _report_write(
        self,
        backend: str,
        shape: str,
        ours: Write,
        baseline: str,
        naive: Write,
        children: list[Person],
        total: int,
    ) -> None:
        load = os.getloadavg()[0]
        ours_seconds = naive_seconds = 0.0
        with _timing_the_outbox() as outbox:
            for first in range(0, total, SLICE):
                count = min(SLICE, total - first)
                outbox.counting = "ours"
                start = time.perf_counter()
                ours(children, count)
                ours_seconds += time.perf_counter() - start
                outbox.counting = "baseline"
                start = time.perf_counter()
                naive(children, count)
                naive_seconds += time.perf_counter() - start
        ours_outbox, naive_outbox = outbox.seconds["ours"], outbox.seconds["baseline"]
        self.stdout.write(
            f"events backend={backend} events={total} seconds={ours_seconds:.1f} "
            f"per_second={total / ours_seconds:.0f} step=write shape={shape} "
            f"outbox_seconds={ours_outbox:.2f} outbox_share={ours_outbox / ours_seconds:.2f} "
            f"baseline={baseline} baseline_seconds={naive_seconds:.1f} "
            f"baseline_outbox_seconds={naive_outbox:.2f} "
            f"speedup={naive_seconds / ours_seconds:.1f} load={load:.1f}"
        )

    def _contact_received(self, child: Person) -> Event:
        """A police import's `contact_received` for a child the match linked (its data as
        police/actions/build.py writes it)."""
        return Event(
            actor=self.actor,
            verb="contact_received",
            person=child,
            data={
                "source": "6",
                "source_label": "Police",
                "agency": "Wessex Police",
                "submitted_online": False,
                "children": 2,
                "screening_due_at": timezone.now().isoformat(),
                "police_reference": f"DA-{uuid.uuid4().hex[:10]}",
                "police_kind": "domestic_abuse",
                "match": "confident",
                "match_score": 0.97,
            },
        )

    def _chunk_bulk(self, children: list[Person], count: int) -> None:
        for first in range(0, count, CHUNK):
            with transaction.atomic():
                record_events(
                    [
                        self._contact_received(children[n % len(children)])
                        for n in range(first, min(first + CHUNK, count))
                    ]
                )

    def _chunk_one_by_one(self, children: list[Person], count: int) -> None:
        for first in range(0, count, CHUNK):
            with transaction.atomic():
                for n in range(first, min(first + CHUNK, count)):
                    row = self._contact_received(children[n % len(children)])
                    record_event(actor=row.actor, verb=row.verb, person=row.person, data=row.data)

    def _sibling_events(self, children: list[Person], count: int) -> Iterator[list[Event]]:
        """Each decision's events: for each of three siblings, its decision and handover."""
        per_decision = SIBLINGS * len(PER_CHILD)
        for first in range(0, count, per_decision):
            made = []
            for n in range(first, min(first + per_decision, count)):
                child = children[(n // len(PER_CHILD)) % len(children)]
                verb = PER_CHILD[n % len(PER_CHILD)]
                made.append(Event(actor=self.actor, verb=verb, person=child, data=_data(verb)))
            yield made

    def _siblings(self, children: list[Person], count: int) -> None:
        for decision in self._sibling_events(children, count):
            with transaction.atomic():
                for row in decision:
                    record_event(actor=row.actor, verb=row.verb, person=row.person, data=row.data)

    def _siblings_audit_only(self, children: list[Person], count: int) -> None:
        for decision in self._sibling_events(children, count):
            with transaction.atomic():
                for row in decision:
                    row.occurred_at = timezone.now()
                    audit_actions._append(row)  # the audit event alone: no outbox

    # --- Pulling ---------------------------------------------------------------------------

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
        while an older transaction in this database is still running (ADR 0029). Not timed."""
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

    def _pull(self, reader: User, after: tuple[int, int], total: int) -> tuple[int, float]:
        pulled = 0
        start = time.perf_counter()
        while pulled < total:
            page = feed_for(reader, after=after, limit=min(PAGE, total - pulled))
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
            end = offset + min(PAGE, total - pulled)
            page = list(IntegrationEvent.objects.order_by("id")[offset:end])
            if not page:
                break
            bodies = [envelope(e) for e in page]
            pulled += len(bodies)
        return pulled, time.perf_counter() - start


def _data(verb: str) -> dict[str, Any]:
    """The data `record_decision` and `open_handover` write for a step-down."""
    if verb == "decision_recorded":
        return {
            "outcome": "early_help",
            "outcome_label": "Step down to early help",
            "see_by": "",
            "team": "",
            "within_decision_time": True,
        }
    return {
        "handover": str(uuid.uuid4()),
        "kind": "step_down",
        "kind_label": "Step down to early help",
        "team": "Early help",
        "due_at": timezone.now().isoformat(),
    }


class _OutboxClock:
    """Seconds spent inside the outbox writer, by whose writes they were (ours or the
    baseline's)."""

    def __init__(self) -> None:
        self.seconds = {"ours": 0.0, "baseline": 0.0}
        self.counting = "ours"


@contextmanager
def _timing_the_outbox() -> Iterator[_OutboxClock]:
    """Time every call of the outbox writer the audit writer makes (the writer itself is not
    changed: the audit module's reference to it is wrapped for the run)."""
    clock = _OutboxClock()
    real = audit_actions.publish  # type: ignore[attr-defined]

    def publish(rows: Any) -> int:
        start = time.perf_counter()
        try:
            return real(rows)
        finally:
            clock.seconds[clock.counting] += time.perf_counter() - start

    audit_actions.publish = publish  # type: ignore[attr-defined]
    try:
        yield clock
    finally:
        audit_actions.publish = real  # type: ignore[attr-defined]
