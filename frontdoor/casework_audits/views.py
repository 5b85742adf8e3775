"""Case audit pages for managers: sample and assign a round, follow it, moderate each graded
case and set its actions, and see grades over time. Plain forms: no JavaScript needed."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.casework_audits import actions, queries
from frontdoor.casework_audits.forms import ActionForm, ModerateForm, SampleForm
from frontdoor.casework_audits.sampling import Criteria
from frontdoor.casework_audits.summary import grades_chart
from frontdoor.casework_audits.workflow import AuditStatus, Grade
from frontdoor.govuk.pages import WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.workflow.errors import NotReady


def index(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "view_case_audits")
    return render(
        request,
        "casework_audits/index.html",
        {"rounds": queries.rounds_with_progress(user)},
    )


@require_http_methods(["GET", "POST"])
def sample(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "sample_case_audits")
    form = SampleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        criteria = Criteria(
            kind=data["kind"],
            start=data["start"],
            end=data["end"],
            team_id=data["team"].pk if data["team"] else None,
            outcome=data["outcome"],
            size=data["size"],
            seed=data["seed"],
        )
        try:
            audit_round = actions.sample_case_audits(
                by=user,
                template=data["template"],
                criteria=criteria,
                auditors=list(data["auditors"]),
                due_on=data["due_on"],
            )
        except NotReady as exc:
            add_workflow_errors(form, exc)
        else:
            count = audit_round.audits.count()
            messages.success(request, f"{count} case{'s' if count != 1 else ''} sampled")
            return redirect("casework_audits:round", pk=audit_round.pk)
    return render(
        request,
        "casework_audits/sample.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def round_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    audit_round = queries.get_round_for(user, pk)
    return render(
        request,
        "casework_audits/round.html",
        {"round": audit_round, "audits": queries.round_audits(user, audit_round)},
    )


def _audit_page(
    request: HttpRequest,
    pk: uuid.UUID,
    moderate_form: ModerateForm | None = None,
    action_form: ActionForm | None = None,
) -> HttpResponse:
    user = signed_in_user(request)
    audit = queries.get_case_audit_for(user, pk, path=request.path)
    require(user, "view_case_audits")
    moderate_form = moderate_form or ModerateForm(
        initial={"version": audit.version, "grade": audit.grade}
    )
    context = {
        "audit": audit,
        "answers": audit.answers.select_related("question"),
        "actions": audit.actions.select_related("owner"),
        "moderate_form": moderate_form,
        "action_form": action_form or ActionForm(),
        "may_moderate": audit.status == AuditStatus.GRADED,
        "may_set_action": audit.status != AuditStatus.ASSIGNED,
    }
    failed = moderate_form.errors or (action_form is not None and action_form.errors)
    return render(request, "casework_audits/audit.html", context, status=400 if failed else 200)


def audit_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _audit_page(request, pk)


@require_POST
def moderate(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    audit = queries.get_case_audit_for(user, pk, path=request.path)
    require(user, "moderate_case_audit")
    form = ModerateForm(request.POST)
    if form.is_valid():
        try:
            actions.moderate_case_audit(
                by=user,
                audit=audit,
                grade=form.cleaned_data["grade"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            grade = Grade(form.cleaned_data["grade"]).label
            messages.success(request, f"Grade moderated: {grade}")
            return redirect("casework_audits:audit", pk=audit.pk)
    return _audit_page(request, pk, moderate_form=form)


@require_POST
def add_action(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    audit = queries.get_case_audit_for(user, pk, path=request.path)
    require(user, "set_audit_action")
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            actions.set_audit_action(
                by=user,
                audit=audit,
                description=form.cleaned_data["description"],
                owner=form.cleaned_data["owner"],
                due_on=form.cleaned_data["action_due_on"],
            )
        except NotReady as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Action set")
            return redirect("casework_audits:audit", pk=audit.pk)
    return _audit_page(request, pk, action_form=form)


def summary(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "view_audit_summary")
    months = queries.grades_by_month()
    return render(
        request,
        "casework_audits/summary.html",
        {"months": months, "grades": Grade.choices, "chart": grades_chart(months)},
    )
