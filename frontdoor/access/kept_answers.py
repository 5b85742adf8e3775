"""Typed work is never lost to a timeout (../shared/SECURITY.md, 17).

When a session times out and the next request is a form being sent, SessionTimeoutMiddleware
keeps the answers against the user, on the server, before signing them out. When the same user
signs in again and comes back to the same page, the page asks `take(request)` and shows the
form filled in as they left it, for them to check and send again: nothing is saved for them,
and a form that has since gone stale (someone else decided first) still says so.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from frontdoor.access.models import KeptAnswers, User

MAX_BYTES = 200_000
NOT_KEPT = {"csrfmiddlewaretoken"}


def keep(user: User, request: HttpRequest) -> bool:
    """Keep the POSTed answers of `request` for `user`. Files are not kept."""
    data = {k: request.POST.getlist(k) for k in request.POST if k not in NOT_KEPT}
    if not data or len(json.dumps(data)) > MAX_BYTES:
        return False
    now = timezone.now()
    too_old = now - timedelta(seconds=settings.FRONTDOOR_SESSION_ABSOLUTE_SECONDS)
    KeptAnswers.objects.filter(kept_at__lt=too_old).delete()
    KeptAnswers.objects.filter(user=user, path=request.path[:300]).delete()
    KeptAnswers.objects.create(user=user, path=request.path[:300], data=data, kept_at=now)
    return True


def take(request: HttpRequest) -> QueryDict | None:
    """The answers kept for this user and page, once (they are deleted as they are given)."""
    user = request.user
    if request.method != "GET" or not isinstance(user, User):
        return None
    too_old = timezone.now() - timedelta(seconds=settings.FRONTDOOR_SESSION_ABSOLUTE_SECONDS)
    kept = (
        KeptAnswers.objects.filter(user=user, path=request.path[:300], kept_at__gte=too_old)
        .order_by("-kept_at")
        .first()
    )
    if kept is None:
        return None
    KeptAnswers.objects.filter(user=user, path=kept.path).delete()
    answers = QueryDict(mutable=True)
    for key, values in kept.data.items():
        answers.setlist(key, [str(v) for v in values])
    messages.info(
        request,
        "You were signed out before this was saved. We kept what you typed: check it, "
        "then save it again.",
    )
    return answers
