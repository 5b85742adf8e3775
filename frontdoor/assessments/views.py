"""Assessment pages: record and submit, authorise or return, and caseloads."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.assessments import actions
from frontdoor.assessments.forms import AuthoriseAssessmentForm, SubmitAssessmentForm
from frontdoor.assessments.queries import get_assessment_for
from frontdoor.assessments.workflow import AssessmentStatus
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.insight.caseloads import caseloads


@GET_POST
def assessment(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    record = get_assessment_for(user, pk, path=request.path)
    form = None
    if record.status == AssessmentStatus.IN_PROGRESS and can(user, "submit_assessment"):
        form = SubmitAssessmentForm(
            request.POST or None,
            initial={
                "version": record.version,
                "factors": list(record.factors.all()),
                "primary_need": record.primary_need,
                "outcome": record.outcome,
                "summary": record.summary,
                "late_reason": record.late_reason,
            },
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                actions.submit_assessment(
                    by=user,
                    assessment=record,
                    submission=actions.AssessmentSubmission(
                        factors=list(data["factors"]),
                        outcome=data["outcome"],
                        summary=data["summary"],
                        late_reason=data["late_reason"],
                        primary_need=data["primary_need"],
                    ),
                    expected_version=data["version"],
                )
            except WORKFLOW_ERRORS as exc:
                add_workflow_errors(form, exc)
            else:
                messages.success(request, "Assessment submitted for authorisation")
                return redirect("assessments:assessment", pk=record.pk)
    elif request.method == "POST":
        require(user, "submit_assessment")
    return render(
        request,
        "assessments/assessment.html",
        {
            "assessment": record,
            "form": form,
            "late": timezone.now() > record.due_at,
            "authorise": AuthoriseAssessmentForm(initial={"version": record.version})
            if record.status == AssessmentStatus.SUBMITTED and can(user, "authorise_assessment")
            else None,
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_http_methods(["POST"])
def authorise(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    record = get_assessment_for(user, pk, path=request.path)
    require(user, "authorise_assessment")
    form = AuthoriseAssessmentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "authorise":
                actions.authorise_assessment(
                    by=user,
                    assessment=record,
                    late_reason=data["late_reason"],
                    expected_version=data["version"],
                )
                messages.success(request, "Assessment authorised")
            else:
                actions.return_assessment(
                    by=user,
                    assessment=record,
                    reason=data["reason"],
                    expected_version=data["version"],
                )
                messages.success(request, "Assessment returned to the worker")
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            return redirect("assessments:assessment", pk=record.pk)
    return render(
        request,
        "assessments/assessment.html",
        {
            "assessment": record,
            "form": None,
            "late": timezone.now() > record.due_at,
            "authorise": form,
        },
        status=400,
    )


def caseload(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_caseloads")
    return render(
        request, "assessments/caseloads.html", {"caseloads": caseloads(signed_in_user(request))}
    )
