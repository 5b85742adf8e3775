"""The child's analysis, adding to it from any stage, and marking an entry "no longer applies".

Thin: parse, call one query or action, render or redirect. `?next=` brings the worker back to
the stage page they came from, and only ever to a path on this site.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.govuk.pages import GET_POST
from frontdoor.practice import actions
from frontdoor.practice.forms import ExtendForm, WithdrawForm
from frontdoor.practice.queries import (
    analyses_of,
    get_entry_for,
    get_person_for_analysis,
    safe_next,
)
from frontdoor.practice.rules import SCALE_QUESTION, AnalysisProblem, Stage


def _stage(request: HttpRequest) -> Stage:
    raw = request.GET.get("stage") or Stage.OTHER
    if raw not in Stage.values:
        raise Http404  # an allow-listed value, never passed on
    return Stage(raw)


@require_GET
def analysis(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    person = get_person_for_analysis(user, pk, path=request.path)
    current, earlier, is_open = analyses_of(person)
    return render(
        request,
        "practice/analysis.html",
        {
            "person": person,
            "current": current,
            "earlier": earlier,
            "has_open_episode": is_open,
            "scale_question": SCALE_QUESTION,
        },
    )


@GET_POST
def extend(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    person = get_person_for_analysis(user, pk, path=request.path, action="extend_practice_analysis")
    require(user, "extend_practice_analysis")
    stage = _stage(request)
    back = safe_next(request.GET.get("next"), default=reverse("practice:analysis", args=[pk]))
    form = ExtendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.extend_analysis(by=user, person=person, extension=form.extension(stage))
        except AnalysisProblem as exc:
            for reason in exc.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, "Added to the analysis")
            return redirect(back)
    current, earlier, is_open = analyses_of(person)
    return render(
        request,
        "practice/extend.html",
        {
            "person": person,
            "form": form,
            "stage": stage,
            "current": current,
            "previous": earlier[0] if earlier else None,
            "has_open_episode": is_open,
            "back_url": back,
        },
        status=400 if form.errors else 200,
    )


@GET_POST
def withdraw(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    entry = get_entry_for(user, pk, path=request.path)
    require(user, "extend_practice_analysis")
    person = entry.analysis.person
    back = safe_next(
        request.GET.get("next"), default=reverse("practice:analysis", args=[person.pk])
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.withdraw_entry(by=user, entry=entry, reason=form.cleaned_data["reason"])
        except AnalysisProblem as exc:
            for reason in exc.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, "Marked as no longer applying")
            return redirect(back)
    return render(
        request,
        "practice/withdraw.html",
        {"person": person, "entry": entry, "form": form, "back_url": back},
        status=400 if form.errors else 200,
    )
