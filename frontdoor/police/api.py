"""A police force's system sends its batches as JSON (docs/police-batches.md).

Rows are taken as loose objects and checked one by one, exactly as a CSV upload's rows are, so
that one bad row is reported (by its list, number and field) while the good rows still import:
a strict schema for each row would refuse the whole batch for one mistake.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.api.schemas import ERRORS, READ_ERRORS, InputSchema, field_error
from frontdoor.police import actions
from frontdoor.police.formats import BadFile, rows_from_json
from frontdoor.police.models import Batch
from frontdoor.police.parsing import MAX_ROWS
from frontdoor.police.queries import get_batch_for, may_see_batches
from frontdoor.police.workflow import RowOutcome, Source

router = Router(tags=["police"])


class BatchIn(InputSchema):
    domestic_abuse: list[dict[str, Any]] = Field(
        default_factory=list,
        max_length=MAX_ROWS,
        description="Domestic abuse incidents, each an object in the documented format",
    )
    missing_persons: list[dict[str, Any]] = Field(
        default_factory=list,
        max_length=MAX_ROWS,
        description="Missing-person reports, each an object in the documented format",
    )


class ProblemOut(Schema):
    list: str = Field(description="domestic_abuse or missing_person")
    row: int = Field(description="The row's position in its list, counting from 1")
    police_reference: str
    field: str
    message: str


class BatchOut(Schema):
    batch_id: uuid.UUID
    status: str = Field(description="queued, importing (the counts so far), done or failed")
    failure_reason: str = Field(description="Why it failed, and what to do; empty otherwise")
    received_at: datetime
    rows: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    problems: list[ProblemOut]


def _out(batch: Batch) -> BatchOut:
    problems = [
        ProblemOut(
            list=row.kind,
            row=row.number,
            police_reference=row.reference,
            field=error["field"],
            message=error["message"],
        )
        for row in batch.rows.filter(outcome=RowOutcome.REJECTED).order_by("kind", "number")
        for error in row.errors
    ]
    return BatchOut(
        batch_id=batch.pk,
        status=batch.status,
        failure_reason=batch.failure_reason,
        received_at=batch.received_at,
        rows=batch.rows_total,
        created=batch.created,
        updated=batch.updated,
        unchanged=batch.unchanged,
        rejected=batch.rejected,
        problems=problems,
    )


@router.post("/batches", response={202: BatchOut, **ERRORS}, summary="Police: send a batch")
def send_batch(request: HttpRequest, payload: BatchIn) -> Status[BatchOut]:
    """A police force's system sends a batch of its own notifications. The batch is accepted at
    once (202, status `queued`) and imported in the background; ask for it by its `batch_id`
    until its status is `done` (or `failed`, with the reason). Every row is checked; the
    finished batch lists each bad row's problems, and the good rows are imported. Sending the
    same batch again creates nothing new (each row is found by its police reference)."""
    user = signed_in_user(request)
    require(user, "send_police_batch")
    force = user.agency
    if force is None:
        raise PermissionDenied("Your user is not linked to a police force.")
    try:
        rows = rows_from_json(payload.dict())
    except BadFile as exc:
        raise field_error("domestic_abuse", msg=exc.message) from exc
    batch = actions.receive_batch(by=user, force=force, rows=rows, source=Source.API)
    return Status(202, _out(batch))


@router.get("/batches/{batch_id}", response={200: BatchOut, **READ_ERRORS}, summary="A batch")
def get_batch(request: HttpRequest, batch_id: uuid.UUID) -> BatchOut:
    """What happened to a batch: its counts and every bad row's problems."""
    user = signed_in_user(request)
    if not may_see_batches(user):
        raise PermissionDenied("Your role does not allow you to see police batches.")
    return _out(get_batch_for(user, batch_id))
