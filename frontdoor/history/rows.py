"""The import format (docs/imports.md): reading a file's rows and checking each one.

Pure: no database. `read_csv` turns an uploaded file into numbered rows; `check_early_help` and
`check_legacy` turn one row into a clean record or the problems with it, each naming the row and
the field in GOV.UK style ("Row 7: enter the episode start date as a date, like 2024-03-31").

Row numbers are the file's line numbers as a spreadsheet shows them: the header is row 1, so the
first child is row 2. Through the API, rows are numbered from 1 in the order sent.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from frontdoor.govuk.text import is_storable
from frontdoor.history.models import ImportKind, LegacyKind
from frontdoor.people.models import Sex, nhs_number_is_valid

IDENTITY = ("nhs_number", "first_name", "last_name", "date_of_birth", "sex", "postcode")
KEY = ("source_system", "source_reference")
COLUMNS: dict[str, tuple[str, ...]] = {
    ImportKind.EARLY_HELP: (
        *KEY,
        *IDENTITY,
        "start_date",
        "end_date",
        "lead_professional",
        "organisation",
        "reason",
        "outcome",
    ),
    ImportKind.LEGACY: (
        *KEY,
        "record_type",
        *IDENTITY,
        "start_date",
        "end_date",
        "detail",
        "outcome",
    ),
}
REQUIRED_COLUMNS = (*KEY, "start_date")
MOST_ROWS = 20_000
MOST_BYTES = 5 * 1024 * 1024
LIMITS = {"source_system": 60, "source_reference": 100, "first_name": 100, "last_name": 100}
LONG_TEXT = 5000
SHORT_TEXT = 200
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass(frozen=True)
class Problem:
    row: int  # 0 for a problem with the whole file
    field: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return self.message[0].upper() + self.message[1:]
        return f"Row {self.row}: {self.message}"


@dataclass(frozen=True)
class Identity:
    """Who the row is about, as the other system knows them."""

    nhs_number: str
    first_name: str
    last_name: str
    date_of_birth: date | None
    sex: str
    postcode: str


@dataclass(frozen=True)
class CleanRow:
    row: int
    source_system: str
    source_reference: str
    identity: Identity
    started_on: date
    ended_on: date | None
    # The kind's own fields, named as the model names them.
    values: dict[str, str]


class FileProblem(Exception):
    def __init__(self, message: str) -> None:
        self.problem = Problem(0, "file", message)
        super().__init__(message)


def read_csv(data: bytes, kind: str) -> list[tuple[int, dict[str, str]]]:
    """The file's rows, numbered as a spreadsheet numbers them, or FileProblem for a file that
    cannot be read at all (the wrong encoding, the wrong columns, too big)."""
    if len(data) > MOST_BYTES:
        raise FileProblem("the file must be smaller than 5 MB: split it into smaller files")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem("the file must be saved as CSV UTF-8") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    unknown = [name for name in header if name not in COLUMNS[kind]]
    if missing or unknown:
        raise FileProblem(_column_message(missing, unknown))
    reader.fieldnames = header
    rows = []
    for row in reader:
        if reader.line_num - 1 > MOST_ROWS:
            raise FileProblem(f"the file must have {MOST_ROWS:,} rows or fewer")
        if None in row:
            # More cells than headings: the row is shifted, so none of it can be trusted.
            row = {"__extra__": "yes"}
        cells = {name: (value or "").strip() for name, value in row.items()}
        if any(cells.values()):
            rows.append((reader.line_num, cells))
    return rows


def _column_message(missing: list[str], unknown: list[str]) -> str:
    parts = []
    if missing:
        parts.append(f"the file must have the columns {', '.join(missing)}")
    if unknown:
        parts.append(f"the file has columns this import does not know: {', '.join(unknown)}")
    return "; ".join(parts) + " (see docs/imports.md)"


def parse_date(text: str) -> date | None:
    """An ISO date (2024-03-31) or a UK one (31/03/2024), as spreadsheets save them."""
    if match := _UK_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


class _Checker:
    """Collects one row's problems while reading its cells."""

    def __init__(self, row: int, cells: dict[str, str], today: date) -> None:
        self.row = row
        self.cells = cells
        self.today = today
        self.problems: list[Problem] = []

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.row, field, message))

    def text(self, field: str, label: str, *, required: str = "", most: int = SHORT_TEXT) -> str:
        value = self.cells.get(field, "")
        if not is_storable(value):
            self.problem(field, f"remove the control characters from the {label}")
        elif required and not value:
            self.problem(field, required)
        elif len(value) > LIMITS.get(field, most):
            self.problem(
                field, f"the {label} must be {LIMITS.get(field, most)} characters or fewer"
            )
        return value

    def day(self, field: str, label: str, example: str, *, required: bool) -> date | None:
        value = self.cells.get(field, "")
        if not value:
            if required:
                self.problem(field, f"enter the {label} as a date, like {example}")
            return None
        parsed = parse_date(value)
        if parsed is None or parsed.year < 1900:
            self.problem(field, f"enter the {label} as a date, like {example}")
            return None
        if parsed > self.today:
            self.problem(field, f"the {label} must be today or in the past")
            return None
        return parsed

    def identity(self) -> Identity:
        nhs = self.cells.get("nhs_number", "").replace(" ", "").replace("-", "")
        if nhs and not nhs_number_is_valid(nhs):
            self.problem("nhs_number", "enter a valid NHS number, 10 digits, like 9434765919")
            nhs = ""
        first = self.text("first_name", "first name")
        last = self.text("last_name", "last name")
        born = self.day("date_of_birth", "date of birth", "2016-09-14", required=False)
        sex = self.cells.get("sex", "").upper() or Sex.UNKNOWN
        if sex not in Sex.values:
            self.problem("sex", "enter sex as M, F or U (not known), or leave it empty")
        named = bool(first and last and born)
        if not nhs and not named and not self.problems:
            self.problem(
                "nhs_number",
                "enter the child's NHS number, or their first name, last name and date of birth",
            )
        postcode = self.text("postcode", "postcode", most=10).upper()
        return Identity(nhs, first, last, born, sex, postcode)

    def period(self, what: str) -> tuple[date | None, date | None]:
        started = self.day("start_date", f"{what} start date", "2024-03-31", required=True)
        ended = self.day("end_date", f"{what} end date", "2024-06-30", required=False)
        if started and ended and ended < started:
            self.problem("end_date", f"the {what} end date must be the same as or after the start")
        return started, ended


