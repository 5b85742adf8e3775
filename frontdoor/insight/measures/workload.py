"""Management information about the work in hand: the backlog by age, caseloads by worker and
team, and decisions below the indicators with their second reviews. Same shape as
`front_door.py`: one function per measure, a constant number of aggregate queries each.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, Q

from frontdoor.access.models import User
from frontdoor.assessments.workflow import AssessmentStatus
from frontdoor.backlog.backlog import BANDS, Band
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.workflow import OPEN_STATES
from frontdoor.figures.charts import Chart, Point, Series
from frontdoor.figures.figure import Cell, Figure
from frontdoor.figures.percentages import percent_text
from frontdoor.figures.periods import Period
from frontdoor.guardrails.models import BelowIndicatorDecision
from frontdoor.guardrails.workflow import ReviewStatus
from frontdoor.insight.measures.front_door import by_month
from frontdoor.rollups.models import Caseload
from frontdoor.teams.models import Team

REVIEWED = [ReviewStatus.AGREED, ReviewStatus.DISAGREED]
# A caseload is every child allocated to the worker whose assessment is not yet authorised.
ON_CASELOAD = Q(worker__isnull=False) & ~Q(referral__assessment__status=AssessmentStatus.AUTHORISED)


def band_q(band: Band, period: Period) -> Q:
    """Open contacts in this age band, on a Contact queryset (calendar days since receipt)."""
    q = Q(
        status__in=OPEN_STATES, family__received_at__lte=period.now - timedelta(days=band.from_days)
    )
    if band.to_days is not None:
        q &= Q(family__received_at__gt=period.now - timedelta(days=band.to_days))
    return q


def _in_band(band: Band, received: datetime, now: datetime) -> bool:
    """`band_q`'s condition for one contact (the drill-down's list reads `band_q`)."""
    if received > now - timedelta(days=band.from_days):
        return False
    return band.to_days is None or received > now - timedelta(days=band.to_days)


def _open_families() -> list[Any]:
    """The family contact of each open contact (one entry per child), from the partial index
    `contact_open`. SQLite uses a partial index only when the query states its condition with
    the same constants, not with bound parameters, so the statuses (our own constants, checked
    to be plain words) are written into the statement."""
    statuses = sorted(OPEN_STATES)
    assert all(re.fullmatch(r"[a-z_]+", s) for s in statuses)
    condition = ", ".join(f"'{s}'" for s in statuses)
    table = connection.ops.quote_name(Contact._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT family_id FROM {table} WHERE status IN ({condition})")  # noqa: S608
        field = FamilyContact._meta.pk
        assert field is not None
        return [field.to_python(row[0]) for row in cursor.fetchall()]


def _backlog(period: Period) -> dict[str, int]:
    """Open contacts by age band: the open contacts' families from the open contacts' own
    partial index (a few hundred rows at a county's scale, not a join the planner may drive
    from every family ever received), then their received times."""
    families = Counter(_open_families())
    received = FamilyContact.objects.filter(pk__in=list(families)).values_list("pk", "received_at")
    counts = dict.fromkeys((band.key for band in BANDS), 0)
    for family, at in received:
        for band in BANDS:
            if _in_band(band, at, period.now):
                counts[band.key] += families[family]
    return counts


def backlog_by_age(period: Period) -> Figure:
    counts = _backlog(period)
    total = sum(counts.values())
    return Figure(
        slug="backlog-by-age",
        title="Backlog by age",
        definition=(
            "Contacts open now in any queue (awaiting screening, screened, in a hub or awaiting "
            "a decision), one for each child, by calendar days since the contact was received. "
            "The backlog is as it stands now, whatever the period chosen."
        ),
        headline=f"{total} children waiting",
        chart=Chart(
            title="Children waiting, by age",
            description="One bar for each age band. The table gives the counts.",
            unit="children",
            series=[Series("Children waiting", [Point(b.label, counts[b.key]) for b in BANDS])],
        ),
        headers=["Age", "Children waiting", "Share of the backlog"],
        rows=[
            [
                Cell(b.label),
                Cell(str(counts[b.key]), b.key if counts[b.key] else ""),
                Cell(percent_text(counts[b.key], total)),
            ]
            for b in BANDS
        ],
    )


def _caseloads() -> list[dict[str, Any]]:
    """Each worker's caseload from the rollup (frontdoor/rollups, docs/adr/0024: a row for each
    worker and team, kept by the actions), with the workers' and teams' names: three small
    queries, however many allocations were ever made."""
    loads = list(Caseload.objects.filter(children__gt=0))
    workers = User.objects.in_bulk({c.worker_id for c in loads})
    teams = Team.objects.in_bulk({c.team_id for c in loads})
    found = [
        {
            "team__name": teams[c.team_id].name,
            "worker__uuid": workers[c.worker_id].uuid,
            "worker__first_name": workers[c.worker_id].first_name,
            "worker__last_name": workers[c.worker_id].last_name,
            "children": c.children,
            "not_seen": c.not_seen,
        }
        for c in loads
    ]
    return sorted(
        found, key=lambda r: (r["team__name"], r["worker__last_name"], r["worker__first_name"])
    )


def caseloads_by_worker(period: Period) -> Figure:
    found = _caseloads()
    teams: dict[str, int] = {}
    for r in found:
        teams[r["team__name"]] = teams.get(r["team__name"], 0) + r["children"]
    total = sum(teams.values())
    return Figure(
        slug="caseloads",
        title="Caseloads by worker and team",
        definition=(
            "Children allocated to each social worker now, whose assessment is not yet "
            "authorised, and how many of them the worker has not yet seen; with each team's "
            "total. Caseloads are as they stand now, whatever the period chosen."
        ),
        headline=f"{total} children allocated to {len(found)} workers",
        chart=Chart(
            title="Children allocated, by team",
            description="One bar for each team. The table gives each worker.",
            unit="children",
            series=[Series("Children allocated", [Point(t, n) for t, n in teams.items()])],
        ),
        headers=["Team", "Worker", "Children", "Not yet seen"],
        rows=[
            [
                Cell(r["team__name"]),
                Cell(f"{r['worker__first_name']} {r['worker__last_name']}".strip()),
                Cell(str(r["children"]), str(r["worker__uuid"])),
                Cell(str(r["not_seen"]), f"{r['worker__uuid']}~not-seen" if r["not_seen"] else ""),
            ]
            for r in found
        ],
    )


def decisions_below_indicators(period: Period) -> Figure:
    tally = by_month(
        BelowIndicatorDecision.objects.all(),
        "decided_at",
        period,
        below=Count("pk"),
        sampled=Count("pk", filter=~Q(review_status=ReviewStatus.NOT_SAMPLED)),
        reviewed=Count("pk", filter=Q(review_status__in=REVIEWED)),
        disagreed=Count("pk", filter=Q(review_status=ReviewStatus.DISAGREED)),
    )
    below = sum(t["below"] for t in tally.values())
    sampled = sum(t["sampled"] for t in tally.values())
    reviewed = sum(t["reviewed"] for t in tally.values())

    def cell(slug: str, column: str, suffix: str) -> Cell:
        n = tally[slug][column]
        return Cell(str(n), (f"{slug}~{suffix}" if suffix else slug) if n else "")

    return Figure(
        slug="decisions-below-indicators",
        title="Decisions below the indicators, and second reviews",
        definition=(
            "Managers' decisions each month of a lower response than the recorded risk "
            "indicators suggest; how many were sent for a second manager's review, how many of "
            "those reviews are done, and how many reviewers disagreed."
        ),
        headline=f"{below} below the indicators; {reviewed} of {sampled} second reviews done",
        chart=Chart(
            title="Decisions below the indicators and second reviews done, by month",
            description=f"Two bars for each month, {period.words}. The table gives the counts.",
            unit="decisions",
            series=[
                Series(
                    "Below the indicators",
                    [Point(m.short, tally[m.slug]["below"]) for m in period.months],
                ),
                Series(
                    "Second reviews done",
                    [Point(m.short, tally[m.slug]["reviewed"]) for m in period.months],
                ),
            ],
        ),
        headers=[
            "Month",
            "Below the indicators",
            "Sent for review",
            "Reviews done",
            "Disagreed",
            "Done",
        ],
        rows=[
            [
                Cell(m.label),
                cell(m.slug, "below", ""),
                cell(m.slug, "sampled", "sampled"),
                cell(m.slug, "reviewed", "reviewed"),
                cell(m.slug, "disagreed", "disagreed"),
                Cell(percent_text(tally[m.slug]["reviewed"], tally[m.slug]["sampled"])),
            ]
            for m in period.months
        ],
    )
