"""Guardrail pages. Thin: parse, call one action or query, render or redirect."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.contacts.queries import get_contact_for, get_family_contact_for
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.guardrails import actions
from frontdoor.guardrails.forms import RecordIndicatorsForm, SecondReviewForm
from frontdoor.guardrails.indicators import indicators_for
from frontdoor.guardrails.queries import (
    awaiting_second_review,
    below_indicator_figures,
    get_below_indicator_decision_for,
    recorded_indicators,
    visible_below_indicator_decisions,
)
from frontdoor.guardrails.workflow import ReviewStatus
from frontdoor.workflow.errors import NotReady


@GET_POST
def record_indicators(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    contact = get_contact_for(user, pk)
    require(user, "record_risk_indicators")
    family = get_family_contact_for(user, contact.family_id, path=request.path)
    recorded = recorded_indicators(contact)
    form = RecordIndicatorsForm(
        request.POST or None,
        initial={"indicators": [r.indicator_id for r in recorded]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_indicators(
                by=user,
                contact=contact,
                indicators=list(form.cleaned_data["indicators"]),
                note=form.cleaned_data["note"],
            )
        except NotReady as exc:
            for reason in exc.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, "Risk indicators recorded")
            return redirect("contacts:family", pk=contact.family_id)
    return render(
        request,
        "guardrails/record_indicators.html",
        {
            "contact": contact,
            "family": family,
            "form": form,
            "found": [f for f in indicators_for(contact) if not f.why.startswith("Recorded by")],
        },
        status=400 if form.errors else 200,
    )


def second_reviews(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "view_second_reviews")
    recent = visible_below_indicator_decisions(user).select_related(
        "contact", "decided_by", "reviewed_by"
    )[:50]
    return render(
        request,
        "guardrails/second_reviews.html",
        {
            "awaiting": awaiting_second_review(user),
            "recent": recent,
            "figures": below_indicator_figures(user),
        },
    )


@GET_POST
def second_review(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    below = get_below_indicator_decision_for(user, pk, path=request.path)
    form = SecondReviewForm(request.POST or None, initial={"version": below.version})
    if request.method == "POST" and form.is_valid():
        require(user, "record_second_review")
        try:
            actions.record_second_review(
                by=user,
                below=below,
                agrees=form.cleaned_data["agrees"] == "yes",
                reasons=form.cleaned_data["reasons"],
                expected_version=form.cleaned_data["version"],
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Second review recorded")
            return redirect("guardrails:second-reviews")
    return render(
        request,
        "guardrails/second_review.html",
        {
            "below": below,
            "form": form,
            "may_review": below.review_status == ReviewStatus.AWAITING
            and below.decided_by_id != user.pk,
        },
        status=400 if form.errors else 200,
    )
