"""Sixteen screeners press "Claim the next family" at the same moment, again and again until
the queue is empty: no family goes to two of them, and every family goes to one.

Each screener is a thread with its own database connection. On PostgreSQL they really run at
once: each locks its candidate with `SELECT … FOR UPDATE SKIP LOCKED`, so the others pass over
it. SQLite has one writer at a time (and the in-memory test database answers a second writer
"table is locked" rather than waiting), so there the claims are serialised, as SQLite serialises
them in production, and the test proves the same outcome.

The same for references: sixteen contacts received at once take sixteen consecutive numbers.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.audit.models import Event
from frontdoor.contacts.actions import claims
from frontdoor.contacts.models import FamilyContact
from frontdoor.contacts.queries import SCREENING
from frontdoor.contacts.tests import factories as f

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database_first"),
]

CLAIMERS = 16
FAMILIES = 40


def test_sixteen_screeners_claiming_next_at_once_never_share_a_family(make_user, contact_officer):
    families = {
        f.received(contact_officer, received_at=timezone.now() - timedelta(minutes=n)).pk
        for n in range(FAMILIES)
    }
    screeners = [make_user(f"screener{n}", Role.SCREENER) for n in range(CLAIMERS)]
    start = threading.Barrier(CLAIMERS)
    serialise = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    claimed: dict[str, list[object]] = {s.username: [] for s in screeners}
    failures: list[BaseException] = []

    def work(screener):
        try:
            start.wait(timeout=30)
            while True:
                with serialise:
                    family = claims.claim_next(by=screener, queue=SCREENING)
                if family is None:
                    return
                claimed[screener.username].append(family.pk)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(s,)) for s in screeners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    every_claim = [pk for pks in claimed.values() for pk in pks]
    twice = [pk for pk, n in Counter(every_claim).items() if n > 1]
    assert twice == [], "a family went to two screeners"
    assert set(every_claim) == families
    holders = dict(FamilyContact.objects.values_list("pk", "claimed_by__username"))
    for username, pks in claimed.items():
        assert all(holders[pk] == username for pk in pks)
    assert Event.objects.filter(verb="contact_claimed").count() == FAMILIES
    if connection.vendor == "postgresql":
        assert sum(1 for pks in claimed.values() if pks) > 1, "the claims did not run at once"


def test_sixteen_contacts_received_at_once_get_sixteen_different_references(make_user):
    officers = [make_user(f"officer{n}", Role.CONTACT_OFFICER) for n in range(CLAIMERS)]
    start = threading.Barrier(CLAIMERS)
    serialise = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    given: list[str] = []
    failures: list[BaseException] = []

    def receive(officer):
        try:
            start.wait(timeout=30)
            with serialise:
                given.append(f.received(officer).reference)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=receive, args=(o,)) for o in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    assert len(set(given)) == CLAIMERS
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in given)
    assert numbers == list(range(numbers[0], numbers[0] + CLAIMERS))  # no gaps, no repeats
