"""Referral pages: closing the child in need episode by hand (issue 16). Thin: parse, call one
action, render."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.referrals import actions
from frontdoor.referrals.forms import CloseEpisodeForm
from frontdoor.referrals.queries import get_referral_for


@GET_POST
def close_episode(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Close the child in need episode a referral opened, for a reason RC1-RC7."""
    user = signed_in_user(request)
    referral = get_referral_for(user, pk, path=request.path)
    require(user, "close_episode")
    form = CloseEpisodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.close_episode_by_hand(
                by=user,
                referral=referral,
                on=form.cleaned_data["closed_on"],
                reason=form.cleaned_data["reason"].code,
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Child in need episode closed")
            return redirect("people:child", pk=referral.person_id)
    return render(
        request,
        "referrals/close_episode.html",
        {"referral": referral, "form": form},
        status=400 if form.errors else 200,
    )
