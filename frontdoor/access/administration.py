"""The system administrator's pages (issue 13): other systems' API tokens, and resetting the
second factor of someone who has lost their authenticator app.

Thin: parse, call one action or query, render or redirect. Only the admin role gets past
`require`; every change is an action in actions.py, audited there. A new token is shown once,
on the list page the issuing form redirects to, and is then gone from the session, as new
recovery codes are. A reset needs a recent step-up (password and code), as break-glass does.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from frontdoor.access import actions, step_up, tokens
from frontdoor.access.forms import IssueApiTokenForm, ResetSecondFactorForm, RevokeApiTokenForm
from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user

GET_POST = require_http_methods(["GET", "POST"])
JUST_ISSUED = "frontdoor_just_issued"  # the session key holding a new token, once


@require_GET
@never_cache
def api_tokens(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "view_api_tokens")
    return render(
        request,
        "access/api_tokens.html",
        {
            "tokens": tokens.every_token(),
            "new": request.session.pop(JUST_ISSUED, None),
            "now": timezone.now(),
            "days": settings.FRONTDOOR_API_TOKEN_DAYS,
        },
    )


@GET_POST
@never_cache
def issue_api_token(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "issue_api_token")
    form = IssueApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account = form.cleaned_data["account"]
        try:
            issued = actions.issue_api_token(by=user, user=account, name=form.cleaned_data["name"])
        except actions.NotAServiceAccount as exc:
            form.add_error("account", str(exc))
        else:
            request.session[JUST_ISSUED] = {
                "token": issued.token,
                "name": issued.api_token.name,
                "account": account.display_name,
            }
            return redirect("access:api-tokens")
    return render(
        request,
        "access/issue_api_token.html",
        {"form": form, "days": settings.FRONTDOOR_API_TOKEN_DAYS},
        status=400 if form.errors else 200,
    )


@GET_POST
def revoke_api_token(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "revoke_api_token")
    api_token = tokens.find_token(token)
    if api_token is None:
        raise Http404
    if api_token.revoked_at is not None:
        messages.info(request, f"The token “{api_token.name}” was already revoked.")
        return redirect("access:api-tokens")
    form = RevokeApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.revoke_api_token(by=user, api_token=api_token, reason=form.cleaned_data["reason"])
        messages.success(
            request, f"The token “{api_token.name}” is revoked. It stopped working at once."
        )
        return redirect("access:api-tokens")
    return render(
        request,
        "access/revoke_api_token.html",
        {"form": form, "api_token": api_token, "now": timezone.now()},
        status=400 if form.errors else 200,
    )


@GET_POST
@never_cache
def reset_second_factor(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "reset_second_factor")
    if not step_up.is_recent(request):
        return step_up.redirect_to_step_up(request)
    form = ResetSecondFactorForm(request.POST or None, administrator=user)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        try:
            ended = actions.reset_second_factor(
                by=user, user=person, reason=form.cleaned_data["reason"]
            )
        except actions.OwnSecondFactor as exc:
            form.add_error("person", str(exc))
        else:
            signed_out = f" They were signed out of {ended} session{'s' if ended != 1 else ''}."
            messages.success(
                request,
                f"{person.display_name}'s second factor is reset: they will set up a new "
                f"authenticator app when they next sign in.{signed_out if ended else ''}",
            )
            return redirect("access:reset-second-factor")
    return render(
        request,
        "access/reset_second_factor.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
