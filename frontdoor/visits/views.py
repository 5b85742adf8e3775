"""Area team pages: the allocation queue, a worker's children, visits, and overdue visits."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.assessments.queries import awaiting_authorisation, my_assessments
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.strategy.queries import discussions_to_hold, open_enquiries
from frontdoor.teams.models import Team, TeamKind
from frontdoor.visits import actions
from frontdoor.visits.forms import AllocateForm, VisitForm
from frontdoor.visits.queries import (
    get_allocation_for,
    my_children,
    overdue_visits,
    siblings_to_visit,
    team_queue,
)

# How many strategy discussions and conferences "My casework" lists before "See all".
MOST_URGENT = 20


def mine(request: HttpRequest) -> HttpResponse:
    """A social worker's list: children to see, assessments, section 47s, discussions."""
    require(request.user, "view_casework")
    user = signed_in_user(request)
    return render(
        request,
        "visits/mine.html",
        {
            "children": my_children(user),
            "assessments": my_assessments(user),
            "to_authorise": awaiting_authorisation(user)
            if can(user, "authorise_assessment")
            else [],
            # The most urgent 20 of each here, with how many there are in all and the way to
            # the rest (the strategy page): a list is never cut short without saying so.
            "discussions": discussions_to_hold(user)[:MOST_URGENT],
            "discussions_total": discussions_to_hold(user).count(),
            "enquiries": open_enquiries(user)[:MOST_URGENT],
            "enquiries_total": open_enquiries(user).count(),
            "now": timezone.now(),
        },
    )


def team(request: HttpRequest, slug: str) -> HttpResponse:
    require(request.user, "view_casework")
    area_team = Team.objects.filter(slug=slug, kind__in=[TeamKind.AREA, TeamKind.HUB]).first()
    if area_team is None:
        raise Http404
    return render(
        request,
        "visits/team.html",
        {
            "team": area_team,
            "allocations": team_queue(signed_in_user(request), area_team),
            "now": timezone.now(),
        },
    )


def overdue(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_casework")
    return render(
        request,
        "visits/overdue.html",
        {"allocations": overdue_visits(signed_in_user(request)), "now": timezone.now()},
    )


@GET_POST
def allocation(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    record = get_allocation_for(user, pk, path=request.path)
    form = AllocateForm(
        request.POST or None, initial={"version": record.version, "worker": record.worker}
    )
    if request.method == "POST":
        require(user, "allocate_worker")
        if form.is_valid():
            try:
                actions.allocate_worker(
                    by=user,
                    allocation=record,
                    worker=form.cleaned_data["worker"],
                    expected_version=form.cleaned_data["version"],
                )
            except WORKFLOW_ERRORS as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, f"Allocated to {form.cleaned_data['worker'].display_name}"
                )
                return redirect("visits:allocation", pk=record.pk)
    return render(
        request,
        "visits/allocation.html",
        {"allocation": record, "form": form, "now": timezone.now()},
        status=400 if form.errors else 200,
    )


@GET_POST
def record_visit(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    record = get_allocation_for(user, pk, path=request.path)
    require(user, "record_visit")
    form = VisitForm(
        request.POST or None,
        siblings=siblings_to_visit(user, record),
        initial={"version": record.version},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        seen = data["child_seen"] == "yes"
        # What the children on one visit share: when, where and who else was there.
        shared = {
            "visited_at": data["visited_at"],
            "location": data["location"],
            "others_present": data["others_present"],
        }
        details = actions.VisitDetails(
            visited_at=data["visited_at"],
            child_seen=seen,
            location=data["location"],
            seen_alone=(data["seen_alone"] == "yes") if seen else None,
            others_present=data["others_present"],
            childs_views=data["childs_views"] if seen else "",
            daily_life=data["daily_life"] if seen else "",
            not_seen_reason="" if seen else data["not_seen_reason"],
        )
        try:
            also = [
                (sibling, actions.VisitDetails(**shared, **answers))
                for sibling, answers in form.sibling_answers()
            ]
            actions.record_visit(
                by=user,
                allocation=record,
                details=details,
                expected_version=data["version"],
                also=also,
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            children = 1 + len(also)
            messages.success(
                request, "Visit recorded" + (f" for {children} children" if children > 1 else "")
            )
            return redirect("visits:allocation", pk=record.pk)
    return render(
        request,
        "visits/visit.html",
        {"allocation": record, "form": form},
        status=400 if form.errors else 200,
    )
