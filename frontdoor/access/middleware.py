"""Sign-in is required everywhere except the sign-in page, the health check and the API.

The API is not public: every operation there demands a bearer token or a signed-in session
(`frontdoor/api/api.py`), and refuses with 401 rather than redirecting to a sign-in page that a
partner system cannot use.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponseBase


class FrontdoorLoginRequiredMiddleware(LoginRequiredMiddleware):
    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if request.path_info.startswith("/api/") and not request.path_info.startswith("/api/docs"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
