"""Management information about management oversight (issue 9, frontdoor/supervision):
challenges to screening and decisions, raised, still open and responded to. Same shape as
`front_door.py`: one function per measure, one aggregate query each, a drill-down key on every
count (`behind` turns a key into the contacts whose screening or decision was challenged).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from frontdoor.figures.charts import Chart, Point, Series
from frontdoor.figures.figure import Cell, Figure
from frontdoor.figures.percentages import percent_text
from frontdoor.figures.periods import Month, Period
from frontdoor.insight.measures.front_door import by_month
from frontdoor.oversight.models import OversightRecord
from frontdoor.oversight.rules import Reply, Verdict

CHALLENGES = Q(verdict=Verdict.CHALLENGE)
STATES = {
    "open": Q(response__isnull=True),
    "responded": Q(response__isnull=False),
    "revised": Q(response__reply=Reply.REVISE),
}


def challenges_to_decisions(period: Period) -> Figure:
    tally = by_month(
        OversightRecord.objects.filter(CHALLENGES),
        "recorded_at",
        period,
        raised=Count("pk"),
        **{key: Count("pk", filter=q) for key, q in STATES.items()},
    )
    raised = sum(t["raised"] for t in tally.values())
    still_open = sum(t["open"] for t in tally.values())

    def cell(slug: str, column: str) -> Cell:
        n = tally[slug][column]
        return Cell(str(n), (slug if column == "raised" else f"{slug}~{column}") if n else "")

    return Figure(
        slug="challenges-to-decisions",
        title="Managers' challenges to screening and decisions",
        definition=(
            "Management oversight recorded on a child's record each month that challenged the "
            "screening or the manager's decision on a contact; how many are still open (the "
            "person challenged, or a manager of their team, has not responded), how many have "
            "been responded to, and how many of those agreed and revised the decision."
        ),
        headline=f"{raised} challenge{'' if raised == 1 else 's'}; {still_open} still open",
        chart=Chart(
            title="Challenges raised and still open, by month",
            description=f"Two bars for each month, {period.words}. The table gives the counts.",
            unit="challenges",
            series=[
                Series("Raised", [Point(m.short, tally[m.slug]["raised"]) for m in period.months]),
                Series(
                    "Still open", [Point(m.short, tally[m.slug]["open"]) for m in period.months]
                ),
            ],
        ),
        headers=[
            "Month",
            "Raised",
            "Still open",
            "Responded",
            "Agreed and revised",
            "Share revised",
        ],
        rows=[
            [
                Cell(m.label),
                cell(m.slug, "raised"),
                cell(m.slug, "open"),
                cell(m.slug, "responded"),
                cell(m.slug, "revised"),
                Cell(percent_text(tally[m.slug]["revised"], tally[m.slug]["responded"])),
            ]
            for m in period.months
        ],
    )


@dataclass(frozen=True)
class TeamChallenges:
    team: str
    raised: int
    open: int
    responded: int


def challenges_by_team(period: Period) -> list[TeamChallenges]:
    """The same counts for the period, by the team of the person challenged (at the time)."""
    rows = (
        OversightRecord.objects.filter(CHALLENGES, period.q("recorded_at"))
        .values("challenged_team__name")
        .annotate(
            raised=Count("pk"),
            open=Count("pk", filter=STATES["open"]),
            responded=Count("pk", filter=STATES["responded"]),
        )
        .order_by("challenged_team__name")
    )
    return [
        TeamChallenges(
            r["challenged_team__name"] or "No team", r["raised"], r["open"], r["responded"]
        )
        for r in rows
    ]


def behind(month: Month, suffix: str, period: Period) -> Q | None:
    """The contacts behind a count, as a condition on Contact; None for no such count."""
    if suffix not in ("", *STATES):
        return None
    records = OversightRecord.objects.filter(CHALLENGES, month.q("recorded_at"))
    if suffix:
        records = records.filter(STATES[suffix])
    return Q(pk__in=records.values("contact_id"))
