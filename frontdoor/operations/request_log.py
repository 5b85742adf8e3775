"""Logs as JSON, one object per line, and one line per request (issue 15).

Each request's line says: the request id (the same one its audit rows carry, so an operator can
go from a log line to the trail), the signed-in user's id, the route's name, the method, the
status and the duration. Never the path's query string, a form field or a name: route names and
ids are not personal data (../shared/SECURITY.md, 24).

structlog renders every log record as JSON, the service's own and Django's alike. A plain
`structlog` set-up is used rather than django-structlog, which logs two lines per request,
quotes the full path with its query string, and makes a request id of its own that the audit
trail would not share (docs/adr/0022).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, MutableMapping
from typing import Any

import structlog
from django.http import HttpRequest, HttpResponse

from frontdoor.audit.context import current_request_id

logger = logging.getLogger("frontdoor.requests")


def _add_request_id(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    request_id = current_request_id()
    if request_id:
        event.setdefault("request_id", request_id)
    return event


def _add_trace(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    # The personal-data filter (access/log_filters.py) has already replaced the exception with
    # its trace and type, message withheld, in exc_text.
    record = event.get("_record")
    if record is not None and record.exc_text:
        event["exception"] = record.exc_text
    return event


def _from_record_extra(
    _: Any, __: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    record = event.get("_record")
    fields = getattr(record, "request_fields", None)
    if fields:
        event.update(fields)
    return event


def json_formatter() -> logging.Formatter:
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[
            structlog.stdlib.add_log_level,
            structlog.stdlib.add_logger_name,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _add_request_id,
            _add_trace,
            _from_record_extra,
        ],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.JSONRenderer(),
        ],
    )


def _user_id(request: HttpRequest) -> str | None:
    # Only a user already loaded: asking now could touch a database that is down.
    user = getattr(request, "_cached_user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return str(user.pk)


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        start = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        fields = {
            "method": request.method,
            "route": match.view_name if match is not None else "",
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - start) * 1000, 1),
            "user_id": _user_id(request),
        }
        level = logging.ERROR if response.status_code >= 500 else logging.INFO
        logger.log(level, "request", extra={"request_fields": fields})
        return response
