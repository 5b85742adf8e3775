"""Importing a force's batch: fast, exact and idempotent (issue 5; ../shared/SECURITY.md, 26).

- Every row is checked first (parsing.py); a bad row is kept as a rejected `BatchRow` naming
  each field, and the good rows still import.
- A notification is found again by its force, kind and police reference. The same row again
  changes nothing ("unchanged"); a changed row updates the notification, and its audit event
  lists each field that changed, from and to.
- A batch is accepted at once (`receive_batch`: status "queued", its rows kept as sent) and
  imported by the task worker (`import_received_batch`), never inside the web request: 20,000
  rows take longer than a web worker may (issue 15).
- Rows are written in chunks, each chunk one transaction that also moves the batch's live
  counts on: a killed import leaves whole rows only. A batch whose import stops ("importing"
  with no progress) is marked failed by the scheduler (`fail_stuck_batches`), saying how far
  it got. Sending it again finishes the job, because every row already imported is found
  unchanged.
- A new row is created in bulk (build.py): a handful of statements per chunk, not per row.
"""

from __future__ import annotations

import gc
import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.access.policies import require
from frontdoor.access.records import as_the_system
from frontdoor.agencies.models import AgencyKind
from frontdoor.audit.actions import record_event
from frontdoor.bulk.insert import insert_rows
from frontdoor.govuk.text import storable_values
from frontdoor.missing import actions as missing
from frontdoor.police.actions.build import (
    Receipt,
    children_matched,
    create_notifications,
    notification_fields,
)
from frontdoor.police.models import Batch, BatchRow, Notification, QueuedRows
from frontdoor.police.parsing import FieldError, Row, parse_row
from frontdoor.police.workflow import (
    BATCH,
    BatchStatus,
    RowOutcome,
    batch_is_stuck,
)
from frontdoor.workflow.compare_and_set import move
from frontdoor.workflow.errors import IllegalTransition, StaleRecord
from frontdoor.workflow.errors import NotReady as MissingNotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.agencies.models import Agency

logger = logging.getLogger(__name__)
CHUNK = 500
# (kind, row number, the row or its errors, the reference as sent)
Parsed = tuple[str, int, Row | list[FieldError], str]


def require_batch_sender(by: User, force: Agency) -> None:
    """MASH staff import any force's batch; a police force's own system sends its own only."""
    if by.role == Role.PARTNER:
        require(by, "send_police_batch")
        if by.agency_id != force.pk:
            raise PermissionDenied("A police force can send its own notifications only.")
    else:
        require(by, "import_police_batch")
    if force.kind != AgencyKind.POLICE:
        raise PermissionDenied("Notifications in a police batch come from a police force.")


def receive_batch(
    *,
    by: User,
    force: Agency,
    rows: list[tuple[str, int, dict[str, Any]]],
    source: str,
    filename: str = "",
    kind: str = "",
    queue: bool = True,
) -> Batch:
    """Accept a batch of (kind, row number, raw row) at once: the batch, "queued", with its
    rows kept for the task worker, which imports it after this commits (`queue=False`: the
    caller imports it itself)."""
    require_batch_sender(by, force)
    now = timezone.now()
    with transaction.atomic():
        batch = Batch.objects.create(
            agency=force,
            kind=kind,
            source=source,
            filename=filename[:200],
            received_at=now,
            received_by=by,
            rows_total=len(rows),
            status=BatchStatus.QUEUED,
        )
        # Every text made storable first (a NUL cannot be stored, even to wait): a value that
        # is not is reported against its field when the row is checked (govuk/text.py).
        QueuedRows.objects.create(
            batch=batch, rows=[[k, n, storable_values(raw)] for k, n, raw in rows]
        )
        record_event(
            actor=by,
            verb="police_batch_received",
            data={"batch": str(batch.pk), "force": force.name, "source": source, "rows": len(rows)},
        )
        if queue:
            from frontdoor.police.tasks import import_police_batch

            transaction.on_commit(lambda: import_police_batch.enqueue(str(batch.pk)))
    return batch


def import_batch(
    *,
    by: User,
    force: Agency,
    rows: list[tuple[str, int, dict[str, Any]]],
    source: str,
    filename: str = "",
    kind: str = "",
) -> Batch:
    """Receive a batch and import it now, in this process (benchmarks, tests, commands)."""
    batch = receive_batch(
        by=by, force=force, rows=rows, source=source, filename=filename, kind=kind, queue=False
    )
    return import_received_batch(batch.pk)


