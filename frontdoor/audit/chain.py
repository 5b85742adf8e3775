"""The audit trail's hash chain (../shared/SECURITY.md, 10).

Each row stores the hash of the row before it (`prev_hash`) and its own hash (`row_hash`): the
SHA-256 of `prev_hash` and the row's content in a canonical form. Changing, removing or
re-ordering any row, directly in the database, changes a hash that a later row or the chain
head (`ChainHead`) still holds, and `manage.py verify_audit` names the first row where the
chain stops matching.

The triggers (migration 0002) already refuse UPDATE and DELETE; the chain is what proves,
afterwards, that nobody with the power to drop a trigger used it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import models

from frontdoor.audit.models import ChainHead, Event, RecordView

EVENT_FIELDS = (
    "occurred_at",
    "actor_id",
    "verb",
    "severity",
    "person_id",
    "family_contact_id",
    "contact_id",
    "data",
    "reason",
    "request_id",
)
VIEW_FIELDS = (
    "viewed_at",
    "user_id",
    "role",
    "organisation",
    "person_id",
    "family_contact_id",
    "kind",
    "request_id",
    "path",
)
CHAINS: dict[str, tuple[type[models.Model], tuple[str, ...]]] = {
    "event": (Event, EVENT_FIELDS),
    "recordview": (RecordView, VIEW_FIELDS),
}


def chain_name(model: type[models.Model]) -> str:
    return model._meta.model_name or ""


def _canonical(value: Any) -> Any:
    # The same value must give the same text whether it was just built in Python or read back
    # from SQLite or PostgreSQL: times in UTC with microseconds, ids as text.
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if value is None:
        return None
    if isinstance(value, dict | list | str | int | float | bool):
        return value
    return str(value)


def content_of(row: models.Model) -> str:
    fields = CHAINS[chain_name(type(row))][1]
    content = {name: _canonical(getattr(row, name)) for name in fields}
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def hash_of(prev_hash: str, row: models.Model) -> str:
    return hashlib.sha256(f"{prev_hash}\n{content_of(row)}".encode()).hexdigest()


def lock_head(name: str) -> ChainHead:
    """The chain's head row, locked until the caller's transaction ends. Call inside atomic()."""
    ChainHead.objects.bulk_create([ChainHead(name=name)], ignore_conflicts=True)
    return ChainHead.objects.select_for_update().get(pk=name)


@dataclass(frozen=True)
class Break:
    table: str
    row_id: int | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.table} row {self.row_id}" if self.row_id is not None else self.table
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class Proof:
    table: str
    rows: int
    head_hash: str


def _rows(model: type[models.Model]) -> Iterator[Any]:
    return model._default_manager.order_by("pk").iterator(chunk_size=2000)


def verify(name: str) -> Proof | Break:
    """Walk one chain from its first row. The first row that does not fit is the answer."""
    model, _ = CHAINS[name]
    table = model._meta.db_table
    prev = ""
    count = 0
    last_id: int | None = None
    for row in _rows(model):
        if row.prev_hash != prev:
            return Break(table, row.pk, "does not follow the row before it (a row is missing)")
        if row.row_hash != hash_of(prev, row):
            return Break(table, row.pk, "has been altered since it was written")
        prev = row.row_hash
        last_id = row.pk
        count += 1
    head = ChainHead.objects.filter(pk=name).first()
    head_hash = head.last_hash if head else ""
    head_id = head.last_id if head else 0
    if (head_hash, head_id) != (prev, last_id or 0):
        if last_id is None:
            return Break(table, None, "rows have been removed")
        return Break(table, last_id, "rows after this one have been removed")
    return Proof(table, count, prev)
