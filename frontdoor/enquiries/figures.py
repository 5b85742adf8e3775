"""The shapes and pure helpers every figure on the partner agencies' information page shares: the
period (whole calendar months, UK time), nearest-rank percentiles, percentages, and a figure as
a table of cells each linking to the records behind it (`drill`)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.safestring import SafeString

from frontdoor.agencies.models import Agency
from frontdoor.timescales.calendar import LONDON

PERIODS = {"3": 3, "6": 6, "12": 12}  # allow-listed: no query string reaches the ORM
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --- Pure helpers -------------------------------------------------------------------------------


def month_keys(months: int, today: date) -> list[str]:
    """The last `months` calendar months, oldest first, as "YYYY-MM" (this month included)."""
    keys = []
    year, month = today.year, today.month
    for _ in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return keys[::-1]


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{MONTH_NAMES[int(month) - 1]} {year}"


def month_of(moment: datetime) -> str:
    local = moment.astimezone(LONDON)
    return f"{local.year:04d}-{local.month:02d}"


def period_start(months: int, today: date) -> datetime:
    first = month_keys(months, today)[0]
    year, month = (int(part) for part in first.split("-"))
    return datetime.combine(date(year, month, 1), time(0, 0), tzinfo=LONDON)


def nearest_rank(values: list[float], percent: float) -> float | None:
    """The nearest-rank percentile: the smallest value that at least `percent`% of the values
    are no greater than. No interpolation, so it is always a turnaround that really happened."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "No data"


def hours(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} hours"


# --- Shapes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    href: str = ""
    header: bool = False


@dataclass(frozen=True)
class Figure:
    slug: str
    title: str
    definition: str
    headline: str
    chart: SafeString
    caption: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


def drill(figure: str, months: int, agency: Agency | None = None, month: str = "") -> str:
    query = {"months": months}
    if agency is not None:
        query["agency"] = str(agency.pk)  # type: ignore[assignment]
    if month:
        query["month"] = month  # type: ignore[assignment]
    url = reverse("enquiries:information-list", kwargs={"figure": figure})
    return f"{url}?{urlencode(query)}"
