"""Management information about partner agencies: one function per measure.

Each measure states its definition in words (shown on the page), and returns a `Figure`
(frontdoor/figures): a table, a chart drawn from the same numbers, and on every count the link
to the enquiries behind it (`drill`, its drill-down key). Computed from the stored times and
clocks; nothing is counted by a nightly job. No figure or drill-down row names a child: rows
give the contact's reference, and the link leads to pages that check who may open it.
"""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from frontdoor.agencies.models import Agency
from frontdoor.enquiries.figures import drill, hours, nearest_rank
from frontdoor.enquiries.models import Enquiry
from frontdoor.enquiries.workflow import EnquiryStatus
from frontdoor.figures.charts import Chart, Point, Series
from frontdoor.figures.figure import Cell, Figure
from frontdoor.figures.percentages import percent, percent_text
from frontdoor.figures.periods import Month, Period, period_to


def _period(months: int) -> Period:
    return period_to(timezone.now(), months)


def _in_period(months: int) -> QuerySet[Enquiry]:
    return Enquiry.objects.filter(sent_at__gte=_period(months).start)


def _agencies(rows: list[Enquiry]) -> list[Agency]:
    found = {e.agency_id: e.agency for e in rows}
    return sorted(found.values(), key=lambda a: a.name)


# --- The measures ------------------------------------------------------------------------------


def enquiries_per_month(months: int = 6) -> Figure:
    shown = _period(months).months
    keys, labels = [m.slug for m in shown], [m.abbreviated for m in shown]
    rows = list(_in_period(months).select_related("agency").only("sent_at", "agency"))
    agencies = _agencies(rows)
    tally: dict[tuple[uuid.UUID, str], int] = {}
    for e in rows:
        cell = (e.agency_id, Month.of(e.sent_at).slug)
        tally[cell] = tally.get(cell, 0) + 1
    table = []
    for agency in agencies:
        cells = [Cell(agency.name)]
        for key in keys:
            n = tally.get((agency.pk, key), 0)
            cells.append(Cell(str(n), drill("sent", months, agency, key) if n else ""))
        total = sum(tally.get((agency.pk, k), 0) for k in keys)
        cells.append(Cell(str(total), drill("sent", months, agency) if total else ""))
        table.append(cells)
    monthly = [sum(tally.get((a.pk, k), 0) for a in agencies) for k in keys]
    table.append(
        [
            Cell("All agencies"),
            *[
                Cell(str(n), drill("sent", months, None, k) if n else "")
                for n, k in zip(monthly, keys, strict=True)
            ],
            Cell(str(len(rows)), drill("sent", months) if rows else ""),
        ]
    )
    return Figure(
        slug="per-month",
        title="Enquiries sent each month, by agency",
        definition=(
            f"MASH enquiries sent to each partner agency in each of the last {months} calendar "
            "months (UK time), this month so far included. Withdrawn enquiries are counted: they "
            "were sent."
        ),
        headline=f"{len(rows)} enquiries",
        chart=Chart(
            title="Enquiries sent each month, by agency",
            description=(
                f"Stacked columns, one for each of the last {months} months, split by agency. "
                "The table beside the chart gives every number."
            ),
            unit="enquiries",
            series=[
                Series(
                    a.name,
                    [
                        Point(label, tally.get((a.pk, k), 0))
                        for label, k in zip(labels, keys, strict=True)
                    ],
                )
                for a in agencies
            ],
            shape="stacked",
        ),
        caption="Enquiries sent each month, by agency",
        headers=["Agency", *labels, "Total"],
        rows=table,
    )


def _turnaround_hours(e: Enquiry) -> float:
    assert e.answered_at is not None
    return (e.answered_at - e.sent_at).total_seconds() / 3600


def turnaround_by_agency(months: int = 6) -> Figure:
    answered = list(
        _in_period(months)
        .filter(status=EnquiryStatus.ANSWERED)
        .select_related("agency")
        .only("sent_at", "answered_at", "agency")
    )
    agencies = _agencies(answered)
    by_agency = {
        a.pk: [_turnaround_hours(e) for e in answered if e.agency_id == a.pk] for a in agencies
    }
    medians = {pk: statistics.median(v) for pk, v in by_agency.items()}
    p90s = {pk: nearest_rank(v, 90) for pk, v in by_agency.items()}
    everything = [_turnaround_hours(e) for e in answered]
    table = [
        [
            Cell(a.name),
            Cell(str(len(by_agency[a.pk])), drill("answered", months, a)),
            Cell(hours(medians[a.pk])),
            Cell(hours(p90s[a.pk])),
        ]
        for a in agencies
    ]
    overall_median = statistics.median(everything) if everything else None
    table.append(
        [
            Cell("All agencies"),
            Cell(str(len(everything)), drill("answered", months) if everything else ""),
            Cell(hours(overall_median)),
            Cell(hours(nearest_rank(everything, 90))),
        ]
    )
    return Figure(
        slug="turnaround",
        title="Time to answer, by agency",
        definition=(
            f"For enquiries sent in the last {months} months and answered, the clock hours from "
            "sending to the answer: the median (half were answered sooner) and the 90th "
            "percentile (nine in ten were answered within it; nearest rank, no interpolation)."
        ),
        headline=f"{hours(overall_median)} (median)",
        chart=Chart(
            title="Time to answer, by agency, in hours",
            description=(
                "Horizontal bars for each agency: the median and the 90th percentile time to "
                "answer, in clock hours. The table beside the chart gives every number."
            ),
            unit="hours",
            series=[
                Series("Median", [Point(a.name, medians[a.pk]) for a in agencies]),
                Series("90th percentile", [Point(a.name, p90s[a.pk]) for a in agencies]),
            ],
            shape="bars",
        ),
        caption="Time to answer, by agency",
        headers=["Agency", "Answered", "Median", "90th percentile"],
        rows=table,
    )


