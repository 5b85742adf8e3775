"""The statutory returns page (issue 16, docs/adr/0030): the CIN census and Ofsted's Annex A as
downloads, and the records the census would reject.

Thin: parse, call one query, render. A download needs the policy's permission, a recent
step-up and a reason, and writes one audit event in the same request (../shared/SECURITY.md
12); the files are never cached.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from frontdoor.access import step_up
from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.audit.actions import record_event
from frontdoor.exports import spreadsheet
from frontdoor.returns import annex_a, census, quality
from frontdoor.returns.forms import AnnexAForm, CensusForm
from frontdoor.timescales.calendar import local_date

XML = "application/xml"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "download_returns")
    return render(
        request,
        "returns/index.html",
        {
            "years": sorted(census.YEARS),
            "may_check_quality": can(user, "check_census_quality"),
        },
    )


@require_http_methods(["GET", "POST"])
def census_download(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "download_returns")
    if not step_up.is_recent(request):
        return step_up.redirect_to_step_up(request)
    form = CensusForm(request.POST or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        built = census.build(year)
        content = built.to_bytes()
        problems = census.schema_problems(content, year)
        if problems:
            form.add_error(
                "year",
                f"The {year} census does not meet the DfE's schema in {len(problems)} "
                "places: complete the records on the 'Before census day' page, then download it",
            )
        else:
            with transaction.atomic():
                record_event(
                    actor=user,
                    verb="census_downloaded",
                    reason=form.cleaned_data["reason"],
                    data={"year": year, "children": built.children, "episodes": built.episodes},
                )
            response = HttpResponse(content, content_type=XML)
            response["Content-Disposition"] = (
                f'attachment; filename="cin-census-{year}-{spreadsheet.MARKING}.xml"'
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(
        request,
        "returns/census.html",
        {
            "form": form,
            "problems": problems[:20],
            "more": max(0, len(problems) - 20),
            "may_check_quality": can(user, "check_census_quality"),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def annex_a_download(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "download_returns")
    if not step_up.is_recent(request):
        return step_up.redirect_to_step_up(request)
    form = AnnexAForm(request.POST or None, today=local_date(timezone.now()))
    if request.method == "POST" and form.is_valid():
        as_of = form.cleaned_data["as_of"]
        period = annex_a.Period(as_of)
        lists = annex_a.build(user, as_of)
        content = annex_a.workbook_bytes(lists, period)
        with transaction.atomic():
            record_event(
                actor=user,
                verb="annex_a_downloaded",
                reason=form.cleaned_data["reason"],
                data={
                    "as_of": as_of.isoformat(),
                    "rows": {a.sheet_name: len(a.rows) for a in lists},
                },
            )
        return spreadsheet.download(content, f"annex-a-{as_of:%Y-%m-%d}")
    return render(
        request, "returns/annex_a.html", {"form": form}, status=400 if form.errors else 200
    )


@require_GET
def quality_page(request: HttpRequest) -> HttpResponse:
    """Before census day: every child whose record the census would reject or query."""
    user = signed_in_user(request)
    require(user, "check_census_quality")
    years = sorted(census.YEARS)
    current = quality.current_census_year(local_date(timezone.now()))
    default = current if current in years else years[-1]
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        raise Http404 from None
    if year not in census.YEARS:
        raise Http404
    lines = quality.lines(user, year)
    spec = census.census_year(year)
    return render(
        request,
        "returns/quality.html",
        {
            "lines": lines,
            "children": len({line.person_id for line in lines}),
            "spec": spec,
            "years": years,
            "year": year,
            "rules": quality.RULES,
            "numbered": len(quality.NUMBERED),
            "met_by_construction": quality.MET_BY_CONSTRUCTION,
        },
    )
