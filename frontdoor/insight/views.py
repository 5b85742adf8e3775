"""Management information pages: each measure with its definition and the children behind it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from frontdoor.access.policies import require
from frontdoor.insight.measures import MEASURES

PERIODS = {"3": 3, "6": 6, "12": 12, "24": 24}  # allow-listed: no query string reaches the ORM


def _months(request: HttpRequest) -> int:
    return PERIODS.get(request.GET.get("months", "12"), 12)


def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_performance")
    months = _months(request)
    return render(
        request,
        "insight/index.html",
        {
            "measures": [measure(months) for measure in MEASURES.values()],
            "months": months,
            "periods": PERIODS,
        },
    )


def measure(request: HttpRequest, slug: str) -> HttpResponse:
    require(request.user, "view_performance")
    if slug not in MEASURES:
        raise Http404
    months = _months(request)
    return render(
        request, "insight/measure.html", {"measure": MEASURES[slug](months), "months": months}
    )
