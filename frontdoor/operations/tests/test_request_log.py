"""One JSON line per request: request id, user id, route, status and duration, and nothing
from the query string or the form."""

from __future__ import annotations

import json
import logging

import pytest

from frontdoor.operations.request_log import json_formatter


@pytest.fixture
def request_lines():
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Keep()
    handler.setFormatter(json_formatter())
    log = logging.getLogger("frontdoor.requests")
    log.addHandler(handler)
    old = log.level
    log.setLevel(logging.INFO)
    yield lines
    log.removeHandler(handler)
    log.setLevel(old)


def test_each_request_is_one_json_line_without_personal_data(client, screener, request_lines):
    client.force_login(screener)
    response = client.get("/children/search/?q=Amy+Example&date_of_birth=2019-03-27")
    assert len(request_lines) == 1
    line = json.loads(request_lines[0])
    assert line["event"] == "request" and line["level"] == "info"
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] == str(screener.pk)
    assert line["route"] and line["method"] == "GET"
    assert line["status"] == response.status_code and line["duration_ms"] >= 0
    assert "timestamp" in line
    assert "Amy" not in request_lines[0] and "2019" not in request_lines[0].split("timestamp")[0]


def test_a_visitor_who_is_not_signed_in_has_no_user_id(client, db, request_lines):
    client.get("/sign-in/")
    line = json.loads(request_lines[0])
    assert line["user_id"] is None and line["route"] == "access:sign-in"
