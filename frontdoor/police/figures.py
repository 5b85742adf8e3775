"""Quality and volume of police notifications, for MASH managers, senior leaders and police
leads (a force's own users see their own force only). Every count leads to the notifications
behind it. Grouping runs in SQL; filters and groupings are allow-listed, never passed through.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet

from frontdoor.access.models import Role
from frontdoor.agencies.models import Agency
from frontdoor.contacts.models import FamilyContact
from frontdoor.figures.percentages import percent_text
from frontdoor.figures.periods import Month, Period, Week, span_of, weeks_to
from frontdoor.figures.spikes import first_recorded, history, is_spike
from frontdoor.police.models import Notification
from frontdoor.police.workflow import Kind, QualityIssue, RiskTool
from frontdoor.timescales.calendar import LONDON

if TYPE_CHECKING:
    from frontdoor.access.models import User

GROUPINGS = {"team": "team", "officer": "officer"}
DASH_DONE = Q(risk_tool__in=[RiskTool.DASH, RiskTool.DARA])
# Drill-down figures: slug -> (label, filter). Allow-listed.
FIGURES: dict[str, tuple[str, Q]] = {
    "all": ("Domestic abuse notifications", Q()),
    "dash": ("With a DASH or DARA risk assessment", DASH_DONE),
    "no-dash": ("Without a DASH or DARA risk assessment", ~DASH_DONE),
    "late": ("Sent late", Q(late=True)),
    "rated": ("Rated by the MASH", Q(quality__isnull=False)),
    "complete": ("Rated complete", Q(quality__complete=True)),
    **{
        "rated-" + issue.replace("_", "-"): (
            f"Rated: {label.lower()}",
            Q(**{f"quality__{issue}": True}),
        )
        for issue, label in QualityIssue.choices
    },
}
WEEKS_SHOWN = 13
WEEKS_COMPARED = 12


def information_notifications(user: User) -> QuerySet[Notification]:
    """Every force's for the MASH's managers and leaders; a police lead's own force's only."""
    if user.role == Role.PARTNER:
        return Notification.objects.filter(agency__in=_own_force(user))
    return Notification.objects.all()


def police_contacts(user: User) -> QuerySet[FamilyContact]:
    """Every contact from the police (referral source 6), however it arrived."""
    contacts = FamilyContact.objects.filter(
        referral_source__code_list="referral_source", referral_source__code="6"
    )
    if user.role == Role.PARTNER:
        return contacts.filter(agency__in=_own_force(user))
    return contacts


def _own_force(user: User) -> QuerySet[Agency]:
    """A police lead's own force (none for a user with no agency)."""
    return Agency.objects.filter(pk=user.agency_id) if user.agency_id else Agency.objects.none()


# --- Quality ------------------------------------------------------------------------------------


@dataclass
class QualityRow:
    group: str
    notifications: int = 0
    dash: int = 0
    late: int = 0
    rated: int = 0
    complete: int = 0
    issues: dict[str, int] = field(default_factory=dict)

    @property
    def no_dash(self) -> int:
        return self.notifications - self.dash

    # As the tables say them: "67%", or nothing for a group with none to count.
    @property
    def dash_percent(self) -> str:
        return percent_text(self.dash, self.notifications, none="")

    @property
    def late_percent(self) -> str:
        return percent_text(self.late, self.notifications, none="")

    @property
    def complete_percent(self) -> str:
        return percent_text(self.complete, self.rated, none="")


def _counts() -> dict[str, Count]:
    counts = {
        "notifications": Count("pk"),
        "dash": Count("pk", filter=DASH_DONE),
        "late": Count("pk", filter=Q(late=True)),
        "rated": Count("pk", filter=Q(quality__isnull=False)),
        "complete": Count("pk", filter=Q(quality__complete=True)),
    }
    for issue in QualityIssue.values:
        counts[f"issue_{issue}"] = Count("pk", filter=Q(**{f"quality__{issue}": True}))
    return counts


def _ints(values: Any) -> dict[str, int]:
    """The counts of one grouped row (its grouping column left out)."""
    return {k: v for k, v in values.items() if isinstance(v, int)}


def _row(group: str, values: dict[str, int]) -> QualityRow:
    issues = {i: values[f"issue_{i}"] for i in QualityIssue.values}
    return QualityRow(
        group=group or "Not given",
        notifications=values["notifications"],
        dash=values["dash"],
        late=values["late"],
        rated=values["rated"],
        complete=values["complete"],
        issues=issues,
    )


