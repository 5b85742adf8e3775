"""Sign-in is required everywhere except the sign-in page, the health check and the API; then a
second factor, before any personal data; sessions end after 30 minutes idle or 12 hours.

The API is not public: every operation there demands a bearer token or a signed-in session
(`config/api.py`), and refuses with 401 rather than redirecting to a sign-in page that a
partner system cannot use. Bearer tokens belong to service accounts and stand on their own; a
browser session counts for the API only once its second factor is done.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import reverse

from frontdoor.access import kept_answers


def _is_api(request: HttpRequest) -> bool:
    path = request.path_info
    return path.startswith("/api/") and not path.startswith("/api/docs")


class FrontdoorLoginRequiredMiddleware(LoginRequiredMiddleware):
    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if _is_api(request):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


def second_factor_not_required(view_func: Any) -> Any:
    """For the pages between the password and the code: the code page, setting up an app,
    and signing out."""
    view_func.second_factor_not_required = True
    return view_func


class SecondFactorRequiredMiddleware:
    """A signed-in user who has not yet given a code sees nothing but the code pages
    (../shared/SECURITY.md, 14). Runs after the login check, in process_view."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response: HttpResponseBase = self.get_response(request)
        return response

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
            return None
        if _is_api(request):
            # Half signed in is not signed in, for the API: a token, or a full session.
            request.user = AnonymousUser()
            return None
        if getattr(view_func, "second_factor_not_required", False):
            return None
        if getattr(view_func, "login_required", True) is False:
            return None
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('access:second-factor')}?{query}")


class SessionTimeoutMiddleware:
    """Sign a user out after 30 minutes idle or 12 hours in all (../shared/SECURITY.md, 17).

    The last-seen time is written at most once a minute, so an ordinary page view costs no
    session write (a queue page stays at a handful of queries). If the request that finds the
    session expired is a form being sent (with a valid CSRF token), its answers are kept for
    the user first (`kept_answers`), so typed work is not lost to the timeout, and every form
    built while a request is answered can give them back (`kept_answers.answering`).
    """

    TOUCH_EVERY_SECONDS = 60

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            if "frontdoor_started" not in session:
                # A new session: if answers were kept for them, their forms look for them.
                kept_answers.note_on_sign_in(request, user)
            started = session.setdefault("frontdoor_started", now)
            seen = session.get("frontdoor_seen", now)
            idle = settings.FRONTDOOR_SESSION_IDLE_SECONDS
            absolute = settings.FRONTDOOR_SESSION_ABSOLUTE_SECONDS
            if now - seen > idle or now - started > absolute:
                kept = self._keep_answers(request, user)
                logout(request)
                # Back to the page the form was on, where the form gives the answers back (a
                # form that posts elsewhere would otherwise land them on a POST-only address).
                back_to = kept_answers.form_page(request, with_query=True) if kept else None
                return redirect_to_login(back_to or request.get_full_path(), settings.LOGIN_URL)
            touch_every = min(self.TOUCH_EVERY_SECONDS, max(1, idle // 10))
            if now - seen >= touch_every or "frontdoor_seen" not in session:
                session["frontdoor_seen"] = now
        # Every form built while the request is answered can take back what a timeout kept.
        with kept_answers.answering(request):
            response: HttpResponseBase = self.get_response(request)
        return response

    def _keep_answers(self, request: HttpRequest, user: Any) -> str | None:
        if request.method != "POST" or _is_api(request):
            return None
        # Only a form the user really sent: a forged cross-site POST must not be able to plant
        # "answers" that the user is later shown as their own.
        csrf = CsrfViewMiddleware(self.get_response)
        if csrf.process_view(request, _form_view, (), {}) is not None:
            return None
        return kept_answers.keep(user, request)


def _form_view(request: HttpRequest) -> HttpResponseBase:  # pragma: no cover - never called
    """Stands in for the view when the CSRF check is run early, before signing out: the check
    reads only the view's attributes (csrf_exempt), so this body never runs."""
    return HttpResponse(status=204)
