"""Writing the outbox: called only by the audit trail's writer (frontdoor/audit/actions.py), in
the same transaction as the audit event and so as the change itself (docs/adr/0029)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from django.db import connection

from frontdoor.outbox.models import IntegrationEvent
from frontdoor.outbox.types import Published, published

# The writing transaction's id on PostgreSQL (a 64-bit xid8, which never wraps), computed by
# the INSERT itself: no query of its own. 0 on SQLite, where one transaction writes at a time
# and ids commit in order (docs/adr/0029).
CURRENT_TRANSACTION = {"postgresql": "pg_current_xact_id()::text::bigint"}
# The columns the writer fills (the id is the database's; txid is computed, above).
COLUMNS = ("event_id", "type", "subject", "occurred_at", "person_id", "audit_event_id", "data")
ROWS_PER_STATEMENT = 500


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
    """Write the events for these audit rows in the caller's transaction: one INSERT statement
    for up to ROWS_PER_STATEMENT events, whatever the number (a police import chunk writes
    hundreds at once), and no other query."""
    events = events_for(rows)
    if events:
        _insert(events)
    return len(events)


def _insert(events: list[IntegrationEvent]) -> None:
    """A multi-row INSERT written here rather than by `bulk_create`: the ORM's compiler cost
    several times the database's own work for the one or two events most actions write
    (docs/benchmarks.md, "Integration events"), and nothing needs the new rows' ids back."""
    meta = IntegrationEvent._meta
    concrete = {f.name: f for f in meta.concrete_fields}
    fields = [concrete[name] for name in COLUMNS]
    quote = connection.ops.quote_name
    txid = CURRENT_TRANSACTION.get(connection.vendor, "0")
    columns = ", ".join([*(quote(str(f.column)) for f in fields), quote("txid")])
    row = "(" + ", ".join(["%s"] * len(fields)) + f", {txid})"
    limit = connection.features.max_query_params or ROWS_PER_STATEMENT * len(fields)
    per_statement = max(1, min(ROWS_PER_STATEMENT, limit // len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(events), per_statement):
            chunk = events[start : start + per_statement]
            values = ", ".join([row] * len(chunk))
            params = [
                f.get_db_prep_save(getattr(event, f.attname), connection)
                for event in chunk
                for f in fields
            ]
            # Every name here is the model's own, quoted; every value is a parameter.
            sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {values}"  # noqa: S608
            cursor.execute(sql, params)
