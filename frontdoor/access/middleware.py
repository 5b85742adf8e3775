"""Sign-in is required everywhere except the sign-in page, the health check and the API.

The API is not public: every operation there demands a bearer token or a signed-in session
(`frontdoor/api/api.py`), and refuses with 401 rather than redirecting to a sign-in page that a
partner system cannot use.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase


class FrontdoorLoginRequiredMiddleware(LoginRequiredMiddleware):
    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if request.path_info.startswith("/api/") and not request.path_info.startswith("/api/docs"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class SessionTimeoutMiddleware:
    """Sign a user out after 30 minutes idle or 12 hours in all (../shared/SECURITY.md, 17).

    The last-seen time is written at most once a minute, so an ordinary page view costs no
    session write (a queue page stays at a handful of queries).
    """

    TOUCH_EVERY_SECONDS = 60

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault("frontdoor_started", now)
            seen = session.get("frontdoor_seen", now)
            idle = settings.FRONTDOOR_SESSION_IDLE_SECONDS
            absolute = settings.FRONTDOOR_SESSION_ABSOLUTE_SECONDS
            if now - seen > idle or now - started > absolute:
                logout(request)
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if now - seen >= self.TOUCH_EVERY_SECONDS or "frontdoor_seen" not in session:
                session["frontdoor_seen"] = now
        response: HttpResponseBase = self.get_response(request)
        return response
