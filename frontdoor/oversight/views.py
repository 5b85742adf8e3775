"""Management oversight pages: a child's oversight and supervision, recording it, answering a
challenge, completing an action, the children due oversight and the challenge counts. Thin:
parse, call one action or query, render or redirect. Plain forms: no JavaScript needed."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.figures.charts import render as render_chart
from frontdoor.figures.periods import PERIODS, months_param, period_to
from frontdoor.govuk.pages import WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.insight.measures.oversight import challenges_by_team, challenges_to_decisions
from frontdoor.oversight import actions, queries
from frontdoor.oversight.forms import CompleteActionForm, RecordOversightForm, RespondForm
from frontdoor.oversight.rules import Reply
from frontdoor.practice.queries import panel_for
from frontdoor.workflow.errors import NotReady


@require_GET
def child(request: HttpRequest, person: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    found = queries.get_child_for_oversight(user, person, path=request.path)
    return render(
        request,
        "supervision/child.html",
        {
            "person": found,
            "records": queries.records_for(found),
            "open_actions": queries.open_actions_for(found),
            "clock": queries.oversight_clock(found),
            "today": timezone.localdate(),
            "may_record": can(user, "record_oversight"),
            "may_open_record": can(user, "view_child"),
            # The child's risk, need and strength analysis (frontdoor/practice), at supervision.
            "practice": panel_for(
                found, user=request.user, stage="supervision", next_url=request.path
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, person: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    found = queries.get_child_for_oversight(user, person, path=request.path)
    require(user, "record_oversight")
    posted = request.POST if request.method == "POST" else None
    form = RecordOversightForm(posted, person=found)
    if posted is not None and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_oversight(
                by=user,
                person=found,
                kind=data["kind"],
                reason=data["reason"],
                contact=data["contact"],
                stage=data["stage"],
                verdict=data["verdict"],
                actions=form.actions_to_set(),
            )
        except NotReady as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Oversight recorded")
            return redirect("supervision:child", person=found.pk)
    return render(
        request,
        "supervision/record.html",
        {"person": found, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def for_me(request: HttpRequest) -> HttpResponse:
    """Challenges to your decisions, and your oversight actions."""
    user = signed_in_user(request)
    require(user, "respond_to_challenge")
    return render(
        request,
        "supervision/for_me.html",
        {
            "challenges": queries.challenges_to(user),
            "my_actions": queries.my_open_actions(user),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    challenge = queries.get_challenge_for(user, pk, path=request.path)
    form = RespondForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.respond_to_challenge(
                by=user,
                record=challenge,
                reply=form.cleaned_data["reply"],
                explanation=form.cleaned_data["explanation"],
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            reply = Reply(form.cleaned_data["reply"]).label
            messages.success(request, f"Response recorded: {reply.lower()}")
            return redirect("supervision:for-me")
    return render(
        request,
        "supervision/respond.html",
        {"challenge": challenge, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def complete_action(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    action = queries.get_action_for(user, pk, path=request.path)
    form = CompleteActionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.complete_oversight_action(
                by=user, action=action, note=form.cleaned_data["note"]
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Action completed")
            return redirect("supervision:for-me")
    return render(
        request,
        "supervision/complete_action.html",
        {"action": action, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def due(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "view_due_oversight")
    return render(
        request,
        "supervision/due.html",
        {
            "families": queries.children_due_oversight(user),
            "due_days": queries.oversight_due_days(),
            "may_open": can(user, "view_oversight"),
        },
    )


@require_GET
def counts(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "view_challenge_counts")
    months = months_param(request.GET.get("months"))
    period = period_to(timezone.now(), months)
    figure = challenges_to_decisions(period)
    return render(
        request,
        "supervision/counts.html",
        {
            "figure": figure,
            "chart": render_chart(figure.chart, f"chart-{figure.slug}"),
            "period": period,
            "may_drill": can(user, "view_performance_children"),
            "teams": challenges_by_team(period),
            "months": months,
            "periods": PERIODS,
        },
    )