def _check(
    row: int, cells: dict[str, str], today: date, what: str, fields: dict[str, int]
) -> CleanRow | list[Problem]:
    if "__extra__" in cells:
        return [Problem(row, "row", "the row has more cells than the file has columns")]
    check = _Checker(row, cells, today)
    system = check.text("source_system", "source system", required="enter the source system")
    reference = check.text(
        "source_reference", "source reference", required="enter the source reference"
    )
    identity = check.identity()
    started, ended = check.period(what)
    values = {
        name: check.text(name, name.replace("_", " "), most=most) for name, most in fields.items()
    }
    if check.problems or started is None:
        return check.problems
    return CleanRow(row, system, reference, identity, started, ended, values)


EARLY_HELP_FIELDS = {
    "lead_professional": SHORT_TEXT,
    "organisation": SHORT_TEXT,
    "reason": LONG_TEXT,
    "outcome": 300,
}
LEGACY_FIELDS = {"detail": LONG_TEXT, "outcome": 300}
LEGACY_TYPES = ", ".join(LegacyKind.values[:-1]) + f" or {LegacyKind.values[-1]}"


def check_early_help(row: int, cells: dict[str, str], today: date) -> CleanRow | list[Problem]:
    return _check(row, cells, today, "episode", EARLY_HELP_FIELDS)


def check_legacy(row: int, cells: dict[str, str], today: date) -> CleanRow | list[Problem]:
    kind = cells.get("record_type", "").strip().lower()
    checked = _check(row, cells, today, "record", LEGACY_FIELDS)
    if kind not in LegacyKind.values:
        problem = Problem(row, "record_type", f"enter the record type as {LEGACY_TYPES}")
        return [problem, *(checked if isinstance(checked, list) else [])]
    if isinstance(checked, list):
        return checked
    return CleanRow(
        checked.row,
        checked.source_system,
        checked.source_reference,
        checked.identity,
        checked.started_on,
        checked.ended_on,
        {**checked.values, "kind": kind},
    )


CHECKERS = {ImportKind.EARLY_HELP: check_early_help, ImportKind.LEGACY: check_legacy}
