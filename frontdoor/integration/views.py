"""The administrator's webhook pages: each subscription, its dead letters, and replay (from a
cursor, or the dead letters). Thin: the actions audit and change; the readers check the role."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frontdoor.access.queries import signed_in_user
from frontdoor.integration import actions
from frontdoor.integration.forms import ReplayForm
from frontdoor.integration.queries import dead_letters, get_subscription_for, subscriptions


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


@require_GET
def subscription(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    sub = get_subscription_for(user, pk)
    return render(
        request,
        "integration/subscription.html",
        {"subscription": sub, "dead_letters": dead_letters(sub)},
    )


@require_http_methods(["GET", "POST"])
def replay(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    sub = get_subscription_for(user, pk)
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
    count = actions.replay_dead_letters(by=user, subscription=sub)
    messages.success(request, f"{count} dead letters will be sent again")
    return redirect("integration:subscription", pk=sub.pk)
