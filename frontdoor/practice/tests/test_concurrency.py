"""Two workers add to a child's analysis at the same moment, on real concurrent connections
(PostgreSQL): one analysis is created, and both workers' entries are in it. Nothing is lost,
because extending only inserts; the second creator meets the one-open-analysis constraint and
joins the first one's."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from frontdoor.practice.models import Analysis, Entry
from frontdoor.practice.rules import Stage

from .factories import add, open_contact

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database_first"),
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent connections")
def test_two_workers_starting_the_analysis_at_once_both_keep_their_entries(screener, manager):
    person = open_contact(screener).person
    start = threading.Barrier(2)
    errors: list[Exception] = []

    def extend(user, stage, text):
        try:
            start.wait()
            add(user, person, stage, worries=text)
        except Exception as exc:  # noqa: BLE001 (reported below, with the thread's own error)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=extend, args=(screener, Stage.SCREENING, "Alice's worry")),
        threading.Thread(target=extend, args=(manager, Stage.DECISION, "Maya's worry")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert Analysis.objects.filter(person=person).count() == 1
    assert sorted(Entry.objects.values_list("text", flat=True)) == ["Alice's worry", "Maya's worry"]
