"""Months in UK time, and the allow-listed periods the management information covers.

A figure "by month received" puts each row in the London calendar month of its time: a contact
at 00:30 BST on 1 April is April's, although it is 31 March in UTC. Months are grouped in SQL
with a CASE over the months' stored-time boundaries (`month_of`), so no per-row function runs
and both databases use the time's index for the range.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db.models import Case, CharField, Q, Value, When

from frontdoor.timescales.calendar import LONDON

# Allow-listed: the page's `months` parameter must be one of these keys, or the default is
# used. No query string reaches the ORM (../shared/SECURITY.md, 7).
PERIODS = {"3": 3, "6": 6, "12": 12, "24": 24}
DEFAULT_MONTHS = 12


@dataclass(frozen=True, order=True)
class Month:
    first_day: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time.min, tzinfo=LONDON)

    @property
    def end(self) -> datetime:
        return Month(next_month(self.first_day)).start

    @property
    def slug(self) -> str:
        return f"{self.first_day:%Y-%m}"

    @property
    def label(self) -> str:
        return f"{self.first_day:%B %Y}"

    @property
    def short(self) -> str:
        return f"{self.first_day:%b %y}"

    def q(self, field_name: str) -> Q:
        return Q(**{f"{field_name}__gte": self.start, f"{field_name}__lt": self.end})


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def previous_month(day: date) -> date:
    return date(day.year - (day.month == 1), (day.month - 2) % 12 + 1, 1)


def months_to(today: date, count: int) -> list[Month]:
    """The `count` months up to and including `today`'s, oldest first (as a chart reads)."""
    first = date(today.year, today.month, 1)
    months = [Month(first)]
    for _ in range(count - 1):
        first = previous_month(first)
        months.append(Month(first))
    return months[::-1]


def months_param(value: str | None) -> int:
    return PERIODS.get(value or "", DEFAULT_MONTHS)


@dataclass(frozen=True)
class Period:
    """The months a page shows, and the moment it was asked (for "still within time")."""

    months: list[Month]
    now: datetime
    # What the measures of one page share (`measures/passes.py`): one request's, never kept.
    shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def start(self) -> datetime:
        return self.months[0].start

    @property
    def end(self) -> datetime:
        return self.months[-1].end

    def q(self, field_name: str) -> Q:
        return Q(**{f"{field_name}__gte": self.start, f"{field_name}__lt": self.end})

    def month(self, slug: str) -> Month | None:
        return next((m for m in self.months if m.slug == slug), None)

    @property
    def words(self) -> str:
        return f"{self.months[0].label} to {self.months[-1].label}"


def period_to(now: datetime, count: int) -> Period:
    return Period(months_to(now.astimezone(LONDON).date(), count), now)


def month_of(field_name: str, months: list[Month]) -> Case:
    """The slug of the month `field_name` falls in, as an SQL CASE (for GROUP BY). Rows must
    already be filtered to the months' range; anything later falls in the last month."""
    whens = [When(**{f"{field_name}__lt": m.end}, then=Value(m.slug)) for m in months[:-1]]
    return Case(*whens, default=Value(months[-1].slug), output_field=CharField())
