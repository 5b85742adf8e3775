"""Signing in (password, then a code), signing out, step-up, break-glass and the health check.

Signing in is two steps. The password page (Django's LoginView, behind django-axes' lockout)
signs the user in with a fresh session id; until they give a code, SecondFactorRequiredMiddleware
lets them reach only the pages here marked `second_factor_not_required`. The code page, or the
set-up page for someone with no authenticator yet, finishes the sign-in with a second fresh
session id.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import authenticate, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login

from frontdoor.access import actions, lockout, second_factor, step_up
from frontdoor.access.forms import (
    AppCodeForm,
    BreakGlassForm,
    CodeForm,
    SignInForm,
    StepUpForm,
)
from frontdoor.access.middleware import second_factor_not_required
from frontdoor.access.models import RestrictedRecord, User
from frontdoor.access.policies import require
from frontdoor.access.queries import may_open, signed_in_user
from frontdoor.govuk.pages import GET_POST
from frontdoor.operations.health import report as health_report

NEW_CODES_KEY = "frontdoor_new_recovery_codes"


def safe_next(request: HttpRequest, default: str | None = None) -> str:
    """The `next` page if it is on this site, else the home page: never an open redirect."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or reverse(settings.LOGIN_REDIRECT_URL)


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "access/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        # The password is only half: on to the code, carrying where the user was going.
        onwards = super().get_success_url()
        if getattr(self.request.user, "is_verified", lambda: False)():
            return onwards  # already fully signed in: the sign-in page just moves them on
        return f"{reverse('access:second-factor')}?{urlencode({'next': onwards})}"


@method_decorator(second_factor_not_required, name="dispatch")
class SignOutView(auth_views.LogoutView):
    # Django's LogoutView accepts POST only, so a link or an image cannot sign anyone out. It
    # deletes the session on the server, so the old cookie is worth nothing afterwards.
    template_name = "access/signed_out.html"


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' lockout page. The same for a real and an unknown username."""
    return render(
        request,
        "access/locked_out.html",
        {"minutes": int(settings.AXES_COOLOFF_TIME * 60)},
        status=429,
    )


def _finish_sign_in(request: HttpRequest, user: User, device: Any) -> None:
    otp_login(request, device)
    # A new session id once the second factor is done, as after the password.
    request.session.cycle_key()
    step_up.mark(request)
    lockout.clear_failures(request, user)


def _locked_out_now(request: HttpRequest, user: User) -> HttpResponse:
    """The lockout page, in the same words as for a wrong password. Someone half signed in
    (the password, not yet a code) is signed out: while the account is locked no code is
    checked, and afterwards they start again from the password."""
    if not user.is_verified():  # type: ignore[attr-defined]
        logout(request)
    return locked_out(request)


