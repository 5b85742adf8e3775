"""The one percentage every figure uses, and its words.

A rate with nothing to count (0 of 0) is "No data", never 0% or 100%: a month with no contacts
did not screen none of them in time. Halves round to the even neighbour (Python's own
formatting, 12.5 -> "12%", 37.5 -> "38%"), the same on every page, so a figure and its
spreadsheet agree.
"""

from __future__ import annotations

NO_DATA = "No data"


def percent(part: int, whole: int) -> float | None:
    """`part` as a percentage of `whole`, unrounded (for a chart); None when `whole` is 0."""
    return 100 * part / whole if whole else None


def percent_text(part: int, whole: int, *, places: int = 0, none: str = NO_DATA) -> str:
    """The percentage as a page shows it: "67%" (or "66.7%" to one place); `none` for 0 of 0."""
    value = percent(part, whole)
    return none if value is None else f"{value:.{places}f}%"
