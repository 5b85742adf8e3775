"""Management information from decision to doorstep: one function per measure.

Each measure states its definition in words (shown on the page), returns its figures, and the
rows behind them, so that every figure leads to the list of children it counts. Figures are
computed from the stored clocks and times; nothing is counted up by a nightly job.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from frontdoor.assessments.models import Assessment
from frontdoor.assessments.workflow import AssessmentStatus
from frontdoor.figures.percentages import percent_text
from frontdoor.people.models import Person
from frontdoor.strategy.models import (
    Agency,
    ChildProtectionPlan,
    ChildProtectionReview,
    Section47Enquiry,
    StrategyDiscussion,
)
from frontdoor.strategy.workflow import DiscussionStatus, EnquiryStatus
from frontdoor.visits.models import Allocation


@dataclass(frozen=True)
class Row:
    person: Person
    detail: str
    met: bool | None
    group: str = ""


@dataclass(frozen=True)
class Measure:
    slug: str
    title: str
    definition: str
    headline: str
    figures: list[tuple[str, str]]
    rows: list[Row] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)


def _since(months: int) -> datetime:
    return timezone.now() - timedelta(days=round(months * 30.44))


def seen_within_timescale(months: int = 12) -> Measure:
    now = timezone.now()
    rows = []
    for a in Allocation.objects.filter(transferred_at__gte=_since(months)).select_related("person"):
        if a.first_seen_at is None and a.see_by > now:
            continue  # still within time: not yet a success or a failure
        in_time = a.first_seen_at is not None and a.first_seen_at <= a.see_by
        seen = (
            timezone.localtime(a.first_seen_at).strftime("%d %b %Y %H:%M")
            if a.first_seen_at
            else "not yet seen"
        )
        see_by = f"{timezone.localtime(a.see_by):%d %b %Y %H:%M}"
        rows.append(Row(a.person, f"See by {see_by}; seen {seen}", in_time))
    met = sum(1 for r in rows if r.met)  # children seen in time
    return Measure(
        slug="seen-within-timescale",
        title="Children seen within their decision's timescale",
        definition=(
            "Of children transferred for an assessment or strategy discussion in the last "
            f"{months} months whose see-by time has passed, the percentage first seen by the "
            "time the manager set. A child not yet seen after that time counts as not met."
        ),
        headline=percent_text(met, len(rows)),
        figures=[
            ("Seen in time", str(met)),
            ("Not seen in time", str(len(rows) - met)),
            ("Children", str(len(rows))),
        ],
        rows=sorted(rows, key=lambda r: (r.met is not False, r.person.last_name)),
    )


def days_referral_to_first_visit(months: int = 12) -> Measure:
    rows, days = [], []
    seen = Allocation.objects.filter(first_seen_at__gte=_since(months)).select_related(
        "person", "referral"
    )
    for a in seen:
        assert a.first_seen_at is not None
        elapsed = (a.first_seen_at - a.referral.referral_date).total_seconds() / 86400
        days.append(elapsed)
        rows.append(Row(a.person, f"{elapsed:.1f} days from referral to first visit", None))
    median = statistics.median(days) if days else None
    p90 = statistics.quantiles(days, n=10)[-1] if len(days) >= 2 else (days[0] if days else None)
    return Measure(
        slug="referral-to-first-visit",
        title="Days from referral to first visit",
        definition=(
            f"For children first seen in the last {months} months, the calendar days from the "
            "referral (when the contact was received) to the first visit at which the child "
            "was seen: median and 90th percentile."
        ),
        headline=f"{median:.1f} days (median)" if median is not None else "No data",
        figures=[
            ("Median", f"{median:.1f} days" if median is not None else "–"),
            ("90th percentile", f"{p90:.1f} days" if p90 is not None else "–"),
            ("Children", str(len(days))),
        ],
        rows=sorted(rows, key=lambda r: -float(r.detail.split()[0])),
    )


def assessments_within_45_working_days(months: int = 12) -> Measure:
    rows = []
    done = Assessment.objects.filter(
        status=AssessmentStatus.AUTHORISED, authorised_at__gte=_since(months)
    ).select_related("person")
    for a in done:
        assert a.authorised_at is not None
        met = a.authorised_at <= a.due_at
        reason = f" Reason: {a.late_reason}" if not met and a.late_reason else ""
        authorised = f"{timezone.localtime(a.authorised_at):%d %b %Y}"
        due = f"{timezone.localtime(a.due_at):%d %b %Y}"
        rows.append(Row(a.person, f"Authorised {authorised}; due {due}.{reason}", met))
    in_time = sum(1 for r in rows if r.met)
    open_late = Assessment.objects.filter(
        status__in=[AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED],
        due_at__lt=timezone.now(),
    ).count()
    return Measure(
        slug="assessments-within-45-days",
        title="Assessments completed within 45 working days",
        definition=(
            f"Of child and family assessments authorised in the last {months} months, the "
            "percentage authorised within 45 working days of the referral (national)."
        ),
        headline=percent_text(in_time, len(rows)),
        figures=[
            ("Within 45 working days", str(in_time)),
            ("Late", str(len(rows) - in_time)),
            ("Open and already past 45 working days", str(open_late)),
        ],
        rows=sorted(rows, key=lambda r: (r.met is not False, r.person.last_name)),
    )


def strategy_attendance_by_agency(months: int = 12) -> Measure:
    held = list(
        StrategyDiscussion.objects.filter(status=DiscussionStatus.HELD, held_at__gte=_since(months))
        .select_related("person")
        .prefetch_related("participants")
    )
    figures, rows = [], []
    for agency in Agency:
        attended = sum(
            1 for d in held if any(p.agency == agency and p.attended for p in d.participants.all())
        )
        figures.append(
            (agency.label, f"{attended} of {len(held)} ({percent_text(attended, len(held))})")
        )
    for d in held:
        missing = d.missing_minimum()
        assert d.held_at is not None
        rows.append(
            Row(
                d.person,
                f"Held {timezone.localtime(d.held_at):%d %b %Y}"
                + (
                    f"; did not attend: {', '.join(missing)}"
                    if missing
                    else "; council, police and health attended"
                ),
                not missing,
            )
        )
    full = sum(1 for r in rows if r.met)
    return Measure(
        slug="strategy-attendance",
        title="Strategy discussion attendance by agency",
        definition=(
            f"Of strategy discussions held in the last {months} months, how many each agency "
            "attended, and the percentage at which the minimum (council social work, police and "
            "health) all attended."
        ),
        headline=f"{percent_text(full, len(rows))} with council, police and health",
        figures=figures,
        rows=sorted(rows, key=lambda r: (r.met is not False, r.person.last_name)),
    )


def conferences_within_15_working_days(months: int = 12) -> Measure:
    rows = []
    held = Section47Enquiry.objects.filter(
        status=EnquiryStatus.CONFERENCE_HELD, icpc_held_on__gte=_since(months).date()
    ).select_related("person")
    for e in held:
        assert e.icpc_held_on is not None
        due = timezone.localtime(e.icpc_due_at).date()
        rows.append(
            Row(
                e.person,
                f"Held {e.icpc_held_on:%d %b %Y}; due by {due:%d %b %Y}",
                e.icpc_held_on <= due,
            )
        )
    met = sum(1 for r in rows if r.met)
    return Measure(
        slug="conferences-within-15-days",
        title="Initial child protection conferences within 15 working days",
        definition=(
            f"Of initial child protection conferences held in the last {months} months, the "
            "percentage held within 15 working days of the strategy discussion that started the "
            "section 47 enquiry (national)."
        ),
        headline=percent_text(met, len(rows)),
        figures=[
            ("Within 15 working days", str(met)),
            ("Late", str(len(rows) - met)),
            ("Conferences", str(len(rows))),
        ],
        rows=sorted(rows, key=lambda r: (r.met is not False, r.person.last_name)),
    )


def plan_reviews_on_time(months: int = 12) -> Measure:
    """Review conferences of child protection plans against their clocks (issue 16): the first
    within 3 months of the plan, then at most 6 months apart, each due on a working day and
    stored when the clock started (ADR 0004), so a late review stays late."""
    today = timezone.localdate()
    rows = []
    held = ChildProtectionReview.objects.filter(held_on__gte=_since(months).date()).select_related(
        "plan__person"
    )
    for r in held:
        rows.append(
            Row(
                r.plan.person,
                f"Review held {r.held_on:%d %b %Y}; due by {r.due_on:%d %b %Y}",
                r.on_time,
                "Held",
            )
        )
    overdue = ChildProtectionPlan.objects.filter(
        ended_on__isnull=True, next_review_due_on__lt=today
    ).select_related("person")
    for plan in overdue:
        rows.append(
            Row(
                plan.person,
                f"Review due by {plan.next_review_due_on:%d %b %Y}; not yet held",
                False,
                "Overdue now",
            )
        )
    on_time = sum(1 for r in rows if r.met and r.group == "Held")
    reviews = sum(1 for r in rows if r.group == "Held")
    return Measure(
        slug="plan-reviews-on-time",
        title="Child protection plan reviews held on time",
        definition=(
            f"Of review conferences of child protection plans held in the last {months} months, "
            "the percentage held by the date they were due: the first within 3 months of the "
            "initial conference, then at most 6 months apart (national), on a working day. "
            "Plans still open whose review date has passed without one are listed as overdue."
        ),
        headline=percent_text(on_time, reviews),
        figures=[
            ("Held on time", str(on_time)),
            ("Held late", str(reviews - on_time)),
            ("Open plans with a review overdue now", str(len(rows) - reviews)),
        ],
        rows=sorted(rows, key=lambda r: (r.met is not False, r.person.last_name)),
    )


MEASURES: dict[str, Callable[[int], Measure]] = {
    "seen-within-timescale": seen_within_timescale,
    "referral-to-first-visit": days_referral_to_first_visit,
    "assessments-within-45-days": assessments_within_45_working_days,
    "strategy-attendance": strategy_attendance_by_agency,
    "conferences-within-15-days": conferences_within_15_working_days,
    "plan-reviews-on-time": plan_reviews_on_time,
}
