"""Error pages, GOV.UK style: what happened and what to do, with no personal data and no stack
trace. Wired in config/urls.py as handler403, handler404 and handler500, and settings'
CSRF_FAILURE_VIEW.

The 500 and 503 pages are rendered without the request's context processors: those look up
the signed-in user, which needs the database, and the database may be what failed.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from .context_processors import names

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "govuk/errors/403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "govuk/errors/404.html", status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # The reason is for developers (it is in the log), not for the person at the screen.
    return render(request, "govuk/errors/csrf.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this inside its exception handler, so the exception is still current. A
    # database that is down is not a bug in the service: say "try again later" (503).
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    if _wants_json(request):
        # A partner system gets JSON it can parse, even from a bug (issue 15).
        response = JsonResponse({"detail": "Something went wrong. Try again later."}, status=500)
        response["Cache-Control"] = "no-store"
        return response
    return _plain_page("govuk/errors/500.html", status=500)


def database_unavailable(request: HttpRequest | None = None) -> HttpResponse:
    if request is not None and _wants_json(request):
        # A partner system calling the API gets JSON it can parse, not a page.
        response: HttpResponse = JsonResponse(
            {"detail": "Service unavailable. Try again later."}, status=503
        )
        response["Cache-Control"] = "no-store"
    else:
        response = _plain_page("govuk/errors/503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _wants_json(request: HttpRequest) -> bool:
    # The API speaks JSON whatever the client's Accept header says.
    if request.path.startswith("/api/"):
        return True
    return request.accepts("application/json") and not request.accepts("text/html")


def _plain_page(template_name: str, status: int) -> HttpResponse:
    response = HttpResponse(render_to_string(template_name, names()), status=status)
    response["Cache-Control"] = "no-store"
    return response
