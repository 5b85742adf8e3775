"""The audit trail's hash chains, sealed after commit (../shared/SECURITY.md, 10; docs/adr/0005
and 0023).

Writers do not chain. Each row is written with its own MAC (an HMAC-SHA256 under the current
audit key of the key id and the row's canonical content), which needs no lock, so writers no
longer queue behind one chain head for the whole of their transactions. The **sealer**
(`seal_pending`) then chains the rows that have committed, one short transaction at a time: it
locks the chain's head, takes the rows written since it last ran, checks each row's MAC, and
appends one seal per row (`EventSeal`, `ViewSeal`): its position, the link before it and this
link's HMAC of the key id, that link and the row's content. Changing, removing or re-ordering a
sealed row, or a seal, breaks a link that a later seal or the head still holds.

Rows commit out of id order on PostgreSQL (ids are handed out when a row is inserted, not when
its transaction commits), so the sealer keeps the ranges of ids below the highest it has sealed
that it has not seen yet (`ChainHead.gaps`) and seals those rows when they appear, at the end of
the chain like any other. A range is forgotten after FRONTDOOR_AUDIT_GAP_HOURS: no transaction
here stays open that long, so its ids were rolled back.

`verify` walks the seals in order, then the rows with no seal: one older than
FRONTDOOR_AUDIT_SEAL_GRACE_MINUTES, or one whose MAC is not true, is a break. So a row cannot be
lost, altered, re-ordered or slipped in without the key, without `verify_audit` naming it.

When the sealer runs (FRONTDOOR_AUDIT_SEALING): `after_commit` seals as each writing transaction
commits (development and tests: no worker needed); `worker` leaves it to the task worker, which
seals after each batch of tasks, so a request never waits for it (production).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.audit.keys import AuditKey, current_key, verification_keys
from frontdoor.audit.models import ChainHead, Event, EventSeal, RecordView, ViewSeal

logger = logging.getLogger(__name__)

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


@dataclass(frozen=True)
class Chain:
    name: str
    model: type[models.Model]
    seal_model: type[models.Model]
    fields: tuple[str, ...]
    link: str  # the seal's field that names the row
    written_at: str  # the row's time field

    @property
    def table(self) -> str:
        return self.model._meta.db_table


CHAINS: dict[str, Chain] = {
    "event": Chain("event", Event, EventSeal, EVENT_FIELDS, "event", "occurred_at"),
    "recordview": Chain("recordview", RecordView, ViewSeal, VIEW_FIELDS, "view", "viewed_at"),
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
    fields = CHAINS[chain_name(type(row))].fields
    content = {name: _canonical(getattr(row, name)) for name in fields}
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def seal(key: AuditKey, prev_hash: str, content: str) -> str:
    """The HMAC-SHA256 of one link. The key id is inside the MAC, so a link cannot be relabelled
    as sealed by another key."""
    message = f"{key.id}\n{prev_hash}\n{content}".encode()
    return hmac.new(key.secret, message, hashlib.sha256).hexdigest()


def hash_of(prev_hash: str, row: models.Model, key: AuditKey) -> str:
    return seal(key, prev_hash, content_of(row))


def mac_of(row: models.Model, key: AuditKey) -> str:
    """The row's own MAC, made as it is written. "row" stands where a link has the hash before
    it (64 hex digits, or nothing), so a row's MAC is never also a link's."""
    return seal(key, "row", content_of(row))


def sign(row: Any, key: AuditKey) -> None:
    row.key_id = key.id
    row.mac = mac_of(row, key)


def _true_mac(row: Any, keys: dict[str, bytes]) -> bool:
    secret = keys.get(row.key_id)
    return bool(secret) and hmac.compare_digest(
        row.mac, mac_of(row, AuditKey(row.key_id, secret or b""))
    )


def lock_head(name: str) -> ChainHead:
    """The chain's head row, locked until the caller's transaction ends. Call inside atomic()."""
    ChainHead.objects.bulk_create([ChainHead(name=name)], ignore_conflicts=True)
    return ChainHead.objects.select_for_update().get(pk=name)


# --- Sealing --------------------------------------------------------------------------------

Gap = list[Any]  # [first id, last id, ISO time first seen]


def _without(gaps: list[Gap], found: set[int]) -> list[Gap]:
    """The gap ranges less the ids found in them."""
    left: list[Gap] = []
    for first, last, seen in gaps:
        start = first
        for pk in sorted(p for p in found if first <= p <= last):
            if pk > start:
                left.append([start, pk - 1, seen])
            start = pk + 1
        if start <= last:
            left.append([start, last, seen])
    return left


def _skipped(after: int, up_to: int, found: set[int], seen: str) -> list[Gap]:
    """The ranges of ids above `after` and below `up_to` that were not found."""
    return _without([[after + 1, up_to - 1, seen]], found) if up_to - after > 1 else []


def _seal_batch(chain: Chain, key: AuditKey, keys: dict[str, bytes], limit: int) -> int:
    """One pass, in one short transaction: seal up to `limit` committed rows. Returns how many
    rows it looked at (sealed, or refused for a false MAC)."""
    now = timezone.now()
    with transaction.atomic():
        head = lock_head(chain.name)
        wanted = Q(pk__gt=head.last_id)
        for first, last, _seen in head.gaps:
            wanted |= Q(pk__range=(first, last))
        rows = list(
            chain.model._default_manager.filter(wanted)
            .filter(seal__isnull=True)
            .order_by("pk")[:limit]
        )
        if not rows and not head.gaps:
            return 0
        found = {row.pk for row in rows}
        top = max([head.last_id, *found])
        gaps = _without(head.gaps, found) + _skipped(head.last_id, top, found, now.isoformat())
        forget_before = now - timedelta(hours=settings.FRONTDOOR_AUDIT_GAP_HOURS)
        gaps = [g for g in gaps if datetime.fromisoformat(g[2]) >= forget_before]
        seals = []
        position, prev = head.last_position, head.last_hash
        for row in rows:
            if not _true_mac(row, keys):
                # Not written by Frontdoor with a key it holds: never chained; verify names it.
                logger.error("audit: %s row %s has a false MAC; not sealed", chain.table, row.pk)
                continue
            position += 1
            link = hash_of(prev, row, key)
            seals.append(
                chain.seal_model(
                    position=position,
                    key_id=key.id,
                    prev_hash=prev,
                    row_hash=link,
                    sealed_at=now,
                    **{chain.link: row},
                )
            )
            prev = link
        chain.seal_model._default_manager.bulk_create(seals)
        ChainHead.objects.filter(pk=chain.name).update(
            last_id=top, last_position=position, last_hash=prev, gaps=gaps
        )
        return len(rows)


def seal_pending(name: str, limit: int = 5000) -> int:
    """Seal every row of one chain committed and not sealed yet. Returns how many it sealed
    or refused."""
    chain = CHAINS[name]
    key, keys = current_key(), verification_keys()
    done = 0
    while looked := _seal_batch(chain, key, keys, limit):
        done += looked
        if looked < limit:
            break
    return done


def seal_everything() -> int:
    return sum(seal_pending(name) for name in CHAINS)


def _seal_after_commit() -> None:
    seal_everything()


def written() -> None:
    """A writer has written audit rows in the current transaction: have them sealed."""
    if settings.FRONTDOOR_AUDIT_SEALING != "after_commit":
        return
    from django.db import connection

    if any(entry[1] is _seal_after_commit for entry in connection.run_on_commit):
        return  # already asked for, in this transaction
    # robust: a sealer that fails (the database gone) must not turn a change that committed
    # into an error page; the next sealing, the worker's or verify_audit's, seals these rows.
    transaction.on_commit(_seal_after_commit, robust=True)


# --- Verifying ------------------------------------------------------------------------------


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
    unsealed: int = 0  # rows written within the grace time, not sealed yet (each MAC true)


def _seals(chain: Chain) -> Iterator[Any]:
    return (
        chain.seal_model._default_manager.select_related(chain.link)
        .order_by("position")
        .iterator(chunk_size=2000)
    )


def _check_link(
    chain: Chain, seal_row: Any, prev: str, keys: dict[str, bytes]
) -> Break | MissingKey | None:
    row = getattr(seal_row, chain.link)
    if seal_row.prev_hash != prev:
        return Break(chain.table, row.pk, "does not follow the row before it (a row is missing)")
    if not seal_row.key_id:
        return Break(chain.table, row.pk, "is not sealed with an audit key")
    secret = keys.get(seal_row.key_id)
    if secret is None:
        return MissingKey(chain.table, row.pk, seal_row.key_id)
    if not hmac.compare_digest(
        seal_row.row_hash, hash_of(prev, row, AuditKey(seal_row.key_id, secret))
    ):
        return Break(chain.table, row.pk, "has been altered since it was written")
    return None


def _check_unsealed(chain: Chain, keys: dict[str, bytes]) -> Break | int:
    """The rows with no seal: each must be recent and carry a true MAC. Returns their count."""
    grace = timezone.now() - timedelta(minutes=settings.FRONTDOOR_AUDIT_SEAL_GRACE_MINUTES)
    unsealed = chain.model._default_manager.filter(seal__isnull=True).order_by("pk")
    count = 0
    for row in unsealed.iterator(chunk_size=2000):
        if not _true_mac(row, keys):
            return Break(chain.table, row.pk, "was not written with an audit key (a forged row)")
        if getattr(row, chain.written_at) < grace:
            return Break(chain.table, row.pk, "was never sealed into the chain")
        count += 1
    return count


def verify(name: str, keys: dict[str, bytes] | None = None) -> Proof | Break | MissingKey:
    """Walk one chain's seals from the first; then the rows not sealed yet. The first thing
    that does not fit is the answer. `keys` (id to secret) defaults to every configured key."""
    chain = CHAINS[name]
    keys = verification_keys() if keys is None else keys
    prev = ""
    count = 0
    last_row: int | None = None
    for seal_row in _seals(chain):
        problem = _check_link(chain, seal_row, prev, keys)
        if problem is not None:
            return problem
        prev = seal_row.row_hash
        last_row = getattr(seal_row, f"{chain.link}_id")
        count += 1
    head = ChainHead.objects.filter(pk=name).first()
    head_hash, head_position = (head.last_hash, head.last_position) if head else ("", 0)
    if (head_hash, head_position) != (prev, count):
        if last_row is None:
            return Break(chain.table, None, "rows have been removed")
        return Break(chain.table, last_row, "rows after this one have been removed")
    unsealed = _check_unsealed(chain, keys)
    if isinstance(unsealed, Break):
        return unsealed
    return Proof(chain.table, count, prev, unsealed)
