"""Management information for the front door: one function per measure.

Each function takes the period (months in UK time, `frontdoor/figures/periods.py`) and returns a
`Figure` (`frontdoor/figures`): its definition in words (shown on the page), a headline, a chart
and a table drawn from the same numbers, and a drill-down key on every count (`behind.py` turns a
key into the children). The counts come from the month sums that the actions keep in their own
transaction (`frontdoor/rollups`, docs/adr/0024), read once per page (`passes.py`): a constant
number of small reads whatever the number of rows; nothing is loaded row by row, nothing waits
for a nightly job. What each contact counts for is defined once, in `frontdoor/rollups/tally.py`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from frontdoor.figures.charts import Chart, Point, Series
from frontdoor.figures.figure import Cell, Figure
from frontdoor.figures.percentages import percent, percent_text
from frontdoor.figures.periods import Month, Period, span_of
from frontdoor.figures.spikes import first_recorded, spike_rule_words, spikes
from frontdoor.insight.measures import passes
from frontdoor.insight.measures.passes import (
    EARLY_HELP_SOURCE,
    SCREENING_HOURS,
    SPIKE_HISTORY,
)


def by_month(rows: QuerySet[Any], field: str, period: Period, **counts: Count) -> dict[str, Any]:
    """One GROUP BY query: the counts for each month of the period, zero where none."""
    found = (
        rows.filter(period.q(field))
        .annotate(month=span_of(field, period.months))
        .values("month")
        .annotate(**counts)
        .order_by()
    )
    by_slug = {r["month"]: r for r in found}
    return {m.slug: {k: by_slug.get(m.slug, {}).get(k, 0) for k in counts} for m in period.months}


def _rate_rows(
    period: Period, tally: dict[str, Any], part: str, whole: str, suffix: str
) -> list[list[Cell]]:
    return [
        [
            Cell(m.label),
            Cell(str(tally[m.slug][whole]), m.slug if tally[m.slug][whole] else ""),
            Cell(str(tally[m.slug][part]), f"{m.slug}~{suffix}" if tally[m.slug][part] else ""),
            Cell(percent_text(tally[m.slug][part], tally[m.slug][whole])),
        ]
        for m in period.months
    ]


def _rate_figure(
    period: Period, tally: dict[str, Any], part: str, whole: str, suffix: str, **words: str
) -> Figure:
    parts = sum(t[part] for t in tally.values())
    wholes = sum(t[whole] for t in tally.values())
    return Figure(
        slug=words["slug"],
        title=words["title"],
        definition=words["definition"],
        headline=percent_text(parts, wholes),
        chart=Chart(
            title=words["title"],
            description=f"Percentage for each month, {period.words}. The table gives the counts.",
            unit="%",
            series=[
                Series(
                    words["series"],
                    [
                        Point(m.short, percent(tally[m.slug][part], tally[m.slug][whole]))
                        for m in period.months
                    ],
                )
            ],
        ),
        headers=["Month", words["whole_label"], words["part_label"], "Percentage"],
        rows=_rate_rows(period, tally, part, whole, suffix),
    )


# --- The measures ------------------------------------------------------------------------------


def _cells(months: list[Month], counts: list[int], flags: list[bool], key: str) -> list[Cell]:
    return [
        Cell(f"{n} (spike)" if flag else str(n), f"{m.slug}{key}" if n else "")
        for m, n, flag in zip(months, counts, flags, strict=True)
    ]


def contacts_by_source(period: Period) -> Figure:
    longer = period.before(SPIKE_HISTORY)
    names = passes.sources(period)
    sources: dict[str, str] = {}
    tally: dict[tuple[str, str], int] = {}
    for (month, source_id), found in passes.contacts(period).items():
        source = names[source_id]
        sources[source.code] = source.label
        tally[(source.code, month)] = found["contacts"]
    totals = [sum(tally.get((c, m.slug), 0) for c in sources) for m in longer.months]
    # Records begin with the first month anything came in from any source: a source's months
    # before that are not history, but a new source after it can still spike.
    began = first_recorded(totals)

    def shown(counts: list[int]) -> tuple[list[int], list[bool]]:
        flags = spikes(counts, compared=SPIKE_HISTORY, since=began)
        return counts[SPIKE_HISTORY:], flags[SPIKE_HISTORY:]

    rows, spiked = [], 0
    for code, label in sorted(sources.items()):
        counts, flags = shown([tally.get((code, m.slug), 0) for m in longer.months])
        spiked += sum(flags)
        if any(counts):
            rows.append(
                [Cell(f"{code} {label}"), *_cells(period.months, counts, flags, f"~{code}")]
            )
    counts, flags = shown(totals)
    rows.append([Cell("All sources"), *_cells(period.months, counts, flags, "")])
    return Figure(
        slug="contacts-by-source",
        title="Contacts by source and month",
        definition=(
            "Contacts received each month (one for each child named), by CIN census referral "
            f"source, UK time. {spike_rule_words('month', SPIKE_HISTORY)} Each source, and all "
            "sources together, is judged on its own counts."
        ),
        headline=f"{sum(counts)} contacts; {spiked + sum(flags)} spikes",
        chart=Chart(
            title="Contacts received each month",
            description=f"Contacts from all sources each month, {period.words}. A bar marked ! "
            "is a spike. The table gives each source.",
            unit="contacts",
            series=[
                Series(
                    "All sources",
                    [
                        Point(m.short, n, flag)
                        for m, n, flag in zip(period.months, counts, flags, strict=True)
                    ],
                )
            ],
            flag_label="Spike",
        ),
        headers=["Source", *[m.short for m in period.months]],
        rows=rows,
    )


def screened_within_4_hours(period: Period) -> Figure:
    tally = passes.contacts_by_month(period)
    return _rate_figure(
        period,
        tally,
        "met",
        "screening",
        "met",
        slug="screened-within-4-hours",
        title="Contacts screened within 4 hours",
        definition=(
            "Of contacts received each month (one for each child), the percentage screened within "
            f"{SCREENING_HOURS} clock hours of receipt. A contact not yet screened counts as not "
            f"met once {SCREENING_HOURS} hours have passed; until then it is left out."
        ),
        series="Screened within 4 hours",
        whole_label="Contacts",
        part_label="Screened in time",
    )


def decisions_within_1_working_day(period: Period) -> Figure:
    tally = passes.decisions(period)
    return _rate_figure(
        period,
        tally,
        "met",
        "decisions",
        "met",
        slug="decisions-within-1-working-day",
        title="Referral decisions within 1 working day",
        definition=(
            "Of managers' decisions on contacts made each month, the percentage made by the "
            "contact's decision time: 1 working day from receipt (national; the clock is stored "
            "when the contact is received, England's bank holidays excluded)."
        ),
        series="Decided within 1 working day",
        whole_label="Decisions",
        part_label="Decided in time",
    )


def conversion_to_referral(period: Period) -> Figure:
    tally = passes.contacts_by_month(period)
    return _rate_figure(
        period,
        tally,
        "referred",
        "contacts",
        "referred",
        slug="conversion-to-referral",
        title="Contacts that became referrals",
        definition=(
            "Of contacts received each month (one for each child), the percentage accepted as a "
            "referral: a decision for a child and family assessment or a strategy discussion. "
            "Contacts not yet decided count as not converted."
        ),
        series="Became a referral",
        whole_label="Contacts",
        part_label="Referrals",
    )


def step_down_and_step_up(period: Period) -> Figure:
    tally = passes.decisions(period)
    down = sum(t["down"] for t in tally.values())
    decisions = sum(t["decisions"] for t in tally.values())
    up = sum(t["up"] for t in tally.values())
    early = sum(t["early_help"] for t in tally.values())

    def row(m: Month) -> list[Cell]:
        t = tally[m.slug]
        return [
            Cell(m.label),
            Cell(str(t["decisions"]), m.slug if t["decisions"] else ""),
            Cell(str(t["down"]), f"{m.slug}~down" if t["down"] else ""),
            Cell(percent_text(t["down"], t["decisions"])),
            Cell(str(t["early_help"]), f"{m.slug}~early-help" if t["early_help"] else ""),
            Cell(str(t["up"]), f"{m.slug}~up" if t["up"] else ""),
            Cell(percent_text(t["up"], t["early_help"])),
        ]

    return Figure(
        slug="step-down-and-step-up",
        title="Step-down and step-up rates",
        definition=(
            "Step-down: of managers' decisions made each month, the percentage stepped down to "
            "early help. Step-up: of decisions that month on contacts from early help (referral "
            f"source {EARLY_HELP_SOURCE}), the percentage accepted for a social work response "
            "(an assessment or a strategy discussion)."
        ),
        headline=f"{percent_text(down, decisions)} stepped down; {percent_text(up, early)} up",
        chart=Chart(
            title="Step-down and step-up rates by month",
            description=f"Two bars for each month, {period.words}: the step-down rate and the "
            "step-up rate. The table gives the counts.",
            unit="%",
            series=[
                Series(
                    "Step-down",
                    [
                        Point(m.short, percent(tally[m.slug]["down"], tally[m.slug]["decisions"]))
                        for m in period.months
                    ],
                ),
                Series(
                    "Step-up",
                    [
                        Point(m.short, percent(tally[m.slug]["up"], tally[m.slug]["early_help"]))
                        for m in period.months
                    ],
                ),
            ],
        ),
        headers=[
            "Month",
            "Decisions",
            "Stepped down",
            "Step-down rate",
            "From early help",
            "Stepped up",
            "Step-up rate",
        ],
        rows=[row(m) for m in period.months],
    )


def re_referrals_within_12_months(period: Period) -> Figure:
    tally = {m.slug: {"referrals": 0, "again": 0} for m in period.months}
    for (month, _), sums in passes.days(period).items():
        if month in tally:
            tally[month]["referrals"] += sums["referrals"]
            tally[month]["again"] += sums["re_referrals"]
    return _rate_figure(
        period,
        tally,
        "again",
        "referrals",
        "again",
        slug="re-referrals-within-12-months",
        title="Re-referrals within 12 months",
        definition=(
            "Of referrals each month (by referral date: when the contact was received), the "
            "percentage of children with an earlier referral in the 365 days before (CIN census "
            "re-referral)."
        ),
        series="Re-referrals",
        whole_label="Referrals",
        part_label="Re-referrals",
    )
