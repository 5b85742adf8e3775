"""Quality and volume of police notifications, with drill-down to the notifications behind each
figure. For MASH managers, senior leaders, and police leads (their own force only)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.access.models import Role, User
from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.agencies.models import AgencyKind
from frontdoor.figures.charts import Chart, Point, Series
from frontdoor.figures.charts import render as render_chart
from frontdoor.figures.percentages import percent
from frontdoor.figures.periods import PERIODS, Period, months_param, period_to
from frontdoor.figures.spikes import spike_rule_words
from frontdoor.police import figures


def _lead(request: HttpRequest) -> User:
    """The signed-in user, if they may read these figures. A partner must be a police force's."""
    require(request.user, "view_police_information")
    user = signed_in_user(request)
    if user.role == Role.PARTNER and (user.agency is None or user.agency.kind != AgencyKind.POLICE):
        raise PermissionDenied("Only a police force's own users may read its figures.")
    return user


def _window(request: HttpRequest) -> tuple[Period, str, datetime, datetime, str]:
    """The months asked for (allow-listed), and one month within them if asked for."""
    months = months_param(request.GET.get("months"))
    period = period_to(timezone.now(), months)
    month = period.month(request.GET.get("month", ""))
    if month is not None:
        return period, str(months), month.start, month.end, month.label
    return period, str(months), period.start, period.end, period.words


def quality(request: HttpRequest) -> HttpResponse:
    user = _lead(request)
    by = request.GET.get("by", "team")
    by = by if by in figures.GROUPINGS else "team"
    period, months, start, end, words = _window(request)
    monthly = figures.quality_by_month(user, period)
    chart = Chart(
        title="Domestic abuse notifications: DASH completed and sent late, by month",
        description="Percentage of each month's notifications; the table below gives the counts.",
        unit="%",
        series=[
            Series(
                "With a DASH or DARA",
                [Point(m.short, percent(r.dash, r.notifications)) for m, r in monthly],
            ),
            Series(
                "Sent late", [Point(m.short, percent(r.late, r.notifications)) for m, r in monthly]
            ),
        ],
    )
    return render(
        request,
        "police/quality.html",
        {
            "rows": figures.quality_by_group(user, start, end, by),
            "monthly": monthly,
            "chart": render_chart(chart, "quality-chart"),
            "by": by,
            "months": months,
            "periods": PERIODS,
            "month": request.GET.get("month", "") if words != period.words else "",
            "words": words,
            "own_force": user.agency if user.role == Role.PARTNER else None,
        },
    )


def quality_list(request: HttpRequest) -> HttpResponse:
    user = _lead(request)
    by, figure = request.GET.get("by", "team"), request.GET.get("figure", "all")
    if by not in figures.GROUPINGS or figure not in figures.FIGURES:
        raise Http404
    group = request.GET.get("group", "All")[:200]
    month = request.GET.get("month", "")[:7]
    _, months, start, end, words = _window(request)
    listed = figures.quality_list(user, start, end, by=by, group=group, figure=figure)
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "police/quality_list.html",
        {
            "page": page,
            "figure_label": figures.FIGURES[figure][0],
            "group": group,
            "by": by,
            "words": words,
            "months": months,
            "query": urlencode(
                {"by": by, "group": group, "figure": figure, "months": months, "month": month}
            )
            + "&",
            "may_open": user.role == Role.MANAGER,
        },
    )


def volume(request: HttpRequest) -> HttpResponse:
    user = _lead(request)
    now = timezone.now()
    weeks = figures.weekly_volume(user, now)
    period = period_to(now, 12)
    chart = Chart(
        title="Police contacts per week",
        description="Contacts from the police in each of the last 13 weeks. A red bar is a "
        "spike: well above the average of the 12 weeks before it.",
        unit="contacts",
        series=[
            Series("Police contacts", [Point(w.week.short, w.contacts, w.spike) for w in weeks])
        ],
        flag_label="Spike",
    )
    return render(
        request,
        "police/volume.html",
        {
            "weeks": weeks,
            "latest": weeks[-1],
            "chart": render_chart(chart, "volume-chart"),
            "monthly": figures.monthly_volume(user, period),
            "spike_rule": spike_rule_words("week", figures.WEEKS_COMPARED),
            "own_force": user.agency if user.role == Role.PARTNER else None,
        },
    )


def volume_week(request: HttpRequest, week: str) -> HttpResponse:
    user = _lead(request)
    shown = {w.week.slug: w.week for w in figures.weekly_volume(user, timezone.now())}
    chosen = shown.get(week)
    if chosen is None:
        raise Http404
    page = Paginator(figures.week_contacts(user, chosen), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "police/volume_week.html",
        {"page": page, "week": chosen, "may_open": user.role == Role.MANAGER},
    )
