"""Writing the outbox: called only by the audit trail's writer (frontdoor/audit/actions.py), in
the same transaction as the audit event and so as the change itself (docs/adr/0029)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from django.db.models import Func, IntegerField

from frontdoor.outbox.models import IntegrationEvent
from frontdoor.outbox.types import Published, published


class CurrentTransaction(Func):
    """The writing transaction's id on PostgreSQL (a 64-bit xid8, which never wraps); 0 on
    SQLite, where one transaction writes at a time and ids commit in order."""

    template = "0"
    output_field = IntegerField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        return "pg_current_xact_id()::text::bigint", []


class AuditRow(Protocol):
    pk: Any
    verb: str
    occurred_at: datetime
    person_id: Any
    contact_id: Any
    family_contact_id: Any
    data: dict[str, Any]


def events_for(rows: Iterable[tuple[AuditRow, UUID | None]]) -> list[IntegrationEvent]:
    """The integration events for these audit rows (each with the child it is about, which the
    caller may know better than the row: a contact's child before it is on the event)."""
    made = []
    for row, child in rows:
        what = published(row.verb)
        if what is None:
            continue
        data: dict[str, Any] = {
            "child": str(child) if child else None,
            "contact": str(row.contact_id) if row.contact_id else None,
            "family_contact": str(row.family_contact_id) if row.family_contact_id else None,
        }
        data.update(
            {what.renamed.get(key, key): row.data[key] for key in what.keys if key in row.data}
        )
        made.append(
            IntegrationEvent(
                type=what.type_for(row.data),
                subject=_subject(child, row, what),
                occurred_at=row.occurred_at,
                person_id=child,
                audit_event_id=row.pk,
                txid=CurrentTransaction(),
                data=data,
            )
        )
    return made


def _subject(child: UUID | None, row: AuditRow, what: Published) -> str:
    """What the event is about: the child; before the child is known, the contact or the
    record the type names (a missing episode), which a later `*.child_linked` ties to it."""
    if child:
        return f"children/{child}"
    if row.contact_id:
        return f"contacts/{row.contact_id}"
    if what.about and row.data.get(what.about[1]):
        return f"{what.about[0]}/{row.data[what.about[1]]}"
    return ""


def publish(rows: Iterable[tuple[AuditRow, UUID | None]]) -> int:
    """Write the events for these audit rows in the caller's transaction: one insert."""
    events = events_for(rows)
    if events:
        IntegrationEvent.objects.bulk_create(events)
    return len(events)