@second_factor_not_required
@GET_POST
@never_cache
def enter_code(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user.is_verified():  # type: ignore[attr-defined]
        return HttpResponseRedirect(safe_next(request))
    if lockout.is_locked_out(request, user):
        return _locked_out_now(request, user)
    if second_factor.confirmed_app(user) is None and not second_factor.recovery_codes_left(user):
        return redirect(f"{reverse('access:set-up-app')}?{urlencode({'next': safe_next(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.check_code(user, form.cleaned_data["code"])
        if device is not None:
            _finish_sign_in(request, user, device)
            return HttpResponseRedirect(safe_next(request))
        if lockout.count_failure(request, user):
            return _locked_out_now(request, user)
        form.add_error(
            "code",
            "The code is not right, or has been used already. Wait for the app to show a new "
            "code, then enter it",
        )
    return render(
        request,
        "access/second_factor.html",
        {"form": form, "next": safe_next(request)},
        status=400 if form.errors else 200,
    )


@second_factor_not_required
@GET_POST
@never_cache
def set_up_app(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), then give one code."""
    user = signed_in_user(request)
    already = second_factor.confirmed_app(user) is not None
    if already and not user.is_verified():  # type: ignore[attr-defined]
        # Replacing an app needs the old one first: otherwise a stolen password would do.
        return redirect(f"{reverse('access:second-factor')}?{urlencode({'next': request.path})}")
    if already and not step_up.is_recent(request):
        return step_up.redirect_to_step_up(request)  # a new phone: prove it is you first
    if lockout.is_locked_out(request, user):
        return _locked_out_now(request, user)
    device = second_factor.pending_app(user)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.confirm_app(device, form.cleaned_data["code"]):
            _finish_sign_in(request, user, device)
            request.session[NEW_CODES_KEY] = second_factor.issue_recovery_codes(user)
            query = urlencode({"next": safe_next(request)})
            return redirect(f"{reverse('access:recovery-codes')}?{query}")
        if lockout.count_failure(request, user):
            return _locked_out_now(request, user)
        form.add_error("code", "The code is not right. Enter the code the app shows now")
    return render(
        request,
        "access/set_up_app.html",
        {
            "form": form,
            "qr_code": second_factor.qr_code_data_uri(device),
            "secret": second_factor.secret_for_typing(device),
            "next": safe_next(request),
        },
        status=400 if form.errors else 200,
    )


@require_GET
@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The new recovery codes, shown once: reloading the page does not show them again."""
    codes = request.session.pop(NEW_CODES_KEY, None)
    return render(
        request,
        "access/recovery_codes.html",
        {
            "codes": codes,
            "left": second_factor.recovery_codes_left(signed_in_user(request)),
            "next": safe_next(request),
        },
    )


@require_POST
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    if not step_up.is_recent(request):
        return step_up.redirect_to_step_up(request)
    request.session[NEW_CODES_KEY] = second_factor.issue_recovery_codes(signed_in_user(request))
    return redirect("access:recovery-codes")


@GET_POST
@never_cache
def confirm_it_is_you(request: HttpRequest) -> HttpResponse:
    """Step-up: the password and a fresh code again, before break-glass or an export."""
    user = signed_in_user(request)
    form = StepUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password_ok = (
            authenticate(
                request, username=user.get_username(), password=form.cleaned_data["password"]
            )
            == user
        )
        # A wrong password is counted by django-axes' backend inside `authenticate`; a locked
        # account fails there too, so no code is checked while it is locked.
        device = second_factor.check_code(user, form.cleaned_data["code"]) if password_ok else None
        if device is not None:
            step_up.mark(request)
            lockout.clear_failures(request, user)
            return HttpResponseRedirect(safe_next(request))
        if password_ok and lockout.count_failure(request, user):
            return _locked_out_now(request, user)
        form.add_error(None, "The password or the code is not right")
    return render(
        request,
        "access/step_up.html",
        {"form": form, "next": safe_next(request)},
        status=400 if form.errors else 200,
    )


@GET_POST
def break_glass(request: HttpRequest, person: uuid.UUID) -> HttpResponse:
    """Open a restricted record in an emergency: step-up, then a typed reason.

    Whether `person` is a restricted record, or no record at all, looks the same until the
    reason is given (../shared/SECURITY.md, 4; records.py): the same form for both. A record
    the user may open already goes straight to it."""
    user = signed_in_user(request)
    require(user, "break_glass")
    people = apps.get_model("people", "Person")._default_manager
    if people.filter(pk=person).exclude(restriction__isnull=False).exists():
        return redirect("people:child", pk=person)
    if not step_up.is_recent(request):
        return step_up.redirect_to_step_up(request)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        restriction = RestrictedRecord.objects.filter(person_id=person).first()
        reason = form.cleaned_data["reason"]
        if restriction is None:
            actions.break_glass_found_nothing(by=user, reference=str(person), reason=reason)
            raise Http404
        if not may_open(user, person):
            actions.break_glass(by=user, person=restriction.person, reason=reason)
        return redirect("people:child", pk=person)
    return render(
        request, "access/break_glass.html", {"form": form}, status=400 if form.errors else 200
    )


@require_POST
def keep_signed_in(request: HttpRequest) -> HttpResponse:
    """ "Stay signed in" on the idle-timeout warning: counts as activity. Answers 204 to the
    script, and sends a browser without JavaScript back to where it was."""
    request.session["frontdoor_seen"] = int(time.time())
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    return HttpResponseRedirect(safe_next(request))


@login_not_required
@require_GET
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """For the load balancer and monitoring: 200 only when the database, the task worker, the
    scheduler and the audit chain are all fine; else 503 naming what failed
    (frontdoor/operations/health.py). No personal data."""
    healthy, answer = health_report()
    response = JsonResponse(answer, status=200 if healthy else 503)
    if not healthy:
        response["Retry-After"] = "30"
    return response
