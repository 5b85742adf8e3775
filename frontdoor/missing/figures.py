"""Management information for children who go missing, month by month (UK time, the months of
frontdoor/figures), each figure leading to the children behind it (domain brief, section 8).

- episodes that started;
- return home interviews offered within 72 hours, and completed, as percentages of returns;
- children who repeatedly go missing (flagged for a strategy discussion decision);
- the typical (median) gap between attempts to reach a child, and how many gaps were longer
  than the setting.

Counts are single aggregate queries over stored times (one filtered count per month), so the
page's cost does not grow with the number of months' rows shown. Gaps need each episode's
attempts in order, so those are read once for the whole period and grouped here.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from frontdoor.figures.percentages import percent, percent_text
from frontdoor.figures.periods import Month, months_to
from frontdoor.missing.models import ContactAttempt, Episode, RepeatMissingFlag


def latest_months(today: date, count: int = 12) -> list[Month]:
    """The `count` months up to and including `today`'s, newest first (as the page reads)."""
    return months_to(today, count)[::-1]


def month_from_slug(slug: str) -> Month:
    """Turn "2026-03" into March 2026; anything else is a 404 (query strings are allow-listed)."""
    month = Month.from_slug(slug)
    if month is None:
        raise Http404
    return month


# --- The figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InterviewFigures:
    returns: int
    offered_in_time: int
    still_in_time: int
    completed: int

    @property
    def decided(self) -> int:
        """Returns whose 72 hours have run out or that were offered: the denominator."""
        return self.returns - self.still_in_time

    @property
    def offered_in_time_percent(self) -> float | None:
        return percent(self.offered_in_time, self.decided)

    @property
    def offered_in_time_text(self) -> str:
        return percent_text(self.offered_in_time, self.decided, places=1, none="")

    @property
    def not_offered_in_time(self) -> int:
        return self.decided - self.offered_in_time

    @property
    def not_completed(self) -> int:
        return self.returns - self.completed

    @property
    def completed_percent(self) -> float | None:
        return percent(self.completed, self.returns)

    @property
    def completed_text(self) -> str:
        return percent_text(self.completed, self.returns, places=1, none="")


@dataclass
class GapFigures:
    gaps: list[timedelta] = field(default_factory=list)
    too_long: int = 0
    episodes: set[object] = field(default_factory=set)

    @property
    def median(self) -> timedelta | None:
        if not self.gaps:
            return None
        return timedelta(seconds=statistics.median(g.total_seconds() for g in self.gaps))


@dataclass(frozen=True)
class MonthFigures:
    month: Month
    episodes: int
    interviews: InterviewFigures
    repeat_children: int
    gaps: GapFigures


def figures(months: list[Month], now: datetime) -> list[MonthFigures]:
    if not months:
        return []
    started = Episode.objects.aggregate(
        **{f"m{i}": Count("id", filter=m.q("started_at")) for i, m in enumerate(months)}
    )
    interviews = _interview_counts(months, now)
    repeat = RepeatMissingFlag.objects.aggregate(
        **{
            f"m{i}": Count("person", filter=m.q("raised_at"), distinct=True)
            for i, m in enumerate(months)
        }
    )
    gaps = _gaps(months)
    return [
        MonthFigures(
            month=m,
            episodes=started[f"m{i}"],
            interviews=interviews[i],
            repeat_children=repeat[f"m{i}"],
            gaps=gaps[m.slug],
        )
        for i, m in enumerate(months)
    ]


def _interview_counts(months: list[Month], now: datetime) -> list[InterviewFigures]:
    in_time = Q(rhi_offered_at__isnull=False, rhi_offered_at__lte=F("rhi_due_at"))
    still = Q(rhi_offered_at__isnull=True, rhi_due_at__gt=now)
    counts: dict[str, Count] = {}
    for i, m in enumerate(months):
        returned = m.q("returned_at")
        counts[f"r{i}"] = Count("id", filter=returned)
        counts[f"o{i}"] = Count("id", filter=returned & in_time)
        counts[f"s{i}"] = Count("id", filter=returned & still)
        counts[f"c{i}"] = Count("id", filter=returned & Q(rhi_completed_at__isnull=False))
    row = Episode.objects.aggregate(**counts)
    return [
        InterviewFigures(
            returns=row[f"r{i}"],
            offered_in_time=row[f"o{i}"],
            still_in_time=row[f"s{i}"],
            completed=row[f"c{i}"],
        )
        for i in range(len(months))
    ]


