"""Error pages: GOV.UK wording, the right status, and nothing from the exception shown."""

from __future__ import annotations

import logging

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory

from frontdoor.govuk.middleware import DatabaseUnavailableMiddleware
from frontdoor.govuk.views import csrf_failure, forbidden, not_found

from .html import parse


@pytest.fixture
def client(govuk_urls):
    # raise_request_exception=False: let Django's handlers run, as in production.
    return Client(raise_request_exception=False)


def heading(response):
    return parse(response.content.decode()).find("h1").text_content()


def test_not_found(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert heading(response) == "Page not found"
    assert (
        "Page not found – Children's front door – Wessex County Council"
        in response.content.decode().replace("&#x27;", "'")
    )


def test_forbidden(client):
    response = client.get("/forbidden/")
    assert response.status_code == 403
    assert heading(response) == "You cannot do this"


def test_server_error_shows_nothing_from_the_exception(client):
    response = client.get("/broken/")
    assert response.status_code == 500
    assert heading(response) == "Sorry, there is a problem with the service"
    body = response.content.decode()
    for leak in ("Alex Example", "ValueError", "Traceback", "a bug"):
        assert leak not in body
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/database-down/", "/database-dropped/"])
def test_database_down_is_a_503_with_retry_after(client, path, caplog):
    with caplog.at_level(logging.ERROR, logger="frontdoor.govuk.middleware"):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert heading(response) == "Sorry, there is a problem with the service"
    body = response.content.decode()
    assert "Try again later." in body
    assert "127.0.0.1" not in body
    assert "connection" not in body.lower()
    assert "Database unavailable" in caplog.text


def test_the_500_handler_also_turns_a_database_error_into_a_503(govuk_urls, settings):
    # As when the session lookup in a middleware (not a view) finds no database.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "DatabaseUnavailable" not in m]
    response = Client(raise_request_exception=False).get("/database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"


def test_an_api_client_gets_json(client):
    response = client.get("/database-down/", headers={"accept": "application/json"})
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json() == {"detail": "Service unavailable. Try again later."}


def test_an_api_client_gets_json_from_a_bug_too(client):
    response = client.get("/broken/", headers={"accept": "application/json"})
    assert response.status_code == 500
    assert response.json() == {"detail": "Something went wrong. Try again later."}
    assert "Alex Example" not in response.content.decode()


def test_a_browser_gets_the_page(client):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/database-down/", headers={"accept": accept})
    assert response["Content-Type"].startswith("text/html")


def test_the_middleware_leaves_other_exceptions_alone():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, ValueError("no")) is None
    response = middleware.process_exception(request, OperationalError("database is locked"))
    assert response.status_code == 503


def test_the_503_page_does_not_touch_the_database(django_assert_max_num_queries):
    # No `db` mark: pytest-django fails the test if the page makes a query.
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    response = middleware.process_exception(RequestFactory().get("/"), OperationalError("down"))
    assert b"Sign out" not in response.content


def test_csrf_failure_is_a_403_with_what_to_do(govuk_urls):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().post("/")
    request.user = AnonymousUser()
    response = csrf_failure(request, reason="CSRF token missing")
    assert response.status_code == 403
    assert "CSRF token missing" not in response.content.decode()
    assert heading(response) == "Sorry, we could not save your changes"


def test_handlers_can_be_called_directly(govuk_urls):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert forbidden(request, Exception()).status_code == 403
    assert not_found(request, Exception()).status_code == 404
