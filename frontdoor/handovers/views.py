"""Handover pages: the receiving team's queue, one handover with what the MASH knew, and the
receipt: accept, send back with a reason, or (the MASH manager) hand over again."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.handovers import actions
from frontdoor.handovers.forms import (
    AcceptForm,
    CouncilAnswerForm,
    ResendForm,
    ReturnForm,
    StepUpForm,
)
from frontdoor.handovers.queries import (
    awaiting_council_answers,
    get_handover_for,
    received_by_team,
    team_handovers,
)
from frontdoor.handovers.workflow import HandoverKind


def queue(request: HttpRequest) -> HttpResponse:
    """The children handed over to my team, waiting for us to receive them."""
    require(request.user, "view_handovers")
    user = signed_in_user(request)
    return render(
        request,
        "handovers/queue.html",
        {
            "handovers": team_handovers(user),
            "received": received_by_team(user)[:100],
            # Referrals to other councils, for the MASH workers who record their answers.
            "council_referrals": awaiting_council_answers(user),
            "team": user.team,
            "now": timezone.now(),
        },
    )


def _page(
    request: HttpRequest, record: object, *, accept: AcceptForm, send_back: ReturnForm
) -> HttpResponse:
    return render(
        request,
        "handovers/handover.html",
        {
            "handover": record,
            "accept_form": accept,
            "return_form": send_back,
            "now": timezone.now(),
        },
        status=400 if accept.errors or send_back.errors else 200,
    )


def handover(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    record = get_handover_for(user, pk, path=request.path)
    initial = {"version": record.version}
    return _page(
        request, record, accept=AcceptForm(initial=initial), send_back=ReturnForm(initial=initial)
    )


@require_POST
def accept(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    record = get_handover_for(user, pk, path=request.path)
    require(user, "receive_handover")
    form = AcceptForm(request.POST)
    if form.is_valid():
        try:
            actions.accept_handover(by=user, handover=record, version=form.cleaned_data["version"])
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(
                request, f"{record.person.full_name} received by {record.receiver_name}"
            )
            return redirect("handovers:handover", pk=record.pk)
    return _page(
        request, record, accept=form, send_back=ReturnForm(initial={"version": record.version})
    )


@require_POST
def send_back(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    record = get_handover_for(user, pk, path=request.path)
    require(user, "receive_handover")
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            actions.return_handover(
                by=user,
                handover=record,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc, "reason" if "Enter why" in str(exc) else None)
        else:
            messages.success(request, f"{record.person.full_name} sent back to the MASH")
            return redirect("handovers:queue")
    return _page(
        request, record, accept=AcceptForm(initial={"version": record.version}), send_back=form
    )


@GET_POST
def resend(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The MASH manager hands a child sent back over again, to the same team or another."""
    user = signed_in_user(request)
    record = get_handover_for(user, pk, path=request.path)
    require(user, "resend_handover")
    form = ResendForm(
        request.POST or None, initial={"version": record.version, "team": record.team_id}
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = actions.resend_handover(
                by=user,
                handover=record,
                team=form.cleaned_data["team"],
                version=form.cleaned_data["version"],
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(
                request, f"{record.person.full_name} handed over to {new.receiver_name}"
            )
            return redirect("oversight:overview")
    return render(
        request,
        "handovers/resend.html",
        {"handover": record, "form": form},
        status=400 if form.errors else 200,
    )


@GET_POST
def step_up(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Early help steps a child it has received up to the MASH, as a new contact."""
    user = signed_in_user(request)
    record = get_handover_for(user, pk, path=request.path)
    require(user, "step_up_child")
    form = StepUpForm(request.POST or None, initial={"version": record.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.step_up(
                by=user,
                handover=record,
                what_changed=form.cleaned_data["what_changed"],
                version=form.cleaned_data["version"],
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, f"{record.person.full_name} stepped up to the MASH")
            return redirect("handovers:handover", pk=record.pk)
    return render(
        request,
        "handovers/step_up.html",
        {"handover": record, "form": form},
        status=400 if form.errors else 200,
    )


@GET_POST
def council_answer(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A MASH worker records another council's answer to a referral: accepted (who there, how,
    when) or sent back with the reason."""
    user = signed_in_user(request)
    record = get_handover_for(user, pk, path=request.path)
    if record.kind != HandoverKind.OTHER_COUNCIL:
        raise Http404  # a team's handover has no other council to record an answer from
    require(user, "record_council_answer")
    form = CouncilAnswerForm(request.POST or None, initial={"version": record.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_council_answer(
                by=user,
                handover=record,
                answer=actions.CouncilAnswer(
                    accepted=data["answer"] == "accepted",
                    who=data["who"],
                    how=data["how"],
                    told_at=data["told_at"],
                    reason=data.get("reason", ""),
                ),
                version=data["version"],
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            accepted = data["answer"] == "accepted"
            messages.success(
                request,
                f"{record.receiver_name} "
                + ("accepted the referral" if accepted else "sent the referral back")
                + f" for {record.person.full_name}",
            )
            return redirect("handovers:handover", pk=record.pk)
    return render(
        request,
        "handovers/council_answer.html",
        {"handover": record, "form": form},
        status=400 if form.errors else 200,
    )
