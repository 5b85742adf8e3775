"""Spreadsheets that are safe to open (../shared/SECURITY.md, 12 and 13).

- A cell that starts with = + - @, a tab, CR, LF or NUL would be read by a spreadsheet program
  as a formula (or could become one): it is written as text with a leading apostrophe.
- Characters that XML forbids are stripped, so odd text never breaks the file.
- Every sheet is marked OFFICIAL-SENSITIVE in its first row, header and footer.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

MARKING = "OFFICIAL-SENSITIVE"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def workbook_bytes(title: str, headings: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Audit export"  # sheet names forbid : \ / ? * [ ]; the title is in row 2
    sheet.append([MARKING])
    sheet["A1"].font = Font(bold=True)
    sheet.append([safe_cell(title)])
    sheet.append([safe_cell(h) for h in headings])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    sheet.oddHeader.center.text = MARKING
    sheet.oddFooter.center.text = MARKING
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