def import_received_batch(batch_id: Any) -> Batch:
    """Import a received batch, a chunk at a time (the task worker calls this). Does nothing to
    a batch that another worker has started or that has finished."""
    now = timezone.now()
    batch = Batch.objects.select_related("received_by", "agency").get(pk=batch_id)
    if not _move(batch, "start_import", progress_at=now):
        return batch
    by, force = batch.received_by, batch.agency
    try:
        queued = QueuedRows.objects.get(batch=batch)
        rows = [(k, n, raw) for k, n, raw in queued.rows]
        parsed = _without_repeats(
            [(k, n, parse_row(k, raw, now=now), _reference_as_sent(raw)) for k, n, raw in rows]
        )
        receipt = Receipt.starting(now)
        with _fewer_collections():
            for start in range(0, len(parsed), CHUNK):
                # Each child is matched against every child on record and linked to the one
                # it is about, a restricted child too (as the system: access/records.py).
                # What the sender sees afterwards is read as them, so a restricted child is a
                # placeholder.
                with transaction.atomic(), as_the_system():
                    _import_chunk(by, force, batch, parsed[start : start + CHUNK], receipt)
                    _count(batch, progress_at=timezone.now())
    except Exception:
        # A bug, not the sender's mistake: say so on the batch rather than leave it importing.
        logger.exception("police batch %s: the import failed", batch.pk)
        fail_import(batch, reason=_stopped(batch, "at an unexpected error"))
        raise
    return _finish(by, batch)


