"""Reading a batch into raw rows: a CSV file uploaded by MASH staff, or the JSON body a force's
system sends. Each row comes out numbered as its sender counts (a spreadsheet's row number, or
its place in its JSON list) and in one shape (children as a list), ready for parsing.py.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from frontdoor.police.parsing import CHILD, COLUMNS, MAX_CHILDREN, MAX_ROWS, REQUIRED_COLUMNS
from frontdoor.police.workflow import Kind

NUMBERED_CHILD = re.compile(r"^child\d+_")


class BadFile(Exception):
    """The file as a whole cannot be read: nothing in it is imported."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def rows_from_csv(content: bytes, kind: str) -> list[tuple[int, dict[str, Any]]]:
    """The data rows of a CSV file, numbered as a spreadsheet numbers them (the header is row
    1), each as the JSON shape (children as a list)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadFile("The selected file must be saved as UTF-8 (CSV UTF-8 in Excel)") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise BadFile("The selected file is empty") from exc
    _check_header(header, kind)
    found: list[tuple[int, dict[str, Any]]] = []
    try:
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(found) >= MAX_ROWS:
                raise BadFile(f"The selected file must have {MAX_ROWS:,} rows or fewer")
            number = reader.line_num
            found.append((number, _nest(dict(zip(header, values, strict=False)))))
    except csv.Error as exc:
        raise BadFile(f"Row {reader.line_num} of the selected file cannot be read as CSV") from exc
    if not found:
        raise BadFile("The selected file has no rows under its header")
    return found


def _check_header(header: list[str], kind: str) -> None:
    known = set(COLUMNS[kind])
    if kind == Kind.DOMESTIC_ABUSE:
        known |= {f"child{n}_{name}" for n in range(1, MAX_CHILDREN + 1) for name in CHILD}
    unknown = [name for name in header if name not in known]
    if unknown:
        raise BadFile(f"The selected file has a column this format does not have: {unknown[0]}")
    missing = [name for name in REQUIRED_COLUMNS[kind] if name not in header]
    if missing:
        raise BadFile(f"The selected file must have a column called {missing[0]}")
    if len(set(header)) != len(header):
        raise BadFile("The selected file has the same column twice")


def _nest(flat: dict[str, str]) -> dict[str, Any]:
    nested: dict[str, Any] = {k: v for k, v in flat.items() if not NUMBERED_CHILD.match(k)}
    children = []
    for n in range(1, MAX_CHILDREN + 1):
        child = {name: flat.get(f"child{n}_{name}", "") for name in CHILD}
        if any(str(value).strip() for value in child.values()):
            children.append({**child, "_label": f"child{n}_"})
    if any(NUMBERED_CHILD.match(key) for key in flat):
        nested["children"] = children
    return nested


def rows_from_json(body: dict[str, Any]) -> list[tuple[str, int, dict[str, Any]]]:
    """The rows of a JSON batch: each kind's list, numbered from 1 within it."""
    found: list[tuple[str, int, dict[str, Any]]] = []
    for key, kind in (
        ("domestic_abuse", Kind.DOMESTIC_ABUSE),
        ("missing_persons", Kind.MISSING_PERSON),
    ):
        listed = body.get(key) or []
        for number, raw in enumerate(listed if isinstance(listed, list) else [], 1):
            row = dict(raw) if isinstance(raw, dict) else {"_not_an_object": True}
            children = row.get("children")
            if isinstance(children, list):
                row["children"] = [
                    {**child, "_label": f"children[{position}]."}
                    if isinstance(child, dict)
                    else child
                    for position, child in enumerate(children, 1)
                ]
            found.append((kind, number, row))
    if len(found) > MAX_ROWS:
        raise BadFile(f"A batch must have {MAX_ROWS:,} rows or fewer")
    return found