def _gaps(months: list[Month]) -> dict[str, GapFigures]:
    by_month: dict[str, GapFigures] = defaultdict(GapFigures)
    oldest, newest = months[-1].start, months[0].end
    rows = (
        ContactAttempt.objects.filter(
            episode__returned_at__gte=oldest, episode__returned_at__lt=newest
        )
        .order_by("episode_id", "attempted_at")
        .values_list("episode_id", "episode__returned_at", "attempted_at", "next_attempt_due_at")
    )
    for episode_id, returned_at, previous, following in _pairs(rows):
        month = by_month[Month.of(returned_at).slug]
        month.gaps.append(following[0] - previous[0])
        month.episodes.add(episode_id)
        if following[0] > previous[1]:
            month.too_long += 1
    return by_month


def _pairs(
    rows: Iterable[tuple[Any, Any, datetime, datetime]],
) -> Iterable[tuple[Any, datetime, tuple[datetime, datetime], tuple[datetime, datetime]]]:
    """Consecutive attempts of the same episode: (episode, returned, earlier, later)."""
    last_episode: object = None
    last: tuple[datetime, datetime] | None = None
    for episode_id, returned_at, attempted_at, next_due in rows:
        if episode_id == last_episode and last is not None:
            yield episode_id, returned_at, last, (attempted_at, next_due)
        last_episode, last = episode_id, (attempted_at, next_due)


# --- Drilling down ------------------------------------------------------------------------------

FIGURES = {
    "episodes": "Episodes that started",
    "returns": "Children who returned",
    "offered-in-time": "Offered a return home interview within 72 hours",
    "not-offered-in-time": "Not offered a return home interview within 72 hours",
    "completed": "Return home interview completed",
    "not-completed": "Return home interview not completed",
    "repeat": "Children flagged as going missing repeatedly",
    "gaps": "Attempts to reach the child, longest gap first",
}


def drill_down(figure: str, month: Month, now: datetime) -> QuerySet[Episode]:
    """The episodes behind one figure in one month."""
    returned = Episode.objects.filter(month.q("returned_at"))
    in_time = Q(rhi_offered_at__isnull=False, rhi_offered_at__lte=F("rhi_due_at"))
    still = Q(rhi_offered_at__isnull=True, rhi_due_at__gt=now)
    match figure:
        case "episodes":
            episodes = Episode.objects.filter(month.q("started_at"))
        case "returns":
            episodes = returned
        case "offered-in-time":
            episodes = returned.filter(in_time)
        case "not-offered-in-time":
            episodes = returned.exclude(in_time).exclude(still)
        case "completed":
            episodes = returned.filter(rhi_completed_at__isnull=False)
        case "not-completed":
            episodes = returned.filter(rhi_completed_at__isnull=True)
        case "repeat":
            flagged = RepeatMissingFlag.objects.filter(month.q("raised_at")).values("episode")
            episodes = Episode.objects.filter(pk__in=flagged)
        case "gaps":
            episodes = returned.filter(attempts__isnull=False).distinct()
        case _:
            raise Http404
    return episodes.select_related("person", "police_report").order_by("started_at", "id")


def longest_gaps(episodes: list[Episode]) -> dict[object, timedelta]:
    """Each episode's longest gap between attempts (for the gaps drill-down)."""
    rows = (
        ContactAttempt.objects.filter(episode__in=[e.pk for e in episodes])
        .order_by("episode_id", "attempted_at")
        .values_list("episode_id", "episode__returned_at", "attempted_at", "next_attempt_due_at")
    )
    longest: dict[object, timedelta] = {}
    for episode_id, _, earlier, later in _pairs(rows):
        gap = later[0] - earlier[0]
        longest[episode_id] = max(gap, longest.get(episode_id, timedelta(0)))
    return longest