@contextmanager
def _fewer_collections(first_generation: int = 50_000) -> Iterator[None]:
    """Run the cyclic garbage collector less often while a batch is imported.

    A batch keeps every row, as sent and as parsed, alive until it ends (20,000 rows at most),
    and each chunk makes hundreds of thousands of short-lived objects, so Python's collector,
    left at its default (a young collection every 700 allocations, a full one as the old heap
    grows), walked that growing heap again and again: 1.3 s of 10.2 s of CPU at 3,000
    notifications (docs/benchmarks.md). Most of what a chunk makes is freed by reference
    counting anyway; the collector only finds cycles, and still does, every 50,000
    allocations. The thresholds before are put back, whatever happens."""
    before = gc.get_threshold()
    gc.set_threshold(max(first_generation, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def fail_import(batch: Batch, *, reason: str, by: User | None = None) -> bool:
    """Mark a batch failed, saying why; its rows waiting are let go. False if it had already
    finished (or failed)."""
    with transaction.atomic():
        if not _move(batch, "fail_import", finished_at=timezone.now(), failure_reason=reason):
            return False
        QueuedRows.objects.filter(batch=batch).delete()
        record_event(
            actor=by,
            verb="police_batch_failed",
            data={"batch": str(batch.pk), "force": batch.agency.name, "reason": reason},
        )
    return True


def fail_stuck_batches(*, now: datetime | None = None) -> int:
    """Mark failed each batch whose import has stopped making progress (its worker was killed
    or restarted). Run by the scheduler every few minutes."""
    moment = now or timezone.now()
    limit = timedelta(minutes=settings.FRONTDOOR_STUCK_BATCH_MINUTES)
    failed = 0
    for batch in Batch.objects.filter(status=BatchStatus.IMPORTING).select_related("agency"):
        if batch_is_stuck(batch.status, batch.progress_at, moment, limit):
            failed += fail_import(batch, reason=_stopped(batch, "and made no progress"))
    return failed


def _stopped(batch: Batch, how: str) -> str:
    batch.refresh_from_db()
    done = batch.created + batch.updated + batch.unchanged + batch.rejected
    return (
        f"The import stopped {how} after {done:,} of {batch.rows_total:,} rows. "
        "Every row counted was imported whole. Send the batch again to import the rest: "
        "rows already imported will be found unchanged."
    )


def _move(batch: Batch, step: str, **fields: Any) -> bool:
    """Take `step` by the kernel's compare-and-set; False if another process moved the batch
    first (a second worker, or the scheduler failing a stuck import)."""
    try:
        move(batch, BATCH, step, **fields)
    except (StaleRecord, IllegalTransition):
        return False
    return True


def _count(batch: Batch, **fields: Any) -> None:
    """The batch's live counts, from its rows so far (in the chunk's transaction)."""
    counts = Counter(dict(batch.rows.values_list("outcome").annotate(n=Count("pk"))))
    Batch.objects.filter(pk=batch.pk).update(
        created=counts[RowOutcome.CREATED],
        updated=counts[RowOutcome.UPDATED],
        unchanged=counts[RowOutcome.UNCHANGED],
        rejected=counts[RowOutcome.REJECTED],
        **fields,
    )


def _without_repeats(parsed: list[Parsed]) -> list[Parsed]:
    """A reference sent twice in one batch is refused the second time: which one the force
    meant is not for the front door to guess."""
    seen: dict[tuple[str, str], int] = {}
    kept: list[Parsed] = []
    for kind, number, result, sent in parsed:
        if isinstance(result, Row):
            first = seen.setdefault((kind, result.reference), number)
            if first != number:
                result = [
                    FieldError(
                        "police_reference",
                        f"The police reference {result.reference} is already in this batch, "
                        f"at row {first}: send each notification once",
                    )
                ]
        kept.append((kind, number, result, sent))
    return kept


def _reference_as_sent(raw: dict[str, Any]) -> str:
    value = raw.get("police_reference") if isinstance(raw, dict) else None
    return value.strip()[:60] if isinstance(value, str) else ""


def _import_chunk(
    by: User, force: Agency, batch: Batch, chunk: list[Parsed], receipt: Receipt
) -> None:
    references = [r.reference for _, _, r, _ in chunk if isinstance(r, Row)]
    existing = {
        (n.kind, n.reference): n
        for n in Notification.objects.filter(agency=force, reference__in=references)
    }
    done: list[BatchRow] = []
    new: list[tuple[int, Row]] = []
    for kind, number, result, sent in chunk:
        if not isinstance(result, Row):
            done.append(_rejected(batch, kind, number, sent, result))
            continue
        found = existing.get((kind, result.reference))
        if found is None:
            new.append((number, result))
        elif found.content_hash == result.content_hash():
            done.append(_row(batch, result, number, RowOutcome.UNCHANGED, found))
        else:
            done.append(_updated(by, force, batch, found, result, number, receipt))
    matches = children_matched([row for _, row in new])
    for number, row, outcome in create_notifications(by, force, batch, new, matches, receipt):
        if isinstance(outcome, Notification):
            done.append(_row(batch, row, number, RowOutcome.CREATED, outcome))
        else:
            done.append(_rejected(batch, row.kind, number, row.reference, outcome))
    insert_rows(
        BatchRow,
        (
            "batch_id",
            "kind",
            "number",
            "reference",
            "outcome",
            "errors",
            "changed",
            "notification_id",
        ),
        [
            (
                r.batch_id,
                r.kind,
                r.number,
                r.reference,
                r.outcome,
                r.errors,
                r.changed,
                r.notification_id,
            )
            for r in done
        ],
    )


def _row(batch: Batch, row: Row, number: int, outcome: str, notification: Notification) -> BatchRow:
    return BatchRow(
        batch=batch,
        kind=row.kind,
        number=number,
        reference=row.reference,
        outcome=outcome,
        notification=notification,
    )


def _rejected(
    batch: Batch, kind: str, number: int, reference: str, errors: list[FieldError]
) -> BatchRow:
    return BatchRow(
        batch=batch,
        kind=kind,
        number=number,
        reference=reference,
        outcome=RowOutcome.REJECTED,
        errors=[asdict(e) for e in errors],
    )


def _updated(
    by: User,
    force: Agency,
    batch: Batch,
    found: Notification,
    row: Row,
    number: int,
    receipt: Receipt,
) -> BatchRow:
    """The force sent a changed version: update the notification (compare-and-set on its
    version), close the missing episode if the child is now back, and say what changed."""
    before, after = found.as_sent, row.stored()
    changes = {
        name: {"from": before.get(name), "to": after.get(name)}
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }
    try:
        with transaction.atomic():
            _return_if_back(by, force, found, row)
            updated = Notification.objects.filter(pk=found.pk, version=found.version).update(
                version=F("version") + 1, **notification_fields(row, found.received_at, receipt)
            )
            if updated != 1:
                raise StaleRecord()
            record_event(
                actor=by,
                verb="police_notification_updated",
                family_contact=found.family,
                data={
                    "police_reference": row.reference,
                    "kind": row.kind,
                    "batch": str(batch.pk),
                    "row": number,
                    "changes": changes,
                },
            )
    except MissingNotReady as exc:
        errors = [FieldError("returned_at", reason) for reason in exc.reasons]
        return _rejected(batch, row.kind, number, row.reference, errors)
    result = _row(batch, row, number, RowOutcome.UPDATED, found)
    result.changed = sorted(changes)
    return result


def _return_if_back(by: User, force: Agency, found: Notification, row: Row) -> None:
    if found.episode_id is None or row.returned_at is None or found.returned_at is not None:
        return
    missing.notify_return(
        by=by,
        reference=row.reference,
        returned_at=row.returned_at,
        where_found=row.where_found,
        force=force,
    )


def _finish(by: User, batch: Batch) -> Batch:
    with transaction.atomic():
        _count(batch)
        if not _move(batch, "finish_import", finished_at=timezone.now()):
            raise StaleRecord()
        QueuedRows.objects.filter(batch=batch).delete()
        batch.refresh_from_db()
        record_event(
            actor=by,
            verb="police_batch_imported",
            data={
                "batch": str(batch.pk),
                "force": batch.agency.name,
                "source": batch.source,
                "rows": batch.rows_total,
                "created": batch.created,
                "updated": batch.updated,
                "unchanged": batch.unchanged,
                "rejected": batch.rejected,
            },
        )
    return batch
