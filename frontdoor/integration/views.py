"""The administrator's webhook pages: each subscription, its dead letters, and replay (from a
cursor, or the dead letters); subscribing a system, pausing, resuming and deleting. Thin: the
actions audit and change; the readers check the role.

Subscribing sends events about children to a new address, replaying sends a receiver again
every event from a cursor (from the beginning, all of them), and deleting stops a system hearing
about children for good: so each, like an export, needs a recent step-up (password and code),
asked after the role is checked (an outsider gets the 403, not a step-up) and before the page
that takes the step, so the step-up returns to that page. The signing secret is shown once, on
the subscription's page the form redirects to, and is then gone from the session, as a new API
token is."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frontdoor.access import step_up
from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.govuk.pages import add_workflow_errors
from frontdoor.integration import actions
from frontdoor.integration.forms import NewSubscriptionForm, ReplayForm
from frontdoor.integration.queries import dead_letters, get_subscription_for, subscriptions
from frontdoor.workflow.errors import NotReady

JUST_SUBSCRIBED = "frontdoor_just_subscribed"  # the session key holding a new secret, once


@require_GET
def webhooks(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    return render(
        request,
        "integration/webhooks.html",
        {
            "subscriptions": subscriptions(user),
            "max_attempts": settings.FRONTDOOR_WEBHOOK_MAX_ATTEMPTS,
        },
    )


@require_http_methods(["GET", "POST"])
@never_cache
def new_subscription(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "manage_webhooks")
    if not step_up.is_recent(request):
        return step_up.redirect_to_step_up(request)
    form = NewSubscriptionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.create_subscription(
                by=user,
                name=form.cleaned_data["name"],
                url=form.cleaned_data["url"],
                account=form.cleaned_data["account"],
            )
        except NotReady as exc:
            add_workflow_errors(form, exc, by_input=True)
        else:
            request.session[JUST_SUBSCRIBED] = {"pk": made.pk, "secret": made.secret}
            return redirect("integration:subscription", pk=made.pk)
    return render(
        request,
        "integration/new_subscription.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_GET
@never_cache
def subscription(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    sub = get_subscription_for(user, pk)
    just = request.session.get(JUST_SUBSCRIBED)
    secret = None
    if isinstance(just, dict) and just.get("pk") == sub.pk:
        secret = request.session.pop(JUST_SUBSCRIBED)["secret"]
    return render(
        request,
        "integration/subscription.html",
        {"subscription": sub, "dead_letters": dead_letters(sub), "secret": secret},
    )


@require_POST
def pause(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    sub = get_subscription_for(user, pk)
    if actions.pause_subscription(by=user, subscription=sub):
        messages.success(
            request,
            f"{sub.name} is paused. Nothing is sent to it until you resume it; then every event "
            "written meanwhile is sent, in order.",
        )
    else:
        messages.info(request, f"{sub.name} was already paused.")
    return redirect("integration:subscription", pk=sub.pk)


@require_POST
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    sub = get_subscription_for(user, pk)
    if actions.resume_subscription(by=user, subscription=sub):
        messages.success(
            request, f"{sub.name} is resumed: it is sent everything since {sub.cursor}."
        )
    else:
        messages.info(request, f"{sub.name} was already being sent events.")
    return redirect("integration:subscription", pk=sub.pk)


@require_http_methods(["GET", "POST"])
@never_cache
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    sub = get_subscription_for(user, pk)
    if not step_up.is_recent(request):
        return step_up.redirect_to_step_up(request)  # back to this page, which asks first
    if request.method == "POST":
        try:
            actions.delete_subscription(by=user, subscription=sub)
        except NotReady as exc:
            messages.info(request, " ".join(exc.reasons))
        else:
            messages.success(request, f"{sub.name} is deleted: nothing more is sent to it.")
        return redirect("integration:webhooks")
    return render(request, "integration/delete.html", {"subscription": sub})


@require_http_methods(["GET", "POST"])
@never_cache
def replay(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    sub = get_subscription_for(user, pk)
    if not step_up.is_recent(request):
        return step_up.redirect_to_step_up(request)
    form = ReplayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = actions.replay_from(by=user, subscription=sub, cursor=form.cleaned_data["cursor"])
        messages.success(
            request,
            f"Every event after {form.cleaned_data['cursor']} will be sent again "
            f"({count} already sent or dead go back to waiting)",
        )
        return redirect("integration:subscription", pk=sub.pk)
    return render(request, "integration/replay.html", {"subscription": sub, "form": form})


@require_POST
def replay_dead_letters(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    sub = get_subscription_for(user, pk)
    # Sends a receiver its failed events again: proved in the last few minutes, like a replay
    # from a cursor. Back to the page the button is on afterwards (step_up says why).
    if not step_up.is_recent(request):
        return step_up.redirect_to_step_up(request)
    count = actions.replay_dead_letters(by=user, subscription=sub)
    messages.success(request, f"{count} dead letters will be sent again")
    return redirect("integration:subscription", pk=sub.pk)
