"""One pass over a table for all the measures that read it, shared within one page.

The three contact measures (by source, screened within 4 hours, conversion to referral) read
the same contacts of the same months; the two decision measures (within 1 working day, step-down
and step-up) the same decisions. Each pass is one GROUP BY query with conditional counts (COUNT
... FILTER), run the first time a measure of the page asks for it and kept on the page's
`Period` (`Period.shared`), which lives for one request: the figures are always counted afresh
from the rows, never stored between requests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from django.db.models import Count, DateTimeField, Expression, F, Func, Q

from frontdoor.codelists.models import Code
from frontdoor.contacts.models import Contact, Decision
from frontdoor.contacts.workflow import Outcome
from frontdoor.figures.periods import Period, span_of

SCREENING_HOURS = 4
SPIKE_HISTORY = 6  # months a month's contacts are compared with (frontdoor/figures/spikes.py)
EARLY_HELP_SOURCE = "5D"  # CIN census referral source: local authority services, early help
SOCIAL_WORK = sorted(Outcome.social_work_responses())

T = TypeVar("T")


class Shifted(Func):
    """A stored time moved by whole seconds, in SQL, exact to the microsecond. On SQLite,
    Django's own `F(...) + timedelta` calls a Python function for every row (slow over a year of
    contacts); this is the database's own date arithmetic: the time to the second moved, then
    its fraction of a second as stored (times are stored as UTC text, `YYYY-MM-DD HH:MM:SS` and
    `.ffffff` when not whole)."""

    output_field = DateTimeField()

    def __init__(self, expression: Expression | F, by: timedelta) -> None:
        super().__init__(expression)
        assert by == timedelta(seconds=int(by.total_seconds())), "whole seconds only"
        self.seconds = int(by.total_seconds())

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} + make_interval(secs => %s))", (*params, self.seconds)

    def as_sqlite(
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        moved = f"strftime('%%Y-%%m-%%d %%H:%%M:%%S', {sql}, %s)"
        return f"({moved} || substr({sql}, 20))", (*params, f"{self.seconds:+d} seconds", *params)


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


def contacts(period: Period) -> ContactTally:
    """Contacts received in the period and the SPIKE_HISTORY months before, by month and
    referral source: `contacts`; `screening` (those counted for screening: all but the ones
    not yet screened and still within the 4 hours), `screened_in_time`; `referred`."""

    def compute(period: Period) -> ContactTally:
        longer = period.before(SPIKE_HISTORY)
        hours = timedelta(hours=SCREENING_HOURS)
        still_in_time = Q(screened_at__isnull=True, family__received_at__gt=period.now - hours)
        in_time = Q(screened_at__lte=Shifted(F("family__received_at"), hours))
        found = (
            Contact.objects.filter(longer.q("family__received_at"))
            .annotate(month=span_of("family__received_at", longer.months))
            .values("month", "family__referral_source_id")
            .annotate(
                contacts=Count("pk"),
                screening=Count("pk", filter=~still_in_time),
                screened_in_time=Count("pk", filter=in_time),
                referred=Count("pk", filter=Q(referral__isnull=False)),
            )
            .order_by()
        )
        names = ("contacts", "screening", "screened_in_time", "referred")
        return {
            (r["month"], r["family__referral_source_id"]): {k: r[k] for k in names}  # type: ignore[literal-required]
            for r in found
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
        early_help_ids = [pk for pk, s in sources(period).items() if s.code == EARLY_HELP_SOURCE]
        from_early_help = Q(contact__family__referral_source_id__in=early_help_ids)
        counts = {
            "decisions": Count("pk"),
            "met": Count("pk", filter=Q(decided_at__lte=F("contact__decision_due_at"))),
            "down": Count("pk", filter=Q(outcome=Outcome.EARLY_HELP)),
            "early_help": Count("pk", filter=from_early_help),
            "up": Count("pk", filter=from_early_help & Q(outcome__in=SOCIAL_WORK)),
        }
        found = (
            Decision.objects.filter(period.q("decided_at"))
            .annotate(month=span_of("decided_at", period.months))
            .values("month")
            .annotate(**counts)
            .order_by()
        )
        by_slug: dict[str, dict[str, Any]] = {r["month"]: dict(r) for r in found}
        return {
            m.slug: {k: by_slug.get(m.slug, {}).get(k, 0) for k in counts} for m in period.months
        }

    return shared(period, "decisions", compute)
