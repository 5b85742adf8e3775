"""Web hygiene (../shared/SECURITY.md, 20-24): security headers on every kind of response,
errors and downloads included; CSRF on every state change; no open redirects; error pages and
logs without personal data."""

from __future__ import annotations

import logging
import re
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, include, path
from django.utils import timezone

from frontdoor.access.models import Role

pytestmark = pytest.mark.django_db

CHILD = "Amelia Quartermaine"  # synthetic; what a leak would look like


def boom(request):
    raise ValueError(f"could not file the referral for {request.GET.get('name')}")


# A URL configuration for these tests only: the real one, plus a view that fails.
urlpatterns = [path("boom/", boom), path("", include("config.urls"))]
handler403 = "frontdoor.govuk.views.forbidden"
handler404 = "frontdoor.govuk.views.not_found"
handler500 = "frontdoor.govuk.views.server_error"


def assert_hardened(response, *, page: bool = True) -> None:
    csp = response.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in csp, response
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    if page:
        assert "script-src 'self' 'nonce-" in csp
        nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
        scripts = re.findall(r"<script[^>]*>", response.content.decode())
        assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)


@pytest.fixture
def signed_in(client, screener):
    client.force_login(screener)
    return client


def test_a_page_has_the_headers_and_its_scripts_carry_the_nonce(signed_in):
    assert_hardened(signed_in.get("/contacts/queues/screening/"))


def test_the_sign_in_page_has_the_headers(client):
    assert_hardened(client.get("/sign-in/"))


def test_a_404_page_has_the_headers(signed_in):
    response = signed_in.get(f"/children/{uuid.uuid4()}/")
    assert response.status_code == 404
    assert_hardened(response)


def test_a_403_page_has_the_headers(client, make_user):
    client.force_login(make_user("oscar", Role.AUDITOR))
    response = client.get("/contacts/queues/screening/")
    assert response.status_code == 403
    assert_hardened(response)


def test_a_csrf_failure_page_has_the_headers(screener):
    client = Client(enforce_csrf_checks=True)
    client.force_login(screener)
    response = client.post("/contacts/new/")
    assert response.status_code == 403
    assert_hardened(response)


def _as_logged(records) -> str:
    """What the service's log handler writes for these records (its filter, its format)."""
    from frontdoor.access.log_filters import WithoutPersonalData

    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, WithoutPersonalData) for f in h.filters)
    )
    return "\n".join(handler.format(r) for r in records if handler.filter(r))


@pytest.mark.urls("tests.test_security_headers")
def test_a_500_page_has_the_headers_and_no_personal_data(signed_in, caplog):
    signed_in.raise_request_exception = False
    response = signed_in.get("/boom/?name=Amelia+Quartermaine")
    assert response.status_code == 500
    assert_hardened(response, page=False)
    page = response.content.decode()
    assert "Amelia" not in page and "Traceback" not in page and "ValueError" not in page
    logged = _as_logged(caplog.records)
    assert "ValueError" in logged and "message withheld" in logged and "in boom" in logged
    assert "Amelia" not in logged and "Quartermaine" not in logged


def test_a_request_is_logged_without_its_query(signed_in, caplog):
    missing = uuid.uuid4()
    response = signed_in.get(f"/children/{missing}/?name=Amelia+Quartermaine")
    assert response.status_code == 404  # logged by Django as "Not Found"
    logged = _as_logged(caplog.records)
    assert f"/children/{missing}/" in logged and "Amelia" not in logged


def test_an_api_answer_has_the_headers(client, screener):
    from frontdoor.access.tests.service_accounts import token_for

    token = token_for(screener, name="test")
    response = client.get("/api/contacts/queues/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert_hardened(response, page=False)
    assert_hardened(client.get("/api/contacts/queues/"), page=False)  # the 401


def test_a_static_file_has_the_headers(client):
    response = client.get("/static/frontdoor/frontdoor.css")
    assert response.status_code == 200
    assert_hardened(response, page=False)


def test_a_download_has_the_headers(client, make_user):
    import time

    iris = make_user("iris", Role.IG_LEAD)
    client.force_login(iris)
    session = client.session
    session["frontdoor_stepped_up_at"] = int(time.time())
    session.save()
    today = timezone.localdate()
    response = client.post(
        f"/governance/export/?report=user-activity&user=iris&from={today - timedelta(days=1)}"
        f"&to={today}",
        {"reason": "Subject access request SAR-1"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert_hardened(response, page=False)


def test_hsts_is_sent_over_https_when_configured(signed_in, settings):
    settings.SECURE_HSTS_SECONDS = 63072000
    response = signed_in.get("/contacts/queues/screening/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=63072000")


# --- CSRF on every state change -----------------------------------------------------------------


def _page_patterns():
    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    return [p for p in walk(get_resolver()) if not p.startswith(("api/", "admin/"))]


def test_every_page_refuses_a_post_without_a_csrf_token(screener):
    client = Client(enforce_csrf_checks=True)
    client.force_login(screener)
    refused = []
    for pattern in _page_patterns():
        url = "/" + re.sub(
            r"<(?:(\w+):)?(\w+)>",
            lambda m: "987654321" if m.group(1) == "int" else str(uuid.uuid4()),
            pattern,
        )
        response = client.post(url, {"anything": "x"})
        refused.append((url, response.status_code))
    assert [(url, status) for url, status in refused if status != 403] == []
    assert len(refused) > 30


def test_the_api_refuses_a_session_post_without_a_csrf_token(screener):
    client = Client(enforce_csrf_checks=True)
    client.force_login(screener)
    response = client.post("/api/contacts", "{}", content_type="application/json")
    assert response.status_code in (401, 403)


# --- No open redirects ----------------------------------------------------------------------------

HOSTILE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "\\\\evil.example",
]


def _off_site(location: str) -> bool:
    return not location.startswith("/") or location.startswith(("//", "/\\"))


@pytest.mark.parametrize("target", HOSTILE)
def test_signing_in_never_redirects_off_site(client, screener, target):
    from frontdoor.access.tests.signing_in import PASSWORD, code_for, give_app

    give_app(screener)
    response = client.post("/sign-in/", {"username": "alice", "password": PASSWORD, "next": target})
    assert not _off_site(response["Location"])
    response = client.post("/sign-in/code/", {"code": code_for(screener), "next": target})
    assert response.status_code == 302
    assert not _off_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", HOSTILE)
def test_other_next_parameters_never_redirect_off_site(signed_in, target):
    for url in ["/session/keep/", "/sign-in/code/"]:
        response = signed_in.post(f"{url}?next={target}")
        assert response.status_code == 302
        assert not _off_site(response["Location"]), (url, response["Location"])


def test_security_settings_are_strict():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert "'unsafe-inline'" not in directives["script-src"] + directives["style-src"]
    assert settings.SECURE_CONTENT_TYPE_NOSNIFF is True
