"""What the partner agencies' information page adds to the figures kernel (frontdoor/figures):
the periods it offers, nearest-rank percentiles, hours in words, and the link from a count to
the records behind it (`drill`), which is that count's drill-down key."""

from __future__ import annotations

import math
from urllib.parse import urlencode

from django.urls import reverse

from frontdoor.agencies.models import Agency

PERIODS = {"3": 3, "6": 6, "12": 12}  # allow-listed: no query string reaches the ORM
DEFAULT_MONTHS = 6


def nearest_rank(values: list[float], percent: float) -> float | None:
    """The nearest-rank percentile: the smallest value that at least `percent`% of the values
    are no greater than. No interpolation, so it is always a turnaround that really happened."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


def hours(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} hours"


def drill(figure: str, months: int, agency: Agency | None = None, month: str = "") -> str:
    """The enquiries (or referrers) behind one count: a figure, and an agency and a month
    (a slug, "2026-03") where the count is one agency's or one month's."""
    query = {"months": months}
    if agency is not None:
        query["agency"] = str(agency.pk)  # type: ignore[assignment]
    if month:
        query["month"] = month  # type: ignore[assignment]
    url = reverse("enquiries:information-list", kwargs={"figure": figure})
    return f"{url}?{urlencode(query)}"
