"""Feedback to referrers within 1 working day of the decision: a figure on the partner agencies'
information page (`partners/information.py` lists it), and the children behind it."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from frontdoor.enquiries.figures import drill
from frontdoor.figures.charts import Chart, Point, Series
from frontdoor.figures.figure import Cell, Figure
from frontdoor.figures.percentages import percent_text
from frontdoor.figures.periods import period_to
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
    start = period_to(timezone.now(), months).start
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
        headline=percent_text(counts["feedback-on-time"], counted),
        chart=Chart(
            title="Feedback to referrers: in time, late and overdue",
            description=(
                "Horizontal bars: how many referrers were told within 1 working day, told late, "
                "and not yet told though overdue. The table beside the chart gives the numbers."
            ),
            unit="children",
            series=[
                Series(
                    "Children", [Point(label, counts[k]) for k, label in FEEDBACK_LABELS.items()]
                )
            ],
            shape="bars",
        ),
        caption="Feedback to referrers",
        headers=["Feedback", "Children"],
        rows=[
            [Cell(label), Cell(str(counts[k]), drill(k, months) if counts[k] else "")]
            for k, label in FEEDBACK_LABELS.items()
        ]
        + [
            [
                Cell("Within 1 working day (%)"),
                Cell(percent_text(counts["feedback-on-time"], counted)),
            ]
        ],
    )


def feedback_behind(figure: str, months: int) -> list[ReferrerFeedback]:
    now = timezone.now()
    rows = _feedback_in_period(months).select_related("family", "decision", "given_by")
    return [r for r in rows.order_by("due_at") if _feedback_kind(r, now) == figure]
