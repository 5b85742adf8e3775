"""Strategy discussion and section 47 pages. Thin: parse, call one action or query, render."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.practice.queries import panel_for
from frontdoor.strategy import actions
from frontdoor.strategy.forms import (
    ACTION_ROWS,
    CirculationForm,
    ConferenceForm,
    ReviewConferenceForm,
    StrategyDiscussionForm,
)
from frontdoor.strategy.models import Agency
from frontdoor.strategy.queries import (
    discussions_to_hold,
    get_discussion_for,
    get_enquiry_for,
    get_plan_for,
    open_enquiries,
    siblings_to_discuss,
)
from frontdoor.strategy.workflow import DiscussionStatus
from frontdoor.workflow.errors import NotReady


def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_casework")
    user = signed_in_user(request)
    return render(
        request,
        "strategy/index.html",
        {
            "discussions": discussions_to_hold(user),
            "enquiries": open_enquiries(user),
            "now": timezone.now(),
        },
    )


def _record_from(form: StrategyDiscussionForm) -> actions.DiscussionRecord:
    data = form.cleaned_data
    participants = [
        actions.ParticipantDetails(
            agency=agency.value,
            invited=bool(data[f"invited_{agency.value}"]),
            attended=bool(data[f"attended_{agency.value}"]),
            name=data[f"name_{agency.value}"],
            information_shared=data[f"shared_{agency.value}"],
        )
        for agency in Agency
        if data[f"invited_{agency.value}"] or data[f"attended_{agency.value}"]
    ]
    steps = [
        actions.ActionDetails(
            data[f"action_{i}"], data[f"action_owner_{i}"], data[f"action_due_{i}"]
        )
        for i in range(ACTION_ROWS)
        if data[f"action_{i}"]
    ]
    return actions.DiscussionRecord(
        held_at=data["held_at"],
        format=dict(form.fields["format"].choices)[data["format"]],  # type: ignore[attr-defined]
        participants=participants,
        information_shared=data["information_shared"],
        outcome=data["outcome"],
        rationale=data["rationale"],
        actions=steps,
    )


def _practice(request: HttpRequest, record: Any) -> Any:
    """The child's risk, need and strength analysis, shown and extended at this stage."""
    return panel_for(
        record.person,
        user=signed_in_user(request),
        stage="strategy_discussion",
        next_url=request.path,
    )


@GET_POST
def discussion(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    record = get_discussion_for(user, pk, path=request.path)
    if record.status == DiscussionStatus.HELD:
        return render(
            request,
            "strategy/discussion.html",
            {
                "discussion": record,
                "missing": record.missing_minimum(),
                "circulate": CirculationForm(),
                "practice": _practice(request, record),
            },
        )
    require(user, "record_strategy_discussion")
    form = StrategyDiscussionForm(
        request.POST or None,
        siblings=siblings_to_discuss(user, record),
        initial={
            "version": record.version,
            "invited_council": True,
            "invited_police": True,
            "invited_health": True,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_strategy_discussion(
                by=user,
                discussion=record,
                record=_record_from(form),
                expected_version=form.cleaned_data["version"],
                also_for=form.siblings_chosen(),
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            children = 1 + len(form.siblings_chosen())
            messages.success(
                request,
                "Strategy discussion recorded"
                + (f" for {children} children" if children > 1 else ""),
            )
            return redirect("strategy:discussion", pk=record.pk)
    return render(
        request,
        "strategy/record.html",
        {
            "discussion": record,
            "form": form,
            "now": timezone.now(),
            "practice": _practice(request, record),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["POST"])
def circulate(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    record = get_discussion_for(user, pk, path=request.path)
    form = CirculationForm(request.POST)
    if form.is_valid():
        try:
            actions.record_circulation(
                by=user, discussion=record, circulated_at=form.cleaned_data["circulated_at"]
            )
        except NotReady as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Circulation recorded")
            return redirect("strategy:discussion", pk=record.pk)
    return render(
        request,
        "strategy/discussion.html",
        {"discussion": record, "missing": record.missing_minimum(), "circulate": form},
        status=400,
    )


@GET_POST
def conference(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    enquiry = get_enquiry_for(user, pk, path=request.path)
    require(user, "record_conference")
    form = ConferenceForm(request.POST or None, initial={"version": enquiry.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        held = data["held"] == "yes"
        record = actions.ConferenceRecord(
            held_on=data["held_on"] if held else None,
            not_required_reason="" if held else data["not_required_reason"],
            child_protection_plan=(data["child_protection_plan"] == "yes") if held else None,
            abuse_category=data["abuse_category"] if held else None,
        )
        try:
            actions.record_conference(
                by=user, enquiry=enquiry, record=record, expected_version=data["version"]
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Initial child protection conference recorded")
            return redirect("strategy:index")
    return render(
        request,
        "strategy/conference.html",
        {"enquiry": enquiry, "form": form},
        status=400 if form.errors else 200,
    )


@GET_POST
def plan_review(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Record a review conference of a child protection plan (issue 16)."""
    user = signed_in_user(request)
    plan = get_plan_for(user, pk, path=request.path)
    require(user, "record_conference")
    form = ReviewConferenceForm(request.POST or None, initial={"category": plan.latest_category})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        continues = data["plan_continues"] == "yes"
        review = actions.ReviewRecord(
            held_on=data["held_on"],
            category=data["category"],
            plan_continues=continues,
            end_reason="" if continues else data["end_reason"],
        )
        try:
            actions.record_review_conference(by=user, plan=plan, review=review)
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Review conference recorded")
            return redirect("people:child", pk=plan.person_id)
    return render(
        request,
        "strategy/plan_review.html",
        {"plan": plan, "form": form},
        status=400 if form.errors else 200,
    )
