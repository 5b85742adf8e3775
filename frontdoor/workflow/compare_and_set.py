"""The only way a record's status changes: compare-and-set on status and version.

Two workers who read the same record and both act can never both succeed: the second one's
UPDATE finds no row with the status and version it read, and is told the record changed
(StaleRecord) rather than overwriting the first one's work (../shared/SECURITY.md, 27)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import F

from frontdoor.workflow.errors import StaleRecord
from frontdoor.workflow.machine import StateMachine

R = TypeVar("R", bound=models.Model)


def move(
    record: R,
    machine: StateMachine,
    steps: str | Sequence[str],
    expected_version: int | None = None,
    *,
    status_field: str = "status",
    **changes: Any,
) -> R:
    """Take `steps` (one action, or several in turn) from the record's state, only if nobody
    has changed it since it was read, and write `changes` in the same UPDATE. The record is
    read again afterwards."""
    current = getattr(record, status_field)
    # A record with a version is compared on it too (an edit that did not change the status
    # is still someone else's change); one without is compared on its status alone.
    version = getattr(record, "version", None)
    if expected_version is not None and expected_version != version:
        # The form was filled in against an older version: say so, rather than complain that
        # the newer state does not allow the step.
        raise StaleRecord(machine.noun)
    new_status = current
    for step in [steps] if isinstance(steps, str) else steps:
        new_status = machine.next(step, new_status)
    same: dict[str, Any] = {"pk": record.pk, status_field: current}
    update: dict[str, Any] = {status_field: new_status, **changes}
    if version is not None:
        same["version"] = version
        update["version"] = F("version") + 1
    updated = type(record)._default_manager.filter(**same).update(**update)
    if updated != 1:
        raise StaleRecord(machine.noun)
    record.refresh_from_db()
    return record


def check_version(record: models.Model, machine: StateMachine, expected: int | None) -> None:
    """A form filled in against an older version is told so first, rather than told that the
    newer state does not allow the step."""
    if expected is not None and expected != getattr(record, "version"):  # noqa: B009
        raise StaleRecord(machine.noun)


def bump(
    record: R,
    what: str,
    expected_version: int | None = None,
    *,
    where: dict[str, Any] | None = None,
    **changes: Any,
) -> R:
    """Change a record without a step of its workflow (an edit, a note, a record-once field),
    with the same compare-and-set on its version (and on `where`, such as "not yet recorded"):
    `what` names it in the StaleRecord message."""
    version = getattr(record, "version")  # noqa: B009
    if expected_version is not None and expected_version != version:
        raise StaleRecord(what)
    updated = (
        type(record)
        ._default_manager.filter(pk=record.pk, version=version, **(where or {}))
        .update(version=F("version") + 1, **changes)
    )
    if updated != 1:
        raise StaleRecord(what)
    record.refresh_from_db()
    return record


def claim_each(
    rows: Iterable[R],
    *,
    where: dict[str, Any],
    changes: Callable[[R], dict[str, Any]],
    then: Callable[[R], None],
) -> int:
    """A clock's once-only step (chase, escalate) for each row: in its own transaction, set
    `changes(row)` only if the row still matches `where` (so two sweeps at once act once), then
    run `then(row)` (its audit event, its notice after commit) in that transaction. Answers how
    many rows this call claimed. The enquiries' chase and escalation and the handovers' use it
    (issue 18): the clock's mechanics are written once."""
    claimed = 0
    for row in rows:
        values = changes(row)
        with transaction.atomic():
            model = type(row)
            if model._default_manager.filter(pk=row.pk, **where).update(**values) != 1:
                continue
            for name, value in values.items():
                setattr(row, name, value)
            then(row)
        claimed += 1
    return claimed
