"""Events written in bulk (`record_events`: a police import's thousands) go in with plain
multi-row INSERTs, not the ORM. What is stored must be exactly what each row's MAC was made over,
and each Python row must carry its own stored row's id, on both databases: otherwise the sealer
refuses the rows and `verify_audit` reports the trail forged (docs/benchmarks.md, "Fifth pass").
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from frontdoor.audit.actions import record_event, record_events
from frontdoor.audit.chain import Proof, content_of, mac_of, seal_everything, verify
from frontdoor.audit.keys import current_key
from frontdoor.audit.models import Event, EventSeal, Severity
from frontdoor.contacts.tests.factories import only_child, person, received
from frontdoor.outbox.models import IntegrationEvent

pytestmark = pytest.mark.django_db

# Content a database could store differently from how it was built: non-ASCII and quoted text,
# control characters, nested JSON, numbers of every kind, nothing at all.
AWKWARD: list[dict[str, object]] = [
    {},
    {"name": "Zoë O'Brien-Ñúñez", "quote": 'say "hello"; DROP TABLE x; --'},
    {"lines": "first\nsecond\r\nthird\ttab", "emoji": "👶🏽", "backslash": "C:\\temp\\a"},
    {"nested": {"b": [1, 2.5, None, True, False], "a": {"z": "", "y": [[]]}}},
    {"big": 2**53 + 1, "negative": -7, "small": 1e-7, "score": 0.91, "zero": 0.0},
    {"unicode_key_é": "value", "children": 3, "match_score": None},
]


def _stored(pk: int) -> Event:
    return Event.objects.get(pk=pk)


def test_every_event_written_in_bulk_is_stored_as_its_mac_says(screener):
    child = person("Zoë", "O'Brien")
    family = received(screener)
    contact = only_child(family)
    events = record_events(
        [
            Event(
                actor=screener if n % 2 else None,
                verb=f"row_{n}_imported",
                severity=Severity.HIGH if n == 3 else Severity.NORMAL,
                person=child if n % 3 == 0 else None,
                family_contact=family if n % 2 == 0 else None,
                contact=contact if n == 4 else None,
                data=data,
                reason="Because: «reason» ✓" if n == 1 else "",
            )
            for n, data in enumerate(AWKWARD)
        ]
    )
    key = current_key()
    for event in events:
        stored = _stored(event.pk)
        # The row read back is the row built: the same content, so the same MAC.
        assert content_of(stored) == content_of(event)
        assert stored.mac == event.mac == mac_of(stored, key)
        assert stored.data == event.data
    seal_everything()
    proof = verify("event")
    assert isinstance(proof, Proof) and proof.unsealed == 0
    assert EventSeal.objects.count() == Event.objects.count()


def test_each_event_gets_its_own_id_across_many_statements(screener):
    """More rows than one INSERT takes: each Python row holds the id of its own stored row, in
    the order given, with rows written one at a time before and after."""
    before = record_event(actor=screener, verb="contact_received")
    bulk = record_events(
        [Event(actor=screener, verb=f"row_{n}_imported", data={"n": n}) for n in range(1_234)]
    )
    after = record_event(actor=screener, verb="screening_recorded")
    ids = [e.pk for e in bulk]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert before.pk < ids[0] and ids[-1] < after.pk
    stored = dict(Event.objects.filter(pk__in=ids).values_list("pk", "data"))
    assert all(stored[e.pk] == {"n": n} for n, e in enumerate(bulk))
    assert all(not e._state.adding for e in bulk)
    seal_everything()
    proof = verify("event")
    assert isinstance(proof, Proof) and proof.rows == 1_236


def test_the_integration_events_name_the_audit_events_they_came_from(screener):
    child = person()
    family = received(screener)
    contact = only_child(family)
    published = record_events(
        [
            Event(
                actor=screener,
                verb="contact_received",
                family_contact=family,
                contact=contact,
                person=child,
                data={"source": "6", "police_reference": f"REF/{n}"},
            )
            for n in range(3)
        ]
    )
    outbox = IntegrationEvent.objects.filter(audit_event_id__in=[e.pk for e in published])
    assert sorted(outbox.values_list("audit_event_id", flat=True)) == [e.pk for e in published]
    for event in published:
        assert outbox.get(audit_event_id=event.pk).occurred_at == event.occurred_at


def test_a_bulk_write_with_nothing_to_write_writes_nothing():
    assert record_events([]) == []
    assert not Event.objects.exists()


def test_events_written_in_bulk_keep_the_time_they_were_written(screener):
    events = record_events([Event(actor=screener, verb="row_imported")])
    stored = _stored(events[0].pk)
    assert stored.occurred_at == events[0].occurred_at
    assert stored.occurred_at.tzinfo is not None
    assert stored.occurred_at <= datetime.now(UTC)
