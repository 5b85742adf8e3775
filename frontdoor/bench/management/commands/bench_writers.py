"""Writers benchmark (issue 19): decisions a second from 16 managers deciding at once, with the
audit chain (sealed after commit by one sealer, ADR 0023), with no chain at all, and with the
old chain (every writer holding the chain's head for its whole transaction) as the naive
baseline, interleaved in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/frontdoor_bench_writers \\
        manage.py bench_writers --writers 16 --rounds 3

Each decision is the real action (`record_decision`, a strategy discussion: the decision, its
event, the referral, the strategy discussion and the referrer's feedback clock), on a contact
received, screened and analysed through the real actions. Before the figures count, every
mode's answers are checked: each contact decided exactly once, one `decision_recorded` event
each, and the chain proved by `verify` once the sealer has caught up.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.test.utils import override_settings
from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.audit import chain
from frontdoor.audit.chain import Proof, lock_head, seal_everything, verify
from frontdoor.audit.models import Event
from frontdoor.bench import writers_data
from frontdoor.bench.measure import refuse_production
from frontdoor.contacts.models import Contact, Decision
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions.actions import DecisionDetails, record_decision
from frontdoor.teams.models import Team

MODES = ("baseline", "no_chain", "chain")


@contextmanager
def _mode(mode: str) -> Iterator[None]:
    """The writers' audit path for one mode, with the sealer running beside them for `chain`."""
    real = chain.written
    stop = threading.Event()

    def sealer() -> None:
        try:
            while not stop.is_set():
                if not seal_everything():
                    time.sleep(0.01)
        finally:
            connections.close_all()

    def old_writer_lock() -> None:
        # The chain before ADR 0023: the writer locks the head as it writes its first row and
        # holds it until its transaction commits.
        lock_head("bench-old-chain")

    thread = threading.Thread(target=sealer)
    with override_settings(FRONTDOOR_AUDIT_SEALING="worker"):
        if mode == "baseline":
            chain.written = old_writer_lock
        if mode == "chain":
            thread.start()
        try:
            yield
        finally:
            chain.written = real
            if mode == "chain":
                stop.set()
                thread.join()


def _decide(
    manager: User, contacts: list[Contact], team: Team, errors: list[BaseException]
) -> None:
    try:
        for contact in contacts:
            record_decision(
                by=manager,
                contacts=[contact],
                details=DecisionDetails(
                    outcome=Outcome.STRATEGY_DISCUSSION,
                    rationale="Bench: repeated domestic abuse witnessed; strategy discussion.",
                    see_by=timezone.now() + timedelta(days=1),
                    see_by_team=team,
                ),
            )
    except BaseException as exc:  # noqa: BLE001 - reported by the caller
        errors.append(exc)
    finally:
        connections.close_all()


def _round(mode: str, managers: list[User], contacts: list[Contact], team: Team) -> float:
    """Decide `contacts` with one thread per manager; decisions a second."""
    share = len(contacts) // len(managers)
    slices = [contacts[n * share : (n + 1) * share] for n in range(len(managers))]
    errors: list[BaseException] = []
    events_before = Event.objects.filter(verb="decision_recorded").count()
    with _mode(mode):
        threads = [
            threading.Thread(target=_decide, args=(m, s, team, errors))
            for m, s in zip(managers, slices, strict=True)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
    if errors:
        raise CommandError(f"{mode}: {errors[0]!r}")
    decided = share * len(managers)
    _check(mode, contacts[:decided], events_before)
    return decided / seconds


def _check(mode: str, contacts: list[Contact], events_before: int) -> None:
    ids = [c.pk for c in contacts]
    if Decision.objects.filter(contact_id__in=ids).count() != len(ids):
        raise CommandError(f"{mode}: not every contact was decided exactly once")
    events = Event.objects.filter(verb="decision_recorded").count() - events_before
    if events != len(ids):
        raise CommandError(f"{mode}: {events} decision events for {len(ids)} decisions")
    seal_everything()
    for name in ("event", "recordview"):
        result = verify(name)
        if not isinstance(result, Proof):
            raise CommandError(f"{mode}: the audit chain does not verify: {result}")


class Command(BaseCommand):
    help = "Benchmark 16 concurrent deciders with the audit chain, without it, and the old chain."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--writers", type=int, default=16)
        parser.add_argument("--per-writer", type=int, default=10)
        parser.add_argument("--rounds", type=int, default=3)

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_production()
        call_command("migrate", verbosity=0)
        writers, per_writer, rounds = options["writers"], options["per_writer"], options["rounds"]
        screener, hub_worker, managers = writers_data.users(writers)
        team = Team.objects.receiving_teams().first()
        assert team is not None, "the migrations seed the receiving teams"
        per_round = writers * per_writer
        needed = per_round * len(MODES) * rounds
        have = writers_data.waiting()
        if len(have) < needed:
            self.stdout.write(f"Building {needed - len(have)} contacts waiting for a decision…")
            writers_data.build(needed - len(have), screener, hub_worker)
            have = writers_data.waiting()
        seal_everything()
        rates: dict[str, list[float]] = {mode: [] for mode in MODES}
        for number in range(rounds):
            # Each round in another order, so no mode always runs on the warmest caches.
            order = MODES[number % 3 :] + MODES[: number % 3]
            for mode in order:
                batch, have = have[:per_round], have[per_round:]
                rates[mode].append(_round(mode, managers, batch, team))
                self.stdout.write(f"  round {number + 1} {mode}: {rates[mode][-1]:.1f} a second")
        sealed, no_chain, baseline = (statistics.median(rates[m]) for m in MODES[::-1])
        cost = (no_chain - sealed) / no_chain * 100
        backend = "postgres" if connection.vendor == "postgresql" else connection.vendor
        self.stdout.write(
            f"writers backend={backend} writers={writers} "
            f"decisions_per_second={sealed:.1f} chain_cost_pct={cost:.1f} "
            f"no_chain_per_second={no_chain:.1f} baseline_per_second={baseline:.1f} "
            f"speedup={sealed / baseline:.2f} decisions={per_round * rounds * len(MODES)}"
        )
