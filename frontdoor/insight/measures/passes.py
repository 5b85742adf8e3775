"""One pass over a table for all the measures that read it, shared within one page.

The three contact measures (by source, screened within 4 hours, conversion to referral), the two
decision measures (within 1 working day, step-down and step-up) and re-referrals read the same
month sums of the rollups (frontdoor/rollups, docs/adr/0024: kept by the actions in their own
transaction, so never behind the rows): one query over a year and a half of months, run the
first time a measure of the page asks for it and kept on the page's `Period` (`Period.shared`),
which lives for one request. What depends on the moment asked (contacts still within their 4
hours) is read from the newest rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from django.db.models import Count, Q

from frontdoor.codelists.models import Code
from frontdoor.contacts.models import FamilyContact
from frontdoor.contacts.workflow import Outcome
from frontdoor.figures.periods import Month, Period, span_of
from frontdoor.rollups.models import COUNTERS, FrontDoorMonth
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
    """The rollup's month sums (frontdoor/rollups, docs/adr/0024) for the period and the
    SPIKE_HISTORY months before, by month and referral source: one query over a few hundred
    small rows, however many contacts there are."""
    return shared(period, "days", lambda p: _days(p.before(SPIKE_HISTORY).months))


def _days(months: list[Month]) -> dict[tuple[str, int], dict[str, int]]:
    found = FrontDoorMonth.objects.filter(
        month__gte=months[0].first_day, month__lte=months[-1].first_day
    ).values_list("month", "source_id", *COUNTERS)
    return {
        (f"{month:%Y-%m}", source): dict(zip(COUNTERS, counts, strict=True))
        for month, source, *counts in found
    }


def contacts(period: Period) -> ContactTally:
    """Contacts received in the period and the SPIKE_HISTORY months before, by month and
    referral source: `contacts`; `screening` (those counted for screening: all but the ones
    not yet screened and still within the 4 hours), `screened_in_time`; `referred`.

    From the rollups, less the contacts still within their 4 hours: received in the last 4
    hours and not yet screened (a handful, from the newest rows by their index)."""

    def compute(period: Period) -> ContactTally:
        longer = period.before(SPIKE_HISTORY)
        hours = timedelta(hours=SCREENING_HOURS)
        # From the families received in the last 4 hours (their index), then their children.
        waiting = (
            FamilyContact.objects.filter(
                longer.q("received_at"),
                received_at__gt=period.now - hours,
                contacts__screened_at__isnull=True,
            )
            .annotate(month=span_of("received_at", longer.months))
            .values("month", "referral_source_id")
            .annotate(n=Count("contacts", filter=Q(contacts__screened_at__isnull=True)))
            .order_by()
        )
        still_in_time = {(r["month"], r["referral_source_id"]): r["n"] for r in waiting}
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
