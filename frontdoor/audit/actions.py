"""The only writers of the audit trail.

`record_event` is called by domain actions inside their own transaction, so the change and its
event commit or fail together. `record_view` is called by the `get_*_for` readers; it raises if
the row cannot be written, and the caller then shows no page (fail closed).

Each event a system outside may need (frontdoor/outbox/types.py) is written to the outbox beside
it, in the same atomic block: the change, its audit event and its integration event commit or
fail together (docs/adr/0029).

Each row is written with its own MAC under the current audit key and takes no lock; the sealer
chains it after it commits (frontdoor/audit/chain.py, docs/adr/0023).
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import connection, transaction
from django.utils import timezone

from frontdoor.audit import chain
from frontdoor.audit.context import current_request_id
from frontdoor.audit.keys import current_key
from frontdoor.audit.models import Event, RecordView, Severity, ViewKind
from frontdoor.audit.signals import events_recorded
from frontdoor.bulk.insert import insert_rows_returning_ids
from frontdoor.outbox.writer import publish

Row = TypeVar("Row", Event, RecordView)

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.contacts.models import Contact, FamilyContact
    from frontdoor.people.models import Person


def record_event(
    *,
    actor: User | None,
    verb: str,
    person: Person | None = None,
    family_contact: FamilyContact | None = None,
    contact: Contact | None = None,
    data: dict[str, Any] | None = None,
    reason: str = "",
    severity: str = Severity.NORMAL,
) -> Event:
    # The contact's child, when the event names only the contact (a contact received about a
    # child already known): the outbox needs it to keep a restricted child's events back.
    child = person.pk if person is not None else getattr(contact, "person_id", None)
    with _both_or_neither():
        event = _append(
            Event(
                occurred_at=timezone.now(),
                actor=actor,
                verb=verb,
                person=person,
                family_contact=family_contact,
                contact=contact,
                data=data or {},
                reason=reason,
                severity=severity,
                request_id=current_request_id(),
            )
        )
        publish([(event, child)])
    return event


def record_events(events: list[Event]) -> list[Event]:
    """Append many events at once (a bulk import writes thousands: one insert statement, not one
    round trip each). Call inside the caller's transaction, like `record_event`; the events'
    `occurred_at` and `request_id` are set here."""
    if not events:
        return events
    now = timezone.now()
    request_id = current_request_id()
    key = current_key()
    for row in events:
        row.occurred_at = now
        row.request_id = request_id
        chain.sign(row, key)
    with _both_or_neither():
        _insert(events)
        publish((row, row.person_id) for row in events)
        # The rollups kept from these events, in the same transaction (ADR 0024).
        events_recorded.send(Event, events=events)
    chain.written()
    return events


# Every column an event is written with: the content its MAC covers, then the MAC.
INSERTED = (*chain.EVENT_FIELDS, "mac", "key_id")


def _insert(events: list[Event]) -> None:
    """Write the events with plain multi-row INSERTs that return their ids (bulk/insert.py):
    the ORM's `bulk_create` prepared each of their dozen values through the model's fields, about
    a fifth of a police import's writing (docs/benchmarks.md, "Fifth pass"). Each value is the
    field's own conversion for this database, as the ORM writes it, so what is stored, and read
    back by the sealer and `verify`, is the content the MAC was made over."""
    ids = insert_rows_returning_ids(
        Event, INSERTED, [[getattr(row, name) for name in INSERTED] for row in events]
    )
    for row, pk in zip(events, ids, strict=True):
        row.pk = pk
        row._state.adding = False
        row._state.db = connection.alias


def _both_or_neither() -> AbstractContextManager[object]:
    """The audit row and its integration event in one transaction: the action's own (as
    always: nothing to add, and a failure is the action's to roll back), or one made here."""
    if transaction.get_connection().in_atomic_block:
        return nullcontext()
    return transaction.atomic()


def record_view(
    *,
    user: User,
    kind: str = ViewKind.CHILD_RECORD,
    person: Person | None = None,
    family_contact: FamilyContact | None = None,
    path: str = "",
) -> RecordView:
    return _append(
        RecordView(
            viewed_at=timezone.now(),
            user=user,
            role=user.role,
            organisation=user.agency.name if user.agency_id and user.agency else "",
            person=person,
            family_contact=family_contact,
            kind=kind,
            request_id=current_request_id(),
            path=path[:300],
        )
    )


def _append(row: Row) -> Row:
    """Sign the row with the current audit key and insert it; the sealer chains it once the
    surrounding transaction commits. Without a usable key nothing is written (fail closed)."""
    chain.sign(row, current_key())
    row.save(force_insert=True)
    chain.written()
    if isinstance(row, Event):
        events_recorded.send(Event, events=[row])
    return row
