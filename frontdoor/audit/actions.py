"""The only writers of the audit trail.

`record_event` is called by domain actions inside their own transaction, so the change and its
event commit or fail together. `record_view` is called by the `get_*_for` readers; it raises if
the row cannot be written, and the caller then shows no page (fail closed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import transaction
from django.utils import timezone

from frontdoor.audit.chain import chain_name, hash_of, lock_head
from frontdoor.audit.context import current_request_id
from frontdoor.audit.keys import current_key
from frontdoor.audit.models import ChainHead, Event, RecordView, Severity, ViewKind

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
    return _append(
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


def record_events(events: list[Event]) -> list[Event]:
    """Append many events at once, chained in order under one lock of the head (a bulk import
    writes thousands: one insert statement, not one round trip each). Call inside the caller's
    transaction, like `record_event`; the events' `occurred_at` and `request_id` are set here."""
    if not events:
        return events
    now = timezone.now()
    request_id = current_request_id()
    key = current_key()
    with transaction.atomic():
        head = lock_head(chain_name(Event))
        previous = head.last_hash
        for row in events:
            row.occurred_at = now
            row.request_id = request_id
            row.key_id = key.id
            row.prev_hash = previous
            row.row_hash = previous = hash_of(previous, row, key)
        Event.objects.bulk_create(events)
        last = events[-1]
        if last.pk is None:  # a database that does not return ids from a bulk insert
            last = Event.objects.filter(row_hash=last.row_hash).only("pk").get()
        ChainHead.objects.filter(pk=head.pk).update(last_id=last.pk, last_hash=previous)
    return events


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
    """Chain the row onto its table's hash chain, sealed with the current audit key, and insert
    it, holding the chain's head row locked until the surrounding transaction ends, so
    concurrent writers queue one by one. Without a usable key nothing is written (fail closed)."""
    name = chain_name(type(row))
    key = current_key()
    with transaction.atomic():
        head = lock_head(name)
        row.key_id = key.id
        row.prev_hash = head.last_hash
        row.row_hash = hash_of(head.last_hash, row, key)
        row.save(force_insert=True)
        ChainHead.objects.filter(pk=name).update(last_id=row.pk, last_hash=row.row_hash)
    return row
