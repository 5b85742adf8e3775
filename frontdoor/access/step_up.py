"""Step-up: proof that the person at the keyboard is still the signed-in user, from a password
and a fresh code within the last few minutes (settings.FRONTDOOR_STEP_UP_SECONDS).

Needed before break-glass and before any export (../shared/SECURITY.md, 4 and 12): an
unlocked screen left for a minute must not be enough to open a restricted child's record.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

SESSION_KEY = "frontdoor_stepped_up_at"


def mark(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = int(time.time())


def is_recent(request: HttpRequest) -> bool:
    stepped_up_at = request.session.get(SESSION_KEY)
    if not isinstance(stepped_up_at, int):
        return False
    return 0 <= time.time() - stepped_up_at <= settings.FRONTDOOR_STEP_UP_SECONDS


def redirect_to_step_up(request: HttpRequest) -> HttpResponseRedirect:
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('access:step-up')}?{query}")
