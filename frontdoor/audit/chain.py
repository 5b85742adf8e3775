"""The audit trail's hash chain (../shared/SECURITY.md, 10; docs/adr/0005).

Each row stores the hash of the row before it (`prev_hash`), its own hash (`row_hash`) and the
id of the audit key that sealed it (`key_id`). The row's hash is an HMAC-SHA256, under that key,
of the key id, `prev_hash` and the row's content in a canonical form. Changing, removing or
re-ordering any row, directly in the database, changes a hash that a later row or the chain
head (`ChainHead`) still holds, and `manage.py verify_audit` names the first row where the
chain stops matching.

The triggers (migration 0002) already refuse UPDATE and DELETE; the chain is what proves,
afterwards, that nobody with the power to drop a trigger used it. A plain hash could be
recomputed by that same person; the key is held outside the database
(frontdoor/audit/keys.py), so recomputing the chain needs the key as well.

`seal` is a pure function of the key and the text: the writers (actions.py) chain under the
head's lock today, and a single sealer after commit could call it just the same.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import models

from frontdoor.audit.keys import AuditKey, verification_keys
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


def seal(key: AuditKey, prev_hash: str, content: str) -> str:
    """The HMAC-SHA256 of one link. The key id is inside the MAC, so a row cannot be relabelled
    as sealed by another key."""
    message = f"{key.id}\n{prev_hash}\n{content}".encode()
    return hmac.new(key.secret, message, hashlib.sha256).hexdigest()


def hash_of(prev_hash: str, row: models.Model, key: AuditKey) -> str:
    return seal(key, prev_hash, content_of(row))


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
class MissingKey:
    """A row sealed with a key that is not configured: the chain cannot be checked past it."""

    table: str
    row_id: int
    key_id: str

    def __str__(self) -> str:
        return (
            f"{self.table} row {self.row_id}: is sealed with audit key {self.key_id!r}, which is "
            f"not in FRONTDOOR_AUDIT_KEYS. Add key {self.key_id!r} to verify it; if no key of "
            "that id was ever issued, the row is forged"
        )


@dataclass(frozen=True)
class Proof:
    table: str
    rows: int
    head_hash: str


def _rows(model: type[models.Model]) -> Iterator[Any]:
    return model._default_manager.order_by("pk").iterator(chunk_size=2000)


def _check_row(
    table: str, row: Any, prev: str, keys: dict[str, bytes]
) -> Break | MissingKey | None:
    if row.prev_hash != prev:
        return Break(table, row.pk, "does not follow the row before it (a row is missing)")
    if not row.key_id:
        # Every row has been sealed with a key since migration 0005; an unkeyed one is a row
        # someone hashed without the key.
        return Break(table, row.pk, "is not sealed with an audit key")
    secret = keys.get(row.key_id)
    if secret is None:
        return MissingKey(table, row.pk, row.key_id)
    if not hmac.compare_digest(row.row_hash, hash_of(prev, row, AuditKey(row.key_id, secret))):
        return Break(table, row.pk, "has been altered since it was written")
    return None


def verify(name: str, keys: dict[str, bytes] | None = None) -> Proof | Break | MissingKey:
    """Walk one chain from its first row. The first row that does not fit is the answer.
    `keys` (id to secret) defaults to every configured audit key."""
    model, _ = CHAINS[name]
    keys = verification_keys() if keys is None else keys
    table = model._meta.db_table
    prev = ""
    count = 0
    last_id: int | None = None
    for row in _rows(model):
        problem = _check_row(table, row, prev, keys)
        if problem is not None:
            return problem
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
