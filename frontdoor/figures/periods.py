"""Calendar months and weeks in UK time, and the months a page of figures covers.

Times are stored in UTC and shown in Europe/London, so a figure "by month" puts each row in the
London calendar month of its time: a contact at 00:30 BST on 1 April is April's, although it is
23:30 on 31 March in UTC. A month (or a week) is the span from its first midnight in London to
the next one, each turned into a stored (UTC) instant once, here; nothing else does this sum.

Rows are grouped in SQL with a CASE over the spans' boundaries (`span_of`), so no per-row
function runs and both databases use the time's index for the range.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

from django.db.models import Case, CharField, Q, Value, When

from frontdoor.timescales.calendar import LONDON

# Allow-listed: a page's `months` parameter must be one of these keys, or the default is used.
# No query string reaches the ORM (../shared/SECURITY.md, 7). A page may offer fewer.
PERIODS = {"3": 3, "6": 6, "12": 12, "24": 24}
DEFAULT_MONTHS = 12


class Span(Protocol):
    """A calendar month or week: what a figure counts by."""

    @property
    def start(self) -> datetime: ...

    @property
    def end(self) -> datetime: ...

    @property
    def slug(self) -> str: ...


def _midnight(day: date) -> datetime:
    """London's midnight at the start of `day`, as the stored (UTC) instant. In UTC because
    Python subtracts two times of the same zone by their wall clocks: March would look 31 days
    long, not 31 days less the hour BST takes. Midnight always exists in London: the clocks
    change at 01:00 GMT and 02:00 BST, never at midnight."""
    return datetime.combine(day, time.min, tzinfo=LONDON).astimezone(UTC)


def _q(field_name: str, start: datetime, end: datetime) -> Q:
    return Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})


@dataclass(frozen=True, order=True)
class Month:
    first_day: date

    @classmethod
    def of(cls, moment: datetime) -> Month:
        """The London calendar month a stored (aware) time falls in."""
        local = moment.astimezone(LONDON)
        return cls(date(local.year, local.month, 1))

    @classmethod
    def from_slug(cls, slug: str) -> Month | None:
        """ "2026-03" is March 2026; anything else is no month."""
        year, _, month = slug.partition("-")
        if not (len(year) == 4 and len(month) == 2 and year.isdigit() and month.isdigit()):
            return None
        if not 1 <= int(month) <= 12 or int(year) < 1:
            return None
        return cls(date(int(year), int(month), 1))

    @property
    def start(self) -> datetime:
        return _midnight(self.first_day)

    @property
    def end(self) -> datetime:
        return self.next().start

    def next(self) -> Month:
        day = self.first_day
        return Month(date(day.year + day.month // 12, day.month % 12 + 1, 1))

    def previous(self) -> Month:
        day = self.first_day
        return Month(date(day.year - (day.month == 1), (day.month - 2) % 12 + 1, 1))

    @property
    def slug(self) -> str:
        return f"{self.first_day:%Y-%m}"

    @property
    def label(self) -> str:
        """ "March 2026": a table's row heading."""
        return f"{self.first_day:%B %Y}"

    @property
    def abbreviated(self) -> str:
        """ "Mar 2026": a table's column heading."""
        return f"{self.first_day:%b %Y}"

    @property
    def short(self) -> str:
        """ "Mar 26": under a chart's bar."""
        return f"{self.first_day:%b %y}"

    def q(self, field_name: str) -> Q:
        return _q(field_name, self.start, self.end)


@dataclass(frozen=True, order=True)
class Week:
    """Monday to Sunday, UK time."""

    first_day: date

    @property
    def start(self) -> datetime:
        return _midnight(self.first_day)

    @property
    def end(self) -> datetime:
        return _midnight(self.first_day + timedelta(days=7))

    @property
    def slug(self) -> str:
        return self.first_day.isoformat()

    @property
    def label(self) -> str:
        day = self.first_day
        return f"Week of {day.day} {day:%B %Y}"

    @property
    def short(self) -> str:
        day = self.first_day
        return f"{day.day} {day:%b}"

    def q(self, field_name: str) -> Q:
        return _q(field_name, self.start, self.end)


def months_to(today: date, count: int) -> list[Month]:
    """The `count` months up to and including `today`'s, oldest first (as a chart reads)."""
    months = [Month(date(today.year, today.month, 1))]
    for _ in range(count - 1):
        months.append(months[-1].previous())
    return months[::-1]


def months_between(first: Month, last: Month) -> list[Month]:
    """Every month from `first` to `last`, both included, oldest first."""
    months = [first]
    while months[-1] < last:
        months.append(months[-1].next())
    return months


def weeks_to(today: date, count: int) -> list[Week]:
    """The `count` weeks up to and including `today`'s, oldest first."""
    monday = today - timedelta(days=today.weekday())
    return [Week(monday - timedelta(weeks=n)) for n in range(count - 1, -1, -1)]


def months_param(
    value: str | None, periods: dict[str, int] = PERIODS, default: int = DEFAULT_MONTHS
) -> int:
    """The number of months a page was asked for, from its allow-list, or its default."""
    return periods.get(value or "", default)


@dataclass(frozen=True)
class Period:
    """The months a page shows, and the moment it was asked (for "still within time")."""

    months: list[Month]
    now: datetime
    # What the measures of one page share (one pass over a table for several figures): one
    # request's, never kept, so figures are always counted afresh from the rows.
    shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def start(self) -> datetime:
        return self.months[0].start

    @property
    def end(self) -> datetime:
        return self.months[-1].end

    def q(self, field_name: str) -> Q:
        return _q(field_name, self.start, self.end)

    def month(self, slug: str) -> Month | None:
        """One of the period's months by its slug (allow-listed), or None."""
        return next((m for m in self.months if m.slug == slug), None)

    def before(self, count: int) -> Period:
        """This period with the `count` months before it (the history a spike is judged on)."""
        history = months_to(self.months[0].first_day, count + 1)[:-1]
        return Period(history + self.months, self.now)

    @property
    def words(self) -> str:
        return f"{self.months[0].label} to {self.months[-1].label}"


def period_to(now: datetime, count: int) -> Period:
    """The `count` months up to and including the London month of `now`."""
    return Period(months_to(now.astimezone(LONDON).date(), count), now)


def span_of(field_name: str, spans: Sequence[Span]) -> Case:
    """The slug of the month or week (oldest first) that `field_name` falls in, as an SQL CASE
    for GROUP BY. Rows must already be filtered to the spans' range: anything later falls in
    the last one."""
    whens = [When(**{f"{field_name}__lt": s.end}, then=Value(s.slug)) for s in spans[:-1]]
    return Case(*whens, default=Value(spans[-1].slug), output_field=CharField())