@dataclass
class _OnTime:
    on_time: int = 0
    late: int = 0
    overdue: int = 0

    @property
    def counted(self) -> int:
        return self.on_time + self.late + self.overdue


def _timeliness(e: Enquiry, now: datetime) -> str:
    if e.status == EnquiryStatus.ANSWERED:
        assert e.answered_at is not None
        return "on_time" if e.answered_at <= e.due_at else "late"
    if e.status == EnquiryStatus.SENT and e.due_at < now:
        return "overdue"
    return ""  # still in time, or withdrawn: neither a success nor a failure yet


def answered_on_time(months: int = 6) -> Figure:
    now = timezone.now()
    rows = list(
        _in_period(months)
        .select_related("agency")
        .only("status", "due_at", "answered_at", "agency")
    )
    agencies = _agencies(rows)
    tallies = {a.pk: _OnTime() for a in agencies}
    overall = _OnTime()
    for e in rows:
        kind = _timeliness(e, now)
        if kind:
            for t in (tallies[e.agency_id], overall):
                setattr(t, kind, getattr(t, kind) + 1)
    shown = [a for a in agencies if tallies[a.pk].counted]

    def cells(label: str, t: _OnTime, agency: Agency | None) -> list[Cell]:
        return [
            Cell(label),
            Cell(str(t.on_time), drill("on-time", months, agency) if t.on_time else ""),
            Cell(str(t.late), drill("late", months, agency) if t.late else ""),
            Cell(str(t.overdue), drill("overdue", months, agency) if t.overdue else ""),
            Cell(percent_text(t.on_time, t.counted)),
        ]

    table = [cells(a.name, tallies[a.pk], a) for a in shown]
    table.append(cells("All agencies", overall, None))
    return Figure(
        slug="on-time",
        title="Enquiries answered on time, by agency",
        definition=(
            f"Of enquiries sent in the last {months} months that were answered or are past their "
            "due time, the percentage answered by the due time set when they were sent (red 4 "
            "working hours, amber 24 working hours, green 72 hours, or as the council has set "
            "them). One still unanswered after its due time counts as not on time; withdrawn "
            "enquiries and those still within time are not counted."
        ),
        headline=percent_text(overall.on_time, overall.counted),
        chart=Chart(
            title="Percentage of enquiries answered on time, by agency",
            description=(
                "Horizontal bars for each agency and all agencies: the percentage answered by "
                "the due time. The table beside the chart gives every number."
            ),
            unit="%",
            series=[
                Series(
                    "Answered on time",
                    [
                        Point(name, percent(t.on_time, t.counted))
                        for name, t in [
                            *((a.name, tallies[a.pk]) for a in shown),
                            ("All agencies", overall),
                        ]
                    ],
                )
            ],
            shape="bars",
        ),
        caption="Enquiries answered on time, by agency",
        headers=["Agency", "On time", "Late", "Overdue, not answered", "On time (%)"],
        rows=table,
    )


ENQUIRY_MEASURES: list[Callable[[int], Figure]] = [
    enquiries_per_month,
    turnaround_by_agency,
    answered_on_time,
]


# --- Drill-down: the records behind a figure ---------------------------------------------------

ENQUIRY_FIGURES: dict[str, tuple[str, Callable[[datetime], Q]]] = {
    "sent": ("Enquiries sent", lambda now: Q()),
    "answered": ("Enquiries answered", lambda now: Q(status=EnquiryStatus.ANSWERED)),
    "on-time": (
        "Enquiries answered on time",
        lambda now: Q(status=EnquiryStatus.ANSWERED, answered_at__lte=F("due_at")),
    ),
    "late": (
        "Enquiries answered late",
        lambda now: Q(status=EnquiryStatus.ANSWERED, answered_at__gt=F("due_at")),
    ),
    "overdue": (
        "Enquiries overdue and not answered",
        lambda now: Q(status=EnquiryStatus.SENT, due_at__lt=now),
    ),
}


def enquiries_behind(
    figure: str, months: int, agency: Agency | None, month: str
) -> QuerySet[Enquiry]:
    _, condition = ENQUIRY_FIGURES[figure]
    rows = _in_period(months).filter(condition(timezone.now()))
    if agency is not None:
        rows = rows.filter(agency=agency)
    chosen = Month.from_slug(month) if month else None
    if chosen is not None:
        rows = rows.filter(chosen.q("sent_at"))
    return rows.select_related("agency", "family").order_by("-sent_at")
