"""Duplicate review pages. Thin: one query or action each."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.govuk.forms import GovukForm
from frontdoor.govuk.pages import WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.matching import actions
from frontdoor.matching.review import (
    get_merge_for,
    get_pair_for,
    pairs_awaiting_review,
    recent_merges,
    sides,
)


class ReviewForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="Are these the same person?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether these are the same person"},
    )

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = choices  # type: ignore[attr-defined]


def queue(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    return render(
        request,
        "matching/duplicates.html",
        {"pairs": pairs_awaiting_review(user), "merges": recent_merges(user)},
    )


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    pair = get_pair_for(user, pk)
    both = sides(pair)
    choices = [
        (f"keep:{side.person.pk}", f"Yes: keep {side.person.full_name}'s record ({label})")
        for side, label in zip(both, ("left", "right"), strict=True)
    ] + [("different", "No: these are different people")]
    form = ReviewForm(request.POST or None, choices=choices, initial={"version": pair.version})
    if request.method == "POST" and form.is_valid():
        decision, version = form.cleaned_data["decision"], form.cleaned_data["version"]
        try:
            if decision == "different":
                actions.reject_pair(by=user, pair=pair, expected_version=version)
                messages.success(request, "Recorded: these are different people")
            else:
                keep = next(s.person for s in both if f"keep:{s.person.pk}" == decision)
                actions.merge_pair(by=user, pair=pair, keep=keep, expected_version=version)
                messages.success(request, f"Records merged into {keep.full_name}'s record")
            return redirect("people:duplicates")
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
    return render(
        request,
        "matching/review_pair.html",
        {"pair": pair, "sides": both, "form": form, "can_merge": can(user, "merge_people")},
        status=400 if form.errors else 200,
    )


@require_POST
def undo(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "merge_people")
    merge = get_merge_for(user, pk)
    try:
        actions.undo_merge(by=user, merge=merge)
    except WORKFLOW_ERRORS as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Merge undone: both records are as they were")
    return redirect("people:duplicates")
