"""Step-up: proof that the person at the keyboard is still the signed-in user, from a password
and a fresh code within the last few minutes (settings.FRONTDOOR_STEP_UP_SECONDS).

Needed before break-glass and before any export (../shared/SECURITY.md, 4 and 12): an
unlocked screen left for a minute must not be enough to open a restricted child's record.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "frontdoor_stepped_up_at"


def mark(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = int(time.time())


def is_recent(request: HttpRequest) -> bool:
    stepped_up_at = request.session.get(SESSION_KEY)
    if not isinstance(stepped_up_at, int):
        return False
    return 0 <= time.time() - stepped_up_at <= settings.FRONTDOOR_STEP_UP_SECONDS


def redirect_to_step_up(request: HttpRequest) -> HttpResponseRedirect:
    """To the step-up page, and after it back to where the person can do what they asked.

    A page they opened comes back as it was. A button they pressed (a POST) cannot be replayed
    by a redirect, and its address may answer only POST (a 405 after proving who they are): so
    they come back to the page the button was on (the Referer, when it is on this site; else
    home) and press it again, now stepped up."""
    if request.method in ("GET", "HEAD"):
        onwards = request.get_full_path()
    else:
        onwards = _page_the_button_was_on(request)
    query = urlencode({"next": onwards})
    return HttpResponseRedirect(f"{reverse('access:step-up')}?{query}")


def _page_the_button_was_on(request: HttpRequest) -> str:
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return reverse("home")
