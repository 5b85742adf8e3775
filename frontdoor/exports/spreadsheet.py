"""Spreadsheets that are safe to open (../shared/SECURITY.md, 12 and 13).

- A cell that starts with = + - @, a tab, CR, LF or NUL would be read by a spreadsheet program
  as a formula (or could become one): it is written as text with a leading apostrophe.
- Characters that XML forbids are stripped, so odd text never breaks the file.
- Every sheet is marked OFFICIAL-SENSITIVE in its first row, header and footer.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

MARKING = "OFFICIAL-SENSITIVE"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Sheet names may not hold : \ / ? * [ ] and are at most 31 characters (Excel's rules).
_NOT_IN_SHEET_NAMES = re.compile(r"[:\\/?*\[\]]")


def safe_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        # Spreadsheets have no time zones: write the London time the reader expects, as text.
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, bool | int | float | date):
        return value
    text = str(value)
    cleaned = ILLEGAL_CHARACTERS_RE.sub("", text)
    if text.startswith(FORMULA_STARTS) or cleaned.startswith(FORMULA_STARTS):
        return "'" + cleaned
    return cleaned


@dataclass(frozen=True)
class Sheet:
    """One sheet: its tab name, a title (written in row 2), column headings and rows."""

    name: str
    title: str
    headings: Sequence[str]
    rows: Iterable[Sequence[Any]]


def sheet_name(name: str) -> str:
    return (_NOT_IN_SHEET_NAMES.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", name)).strip() or "Sheet")[
        :31
    ]


def workbook_bytes(*sheets: Sheet) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for given in sheets:
        sheet = book.create_sheet(sheet_name(given.name))
        sheet.append([MARKING])
        sheet["A1"].font = Font(bold=True)
        sheet.append([safe_cell(given.title)])
        sheet.append([safe_cell(h) for h in given.headings])
        for row in given.rows:
            sheet.append([safe_cell(v) for v in row])
        sheet.oddHeader.center.text = MARKING
        sheet.oddFooter.center.text = MARKING
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def download(content: bytes, filename: str) -> HttpResponse:
    """The workbook as an attachment that no cache keeps. `filename` is the caller's own
    constant-shaped name (never user input); the marking is always in it."""
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{MARKING}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
