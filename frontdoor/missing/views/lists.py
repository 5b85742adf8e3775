"""The missing children lists, reporting a child missing, the manager's repeat-missing list
and the figures. Thin: parse the request, call one action or query, render or redirect."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.missing import actions, figures
from frontdoor.missing.forms import (
    FindChildForm,
    RepeatDecisionForm,
    ReportMissingForm,
)
from frontdoor.missing.queries import (
    attempt_gap_label,
    coordinator_queue,
    decided_flags,
    episodes_of,
    get_flag_for,
    missing_now,
    placeholder_episodes,
    placeholder_flags,
    repeat_flags,
)
from frontdoor.missing.workflow import RHI_OUTSTANDING
from frontdoor.people.queries import get_person_for, search_people

# --- The two lists ------------------------------------------------------------------------------


def now_missing(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_missing")
    user = signed_in_user(request)
    page = Paginator(missing_now(user), 50).get_page(request.GET.get("page"))
    page.object_list = placeholder_episodes(user, page.object_list)
    return render(
        request,
        "missing/now.html",
        {"page": page, "queue_size": coordinator_queue(user).count(), "now": timezone.now()},
    )


def queue(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_missing")
    user = signed_in_user(request)
    page = Paginator(coordinator_queue(user), 50).get_page(request.GET.get("page"))
    page.object_list = placeholder_episodes(user, page.object_list)
    return render(
        request,
        "missing/queue.html",
        {"page": page, "outstanding": RHI_OUTSTANDING, "now": timezone.now()},
    )


# --- Reporting a child missing ------------------------------------------------------------------


def find_child(request: HttpRequest) -> HttpResponse:
    require(request.user, "report_missing")
    form = FindChildForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        results = search_people(
            signed_in_user(request),
            name=form.cleaned_data["name"],
            date_of_birth=form.cleaned_data["date_of_birth"],
        )
    return render(
        request,
        "missing/find_child.html",
        {"form": form, "results": results},
        status=400 if form.errors else 200,
    )


@GET_POST
def report_child(request: HttpRequest, person: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    child = get_person_for(user, person, path=request.path)
    require(user, "report_missing")
    form = ReportMissingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        police = None
        if data["police_reference"]:
            police = actions.PoliceReportDetails(
                agency=data["police_force"],
                reference=data["police_reference"],
                risk_grade=data["risk_grade"],
                reported_at=data["reported_to_police_at"] or data["started_at"],
            )
        try:
            episode = actions.report_missing(
                by=user,
                person=child,
                details=actions.MissingDetails(
                    started_at=data["started_at"],
                    missing_from=data["missing_from"],
                    reported_to_police_at=data["reported_to_police_at"],
                    police=police,
                ),
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, f"{child.full_name} recorded as missing")
            return redirect("missing:episode", pk=episode.pk)
    return render(
        request,
        "missing/report.html",
        {"child": child, "form": form},
        status=400 if form.errors else 200,
    )


def child_history(request: HttpRequest, person: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "view_missing")
    child = get_person_for(user, person, path=request.path)
    return render(
        request,
        "missing/child.html",
        {
            "child": child,
            "episodes": episodes_of(user, child),
            "flags": child.repeat_missing_flags.select_related("decided_by").order_by("-raised_at"),
        },
    )


# --- Repeat missing: the manager's list ---------------------------------------------------------


def repeat_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_repeat_missing")
    user = signed_in_user(request)
    return render(
        request,
        "missing/repeat.html",
        {
            "flags": placeholder_flags(user, repeat_flags(user)),
            "decided": placeholder_flags(user, decided_flags(user)),
        },
    )


@GET_POST
def repeat_decision(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    flag = get_flag_for(user, pk)
    require(user, "respond_to_repeat_missing")
    form = RepeatDecisionForm(request.POST or None, initial={"version": flag.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.respond_to_repeat_missing(
                by=user,
                flag=flag,
                decision=form.cleaned_data["decision"],
                rationale=form.cleaned_data["rationale"],
                expected_version=form.cleaned_data["version"],
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, f"Decision recorded for {flag.person.full_name}")
            return redirect("missing:repeat")
    episodes = flag.person.missing_episodes.order_by("-started_at")[:10]
    return render(
        request,
        "missing/repeat_decision.html",
        {"flag": flag, "form": form, "episodes": episodes},
        status=400 if form.errors else 200,
    )


# --- Management information ---------------------------------------------------------------------


def information(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_missing_information")
    now = timezone.now()
    months = figures.latest_months(timezone.localdate(now))
    return render(
        request,
        "missing/information.html",
        {"rows": figures.figures(months, now), "gap_words": attempt_gap_label()},
    )


def information_children(request: HttpRequest, figure: str, month: str) -> HttpResponse:
    require(request.user, "view_missing_information")
    if figure not in figures.FIGURES:
        raise Http404
    chosen = figures.month_from_slug(month)
    now = timezone.now()
    user = signed_in_user(request)
    episodes = placeholder_episodes(user, figures.drill_down(figure, chosen, now)[:500])
    longest = figures.longest_gaps(episodes) if figure == "gaps" else {}
    return render(
        request,
        "missing/information_children.html",
        {
            "figure": figure,
            "title": figures.FIGURES[figure],
            "month": chosen,
            "rows": [(e, longest.get(e.pk)) for e in episodes],
            "can_open": can(user, "view_missing"),
        },
    )
