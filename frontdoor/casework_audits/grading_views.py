"""Pages for auditors (their cases, the grading form, the case read for the audit) and for the
owners of audit actions. Plain forms: no JavaScript needed."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.casework_audits import actions, queries
from frontdoor.casework_audits.forms import CompleteActionForm, GradeForm
from frontdoor.casework_audits.workflow import AuditStatus
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors


def mine(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "grade_case_audit")
    audits = queries.my_case_audits(user)
    return render(
        request,
        "casework_audits/mine.html",
        {"audits": audits, "today": timezone.localdate()},
    )


@GET_POST
def grade(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    audit = queries.get_case_audit_for(user, pk, path=request.path)
    questions = list(audit.round.template.questions.filter(active=True))
    form = GradeForm(
        request.POST if request.method == "POST" else None,
        questions=questions,
        initial={"version": audit.version},
    )
    may_grade = audit.auditor_id == user.pk and audit.status == AuditStatus.ASSIGNED
    if request.method == "POST" and form.is_valid():
        try:
            actions.grade_case_audit(
                by=user,
                audit=audit,
                answers=form.answers(),
                grade=form.cleaned_data["grade"],
                comment=form.cleaned_data["comment"],
                expected_version=form.cleaned_data["version"],
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, f"Audit of {audit.contact.child_name} graded")
            return redirect("casework_audits:mine")
    return render(
        request,
        "casework_audits/grade.html",
        {"audit": audit, "form": form, "may_grade": may_grade},
        status=400 if form.errors else 200,
    )


def case(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    audit = queries.get_audited_case_for(user, pk, request.path)
    contact = audit.contact
    return render(
        request,
        "casework_audits/case.html",
        {
            "audit": audit,
            "contact": contact,
            "family": contact.family,
            "decision": getattr(contact, "decision", None),
            "below": getattr(getattr(contact, "decision", None), "below_indicators", None),
        },
    )


def action_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not can(user, "view_case_audits"):
        require(user, "complete_audit_action")
    items = queries.actions_for(user)
    return render(
        request,
        "casework_audits/actions.html",
        {
            "open": items.filter(completed_at=None).order_by("due_on"),
            "done": items.exclude(completed_at=None).order_by("-completed_at")[:50],
            "today": timezone.localdate(),
            "all_owners": can(user, "view_case_audits"),
        },
    )


@GET_POST
def complete_action(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    action = queries.get_action_for(user, pk, path=request.path)
    form = CompleteActionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.complete_audit_action(by=user, action=action, note=form.cleaned_data["note"])
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Action completed")
            return redirect("casework_audits:actions")
    return render(
        request,
        "casework_audits/complete_action.html",
        {"action": action, "form": form, "may_complete": action.owner_id == user.pk},
        status=400 if form.errors else 200,
    )
