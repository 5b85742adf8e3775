"""Turns "the database is not there" into a GOV.UK "try again later" page (503).

OperationalError and InterfaceError mean the database could not be reached or dropped the
connection: nothing the person did, and nothing a retry a little later will not fix. Any other
exception still goes to the 500 handler.

Put it last in MIDDLEWARE: Django offers a view's exception to the innermost middleware first.
The 500 handler (views.server_error) catches the same errors when they are raised outside a
view, for example by the session lookup in LoginRequiredMiddleware.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .views import DATABASE_ERRORS, database_unavailable

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        # The class and the driver's message ("connection refused", "database is locked") are
        # what an operator needs; neither carries a child's data.
        logger.error(
            "Database unavailable on %s %s: %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            exception,
        )
        return database_unavailable(request)
