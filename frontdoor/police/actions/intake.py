"""Importing a force's batch: fast, exact and idempotent (issue 5; ../shared/SECURITY.md, 26).

- Every row is checked first (parsing.py); a bad row is kept as a rejected `BatchRow` naming
  each field, and the good rows still import.
- A notification is found again by its force, kind and police reference. The same row again
  changes nothing ("unchanged"); a changed row updates the notification, and its audit event
  lists each field that changed, from and to.
- Rows are written in chunks, each chunk one transaction: a killed import leaves whole rows
  only, and the batch stays "importing" until its last chunk commits. Sending it again finishes
  the job, because every row already imported is found unchanged.
- A new row is created in bulk (build.py): a handful of statements per chunk, not per row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.access.policies import require
from frontdoor.access.records import as_the_system
from frontdoor.agencies.models import AgencyKind
from frontdoor.audit.actions import record_event
from frontdoor.missing import actions as missing
from frontdoor.police.actions.build import (
    Receipt,
    children_matched,
    create_notifications,
    notification_fields,
)
from frontdoor.police.actions.store import insert_rows
from frontdoor.police.models import Batch, BatchRow, Notification
from frontdoor.police.parsing import FieldError, Row, parse_row
from frontdoor.police.workflow import BatchStatus, RowOutcome
from frontdoor.workflow.errors import NotReady as MissingNotReady
from frontdoor.workflow.errors import StaleRecord

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.agencies.models import Agency

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


def import_batch(
    *,
    by: User,
    force: Agency,
    rows: list[tuple[str, int, dict[str, Any]]],
    source: str,
    filename: str = "",
    kind: str = "",
) -> Batch:
    """Import a batch of (kind, row number, raw row). Returns the batch record, whose rows say
    what happened to each."""
    require_batch_sender(by, force)
    now = timezone.now()
    batch = Batch.objects.create(
        agency=force,
        kind=kind,
        source=source,
        filename=filename[:200],
        received_at=now,
        received_by=by,
        rows_total=len(rows),
    )
    parsed = _without_repeats(
        [(k, n, parse_row(k, raw, now=now), _reference_as_sent(raw)) for k, n, raw in rows]
    )
    receipt = Receipt.starting(now)
    for start in range(0, len(parsed), CHUNK):
        # Each child is matched against every child on record and linked to the one it is
        # about, a restricted child too (as the system: access/records.py). What the sender
        # sees afterwards is read as them, so a restricted child is a placeholder.
        with transaction.atomic(), as_the_system():
            _import_chunk(by, force, batch, parsed[start : start + CHUNK], receipt)
    return _finish(by, batch)


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
    counts = Counter(dict(batch.rows.values_list("outcome").annotate(n=Count("pk"))))
    with transaction.atomic():
        Batch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.DONE,
            finished_at=timezone.now(),
            created=counts[RowOutcome.CREATED],
            updated=counts[RowOutcome.UPDATED],
            unchanged=counts[RowOutcome.UNCHANGED],
            rejected=counts[RowOutcome.REJECTED],
        )
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
