"""One pass over a table for all the measures that read it, shared within one page.

The three contact measures (by source, screened within 4 hours, conversion to referral), the two
decision measures (within 1 working day, step-down and step-up) and re-referrals read the same
day sums of the rollups (frontdoor/rollups, docs/adr/0024: kept by the actions in their own
transaction, so never behind the rows): one GROUP BY over a year and a half of days, run the
first time a measure of the page asks for it and kept on the page's `Period` (`Period.shared`),
which lives for one request. What depends on the moment asked (contacts still within their 4
hours) is read from the newest rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from django.db.models import Count, Sum

from frontdoor.codelists.models import Code
from frontdoor.contacts.models import Contact
from frontdoor.contacts.workflow import Outcome
from frontdoor.figures.periods import Month, Period, month_of_day, span_of
from frontdoor.rollups.models import COUNTERS, FrontDoorDay
from frontdoor.rollups.tally import SCREENING_HOURS as SCREENING_HOURS

SPIKE_HISTORY = 6  # months a month's contacts are compared with (frontdoor/figures/spikes.py)
EARLY_HELP_SOURCE = "5D"  # CIN census referral source: local authority services, early help
SOCIAL_WORK = sorted(Outcome.social_work_responses())

T = TypeVar("T")


def shared(period: Period, name: str, compute: Callable[[Period], T]) -> T:
    """`compute(period)`, once for the page."""
    if name not in period.shared:
        period.shared[name] = compute(period)
    found: T = period.shared[name]
    return found


@dataclass(frozen=True)
class Source:
    code: str
    label: str


def sources(period: Period) -> dict[Any, Source]:
    """The codes by id (a hundred or so rows, one small query for the page): a contact's
    referral source is one of them."""

    def compute(period: Period) -> dict[Any, Source]:
        rows = Code.objects.order_by().values_list("pk", "code", "label")
        return {pk: Source(code, label) for pk, code, label in rows}

    return shared(period, "sources", compute)


ContactTally = dict[tuple[str, Any], dict[str, int]]  # (month slug, source id) -> counts


def days(period: Period) -> dict[tuple[str, int], dict[str, int]]:
    """The rollup's day sums (frontdoor/rollups, docs/adr/0024) for the period and the
    SPIKE_HISTORY months before, by month and referral source: one query over a few thousand
    small rows, however many contacts there are."""
    return shared(period, "days", lambda p: _days(p.before(SPIKE_HISTORY).months))


def _days(months: list[Month]) -> dict[tuple[str, int], dict[str, int]]:
    found = (
        FrontDoorDay.objects.filter(
            day__gte=months[0].first_day, day__lt=months[-1].next().first_day
        )
        .annotate(month=month_of_day("day", months))
        .values("month", "source_id")
        .annotate(**{c: Sum(c) for c in COUNTERS})
        .order_by()
    )
    rows: list[dict[str, Any]] = list(found)  # type: ignore[arg-type]
    return {(r["month"], r["source_id"]): {c: r[c] or 0 for c in COUNTERS} for r in rows}


def contacts(period: Period) -> ContactTally:
    """Contacts received in the period and the SPIKE_HISTORY months before, by month and
    referral source: `contacts`; `screening` (those counted for screening: all but the ones
    not yet screened and still within the 4 hours), `screened_in_time`; `referred`.

    From the rollups, less the contacts still within their 4 hours: received in the last 4
    hours and not yet screened (a handful, from the newest rows by their index)."""

    def compute(period: Period) -> ContactTally:
        longer = period.before(SPIKE_HISTORY)
        hours = timedelta(hours=SCREENING_HOURS)
        waiting = (
            Contact.objects.filter(
                longer.q("family__received_at"),
                screened_at__isnull=True,
                family__received_at__gt=period.now - hours,
            )
            .annotate(month=span_of("family__received_at", longer.months))
            .values("month", "family__referral_source_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        still_in_time = {(r["month"], r["family__referral_source_id"]): r["n"] for r in waiting}
        return {
            key: {
                "contacts": sums["contacts"],
                "screening": sums["contacts"] - still_in_time.get(key, 0),
                "screened_in_time": sums["screened_in_time"],
                "referred": sums["referred"],
            }
            for key, sums in days(period).items()
            if sums["contacts"]
        }

    return shared(period, "contacts", compute)


def contacts_by_month(period: Period) -> dict[str, dict[str, int]]:
    """`contacts` summed over the sources, for each month of the period (zero where none)."""
    tally = {
        m.slug: {"contacts": 0, "screening": 0, "met": 0, "referred": 0} for m in period.months
    }
    for (month, _), counts in contacts(period).items():
        if month in tally:
            t = tally[month]
            t["contacts"] += counts["contacts"]
            t["screening"] += counts["screening"]
            t["met"] += counts["screened_in_time"]
            t["referred"] += counts["referred"]
    return tally


def decisions(period: Period) -> dict[str, dict[str, int]]:
    """Managers' decisions made in each month of the period: `decisions`, `met` (by the
    contact's decision time), `down` (to early help), `early_help` (on contacts from early
    help), `up` (of those, accepted for a social work response). Zero where none."""

    def compute(period: Period) -> dict[str, dict[str, int]]:
        early_help = {pk for pk, s in sources(period).items() if s.code == EARLY_HELP_SOURCE}
        tally = {
            m.slug: {"decisions": 0, "met": 0, "down": 0, "early_help": 0, "up": 0}
            for m in period.months
        }
        for (month, source), sums in days(period).items():
            if month not in tally:
                continue  # the months before the period, for the contacts' spikes
            t = tally[month]
            t["decisions"] += sums["decisions"]
            t["met"] += sums["decided_in_time"]
            t["down"] += sums["stepped_down"]
            if source in early_help:
                t["early_help"] += sums["decisions"]
                t["up"] += sums["social_work"]
        return tally

    return shared(period, "decisions", compute)
