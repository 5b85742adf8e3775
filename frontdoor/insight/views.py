"""Management information pages: each measure with its definition and the children behind it.

The front door's page (issue 9) shows every measure with its chart and table; a manager follows
a count to the children behind it (restricted records as placeholders); a manager or senior
leader exports a measure's table as a spreadsheet after a reason and a recent step-up, and the
export is audited. Senior leaders read figures only, never the children behind them.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from frontdoor.access import step_up
from frontdoor.access.policies import can, require
from frontdoor.access.queries import (
    RESTRICTED_PLACEHOLDER,
    hidden_person_ids,
    signed_in_user,
)
from frontdoor.audit.actions import record_event
from frontdoor.contacts.queries import visible_contacts
from frontdoor.exports import spreadsheet
from frontdoor.exports.forms import ExportReasonForm
from frontdoor.figures.charts import render as render_chart
from frontdoor.figures.figure import Figure
from frontdoor.figures.periods import PERIODS, Period, months_param, period_to
from frontdoor.insight.measures import FRONT_DOOR, MEASURES
from frontdoor.insight.measures.behind import children


def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_performance")
    months = months_param(request.GET.get("months"))
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
    """One measure and the children behind it. Only a role that may see the children gets
    their names (senior leaders read the figures), and a restricted child the viewer may not
    open is a placeholder."""
    user = signed_in_user(request)
    require(user, "view_performance")
    if slug not in MEASURES:
        raise Http404
    months = months_param(request.GET.get("months"))
    show_children = can(user, "view_performance_children")
    return render(
        request,
        "insight/measure.html",
        {
            "measure": MEASURES[slug](months),
            "months": months,
            "show_children": show_children,
            "hidden": hidden_person_ids(user) if show_children else frozenset(),
            "placeholder": RESTRICTED_PLACEHOLDER,
        },
    )


def _period(request: HttpRequest) -> tuple[Period, int]:
    months = months_param(request.GET.get("months"))
    return period_to(timezone.now(), months), months


def _figure(slug: str, period: Period) -> Figure:
    if slug not in FRONT_DOOR:
        raise Http404
    return FRONT_DOOR[slug](period)


@require_GET
def front_door(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "view_performance")
    period, months = _period(request)
    figures = [function(period) for function in FRONT_DOOR.values()]
    return render(
        request,
        "insight/front_door.html",
        {
            "figures": [(f, render_chart(f.chart, f"chart-{f.slug}")) for f in figures],
            "months": months,
            "period": period,
            "periods": PERIODS,
            "may_drill": can(user, "view_performance_children"),
            "may_export": can(user, "export_performance"),
        },
    )


@require_GET
def front_door_children(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "view_performance_children")
    period, months = _period(request)
    figure = _figure(slug, period)
    key = request.GET.get("key", "")[:80]
    condition = children(slug, key, period)
    if condition is None:
        raise Http404
    contacts = (
        visible_contacts(user)
        .filter(condition)
        .select_related("family", "family__referral_source", "person")
        .order_by("-family__received_at", "pk")
    )
    page = Paginator(contacts, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "insight/front_door_children.html",
        {
            "figure": figure,
            "page": page,
            "months": months,
            "period": period,
            "extra": urlencode({"key": key, "months": months}) + "&",
        },
    )


@require_http_methods(["GET", "POST"])
def front_door_export(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "export_performance")
    period, months = _period(request)
    if slug not in FRONT_DOOR:
        raise Http404
    if not step_up.is_recent(request):
        return step_up.redirect_to_step_up(request)
    figure = _figure(slug, period)
    form = ExportReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        content = spreadsheet.workbook_bytes(
            spreadsheet.Sheet(
                figure.title,
                f"{figure.title}, {period.words}. {figure.definition}",
                figure.headers,
                ([cell.text for cell in row] for row in figure.rows),
            )
        )
        with transaction.atomic():
            record_event(
                actor=user,
                verb="performance_exported",
                reason=form.cleaned_data["reason"],
                data={"measure": slug, "months": months, "rows": len(figure.rows)},
            )
        return spreadsheet.download(content, f"performance-{slug}")
    return render(
        request,
        "insight/front_door_export.html",
        {"form": form, "figure": figure, "period": period},
        status=400 if form.errors else 200,
    )
