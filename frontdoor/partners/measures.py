"""Feedback to referrers within 1 working day of the decision: a figure on the partner agencies'
information page (`enquiries/measures.py` lists it), and the children behind it."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from frontdoor.enquiries.charts import Series, horizontal_bars
from frontdoor.enquiries.figures import Cell, Figure, drill, percent, period_start
from frontdoor.partners.models import ReferrerFeedback


def _feedback_kind(f: ReferrerFeedback, now: datetime) -> str:
    if f.given_at is not None:
        return "feedback-on-time" if f.given_at <= f.due_at else "feedback-late"
    return "feedback-overdue" if f.due_at < now else ""


FEEDBACK_LABELS = {
    "feedback-on-time": "Told within 1 working day",
    "feedback-late": "Told late",
    "feedback-overdue": "Not yet told, overdue",
}


def _feedback_in_period(months: int) -> QuerySet[ReferrerFeedback]:
    start = period_start(months, timezone.localdate())
    return ReferrerFeedback.objects.filter(decision__decided_at__gte=start)


def feedback_within_a_working_day(months: int = 6) -> Figure:
    now = timezone.now()
    counts = dict.fromkeys(FEEDBACK_LABELS, 0)
    for row in _feedback_in_period(months).only("due_at", "given_at"):
        kind = _feedback_kind(row, now)
        if kind:
            counts[kind] += 1
    counted = sum(counts.values())
    return Figure(
        slug="feedback",
        title="Feedback to referrers within 1 working day",
        definition=(
            f"For children decided in the last {months} months whose referrer is known (not "
            "anonymous), the percentage whose referrer was told the outcome within 1 working "
            "day of the decision, as recorded by MASH staff. Feedback not yet given after that "
            "time counts as late; feedback still within time is not counted."
        ),
        headline=percent(counts["feedback-on-time"], counted),
        chart=horizontal_bars(
            chart_id="chart-feedback",
            title="Feedback to referrers: in time, late and overdue",
            description=(
                "Horizontal bars: how many referrers were told within 1 working day, told late, "
                "and not yet told though overdue. The table beside the chart gives the numbers."
            ),
            categories=list(FEEDBACK_LABELS.values()),
            series=[Series("Children", [float(counts[k]) for k in FEEDBACK_LABELS])],
            unit="children",
        ),
        caption="Feedback to referrers",
        headers=["Feedback", "Children"],
        rows=[
            [Cell(label, header=True), Cell(str(counts[k]), drill(k, months) if counts[k] else "")]
            for k, label in FEEDBACK_LABELS.items()
        ]
        + [
            [
                Cell("Within 1 working day (%)", header=True),
                Cell(percent(counts["feedback-on-time"], counted)),
            ]
        ],
    )


def feedback_behind(figure: str, months: int) -> list[ReferrerFeedback]:
    now = timezone.now()
    rows = _feedback_in_period(months).select_related("family", "decision", "given_by")
    return [r for r in rows.order_by("due_at") if _feedback_kind(r, now) == figure]
