"""The one rule for when a count is a spike: the same for police contacts by week and for
contacts by source and month (docs/adr/0021).

A count is a spike when

1. at least MIN_HISTORY earlier periods of records come before it (a month or week before the
   first one with anything recorded is not history: it is before the system, or the data, began);
   and
2. it is above the mean of the earlier periods compared by more than twice the larger of their
   standard deviation and the square root of their mean; and
3. it is at least FLOOR above that mean.

Why each part: (1) without history every first month is a spike (issue 17: the demo's first
months were all flagged). (2) Counts of separate arrivals vary by about the square root of their
mean even when nothing has changed (a Poisson count), so a history that happens to be flat does
not make every small rise a spike, and a real rise of a thousand in a month stands out at any
volume; where the history varies more than that, its own spread is the yardstick. (3) A spike is
extra work a MASH would feel: 4 after a run of 1s, or 8 after a run of 2s, is not one.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

MIN_HISTORY = 6  # earlier periods of records needed before a count can be a spike
FLOOR = 10  # at least this many above the mean of the earlier periods: work a MASH would feel


def is_spike(count: int, earlier: Sequence[int]) -> bool:
    """Whether `count` is a spike against the `earlier` periods' counts (all of them records)."""
    if len(earlier) < MIN_HISTORY:
        return False
    mean = statistics.fmean(earlier)
    rise = count - mean
    # The cheap tests first (a page judges hundreds of counts; the standard deviation, exact in
    # `statistics`, is the dear part): the margin is never below twice the root of the mean.
    if rise < FLOOR or rise <= 2 * math.sqrt(mean):
        return False
    return rise > 2 * max(statistics.pstdev(earlier), math.sqrt(mean))


def first_recorded(counts: Sequence[int]) -> int:
    """Where records begin in a series: the first period with anything counted. The periods
    before it are taken as before the system (or the data) began, not as quiet ones."""
    return next((i for i, n in enumerate(counts) if n), len(counts))


def history(counts: Sequence[int], index: int, *, compared: int, since: int = 0) -> list[int]:
    """The earlier periods the count at `index` is judged against: up to `compared` of them,
    none before `since` (where records begin)."""
    return list(counts[max(since, index - compared) : index])


def spikes(counts: Sequence[int], *, compared: int, since: int | None = None) -> list[bool]:
    """Whether each count of a series (oldest first) is a spike, against up to `compared`
    periods before it. `since` is where records begin; by default, where this series' own
    begin (give the total's for one part of a total, so that a new source can still spike)."""
    start = first_recorded(counts) if since is None else since
    return [
        is_spike(n, history(counts, i, compared=compared, since=start))
        for i, n in enumerate(counts)
    ]


def spike_rule_words(period: str, compared: int) -> str:
    """The rule in a page's words, for a figure's definition ("month", 6)."""
    fewer = " (or of as many as there are)" if compared > MIN_HISTORY else ""
    return (
        f"A {period} is flagged as a spike when at least {MIN_HISTORY} {period}s of records "
        f"come before it and its count is above the mean of the {compared} {period}s before "
        f"it{fewer} by more than twice the larger of their standard deviation and the square "
        f"root of their mean, and by at least {FLOOR}."
    )