def domestic_abuse(user: User, start: datetime, end: datetime) -> QuerySet[Notification]:
    return information_notifications(user).filter(
        kind=Kind.DOMESTIC_ABUSE, incident_at__gte=start, incident_at__lt=end
    )


def quality_by_group(user: User, start: datetime, end: datetime, by: str) -> list[QualityRow]:
    """One row per police team (or officer), busiest first, and a total row last."""
    column = GROUPINGS[by]
    rows = domestic_abuse(user, start, end).values(column).annotate(**_counts()).order_by()
    found = [_row(r[column], r) for r in rows]
    found.sort(key=lambda r: (-r.notifications, r.group))
    total = domestic_abuse(user, start, end).aggregate(**_counts())
    return [*found, _row("All", total)] if found else []


def quality_by_month(user: User, period: Period) -> list[tuple[Month, QualityRow]]:
    rows = (
        domestic_abuse(user, period.start, period.end)
        .annotate(month=span_of("incident_at", period.months))
        .values("month")
        .annotate(**_counts())
        .order_by()
    )
    by_slug = {r["month"]: _row(r["month"], _ints(r)) for r in rows}
    return [(m, by_slug.get(m.slug, QualityRow(m.slug))) for m in period.months]


def quality_list(
    user: User, start: datetime, end: datetime, *, by: str, group: str, figure: str
) -> QuerySet[Notification]:
    """The notifications behind one figure of the quality page."""
    notifications = domestic_abuse(user, start, end).filter(FIGURES[figure][1])
    if group != "All":
        notifications = notifications.filter(
            **{GROUPINGS[by]: "" if group == "Not given" else group}
        )
    return notifications.select_related("quality", "agency").order_by("-incident_at")


# --- Volume -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekRow:
    week: Week
    contacts: int
    average: float | None  # of the weeks it is compared with; None before records began
    spike: bool


def weekly_volume(user: User, now: datetime) -> list[WeekRow]:
    """Police contacts in each of the last 13 weeks, each against the 12 weeks before it, by
    the one spike rule (frontdoor/figures/spikes.py): weeks before records began are not
    compared, and a week needs 6 weeks of records before it to be a spike."""
    weeks = weeks_to(now.astimezone(LONDON).date(), WEEKS_SHOWN + WEEKS_COMPARED)
    counts = dict(
        police_contacts(user)
        .filter(received_at__gte=weeks[0].start, received_at__lt=weeks[-1].end)
        .annotate(week=span_of("received_at", weeks))
        .values_list("week")
        .annotate(n=Count("pk"))
        .order_by()
    )
    series = [counts.get(w.slug, 0) for w in weeks]
    began = first_recorded(series)
    rows = []
    for index in range(WEEKS_COMPARED, len(weeks)):
        earlier = history(series, index, compared=WEEKS_COMPARED, since=began)
        average = statistics.fmean(earlier) if earlier else None
        rows.append(WeekRow(weeks[index], series[index], average, is_spike(series[index], earlier)))
    return rows


def week_contacts(user: User, week: Week) -> QuerySet[FamilyContact]:
    return (
        police_contacts(user)
        .filter(received_at__gte=week.start, received_at__lt=week.end)
        .select_related("agency", "police_notification")
        .order_by("-received_at")
    )


def monthly_volume(user: User, period: Period) -> list[tuple[Month, dict[str, int]]]:
    """Police contacts by month: domestic abuse, missing-person, and others from the police."""
    rows = (
        police_contacts(user)
        .filter(period.q("received_at"))
        .annotate(month=span_of("received_at", period.months))
        .values("month")
        .annotate(
            total=Count("pk"),
            domestic_abuse=Count("pk", filter=Q(police_notification__kind=Kind.DOMESTIC_ABUSE)),
            missing_person=Count("pk", filter=Q(police_notification__kind=Kind.MISSING_PERSON)),
        )
        .order_by()
    )
    by_slug: dict[str, dict[str, int]] = {r["month"]: _ints(r) for r in rows}
    empty = {"total": 0, "domestic_abuse": 0, "missing_person": 0}
    found = []
    for month in period.months:
        row = {**empty, **by_slug.get(month.slug, {})}
        row["other"] = row["total"] - row["domestic_abuse"] - row["missing_person"]
        found.append((month, row))
    return found
