"""Importing history over JSON: the same rows as the CSV files (docs/imports.md), each a set of
column names and text values, and the same checks, numbered from 1 in the order sent."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from frontdoor.access.queries import signed_in_user
from frontdoor.api.schemas import ERRORS, InputSchema, Line, LongText, ShortLine, field_error
from frontdoor.history.actions import ImportResult, import_history
from frontdoor.history.models import ImportKind
from frontdoor.history.rows import COLUMNS

# Rows per call: a larger batch is several calls (each is idempotent, so a retry is safe). It
# keeps every request well under Django's 2.5 MB body limit.
MOST_ROWS_PER_CALL = 1000

router = Router(tags=["history"])


class ImportIn(InputSchema):
    source: Line = Field(default="", description="A name for this batch, for the audit trail")
    rows: list[dict[ShortLine, LongText]] = Field(
        default_factory=list,
        max_length=MOST_ROWS_PER_CALL,
        description="One object per record: column name to text value",
    )


class ProblemOut(Schema):
    row: int
    field: str
    message: str


class ImportOut(Schema):
    rows: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    people_created: int
    problems: list[ProblemOut]


def _run(request: HttpRequest, kind: ImportKind, payload: ImportIn) -> ImportResult:
    known = set(COLUMNS[kind])
    for number, row in enumerate(payload.rows, 1):
        unknown = sorted(set(row) - known)
        if unknown:
            raise field_error("rows", number, msg=f"unknown columns: {', '.join(unknown)}")
    rows = [
        (number, {name: value.strip() for name, value in row.items()})
        for number, row in enumerate(payload.rows, 1)
    ]
    return import_history(
        by=signed_in_user(request), kind=kind, rows=rows, source=payload.source or "api"
    )


def _out(result: ImportResult) -> ImportOut:
    return ImportOut(
        **{k: v for k, v in result.as_json().items() if k != "kind"},
        problems=[ProblemOut(row=p.row, field=p.field, message=str(p)) for p in result.problems],
    )


@router.post("/early-help", response={200: ImportOut, **ERRORS}, summary="Import early help")
def early_help(request: HttpRequest, payload: ImportIn) -> ImportOut:
    """Import early help episodes. Rows with problems are listed; the others are imported."""
    return _out(_run(request, ImportKind.EARLY_HELP, payload))


@router.post(
    "/legacy-history", response={200: ImportOut, **ERRORS}, summary="Import legacy history"
)
def legacy_history(request: HttpRequest, payload: ImportIn) -> ImportOut:
    """Import past referrals, assessments, child protection plans and periods in care."""
    return _out(_run(request, ImportKind.LEGACY, payload))
