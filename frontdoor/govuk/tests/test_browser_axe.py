"""Every page shape in this app passes axe with zero violations, in Debian's Chromium.

Runs the test pages (tests/urls.py) on a real server: the form with and without errors, a
signed-in page with navigation and banners, and the 403, 404, 500 and 503 pages. Also checks
the CSP lets GOV.UK Frontend's JavaScript start, and that forms work with JavaScript off.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
AXE = Path(settings.BASE_DIR) / "tests" / "browser" / "vendor" / "axe.min.js"

sync_api = pytest.importorskip("playwright.sync_api")
if not shutil.which(CHROMIUM):
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # type: ignore[no-untyped-def]
        pass


@pytest.fixture(scope="module")
def base_url():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    overrides = override_settings(
        ROOT_URLCONF="frontdoor.govuk.tests.urls",
        MIDDLEWARE=[
            *settings.MIDDLEWARE,
            "frontdoor.govuk.middleware.DatabaseUnavailableMiddleware",
        ],
        DEBUG=False,
    )
    overrides.enable()
    from django.core.wsgi import get_wsgi_application

    server = make_server("127.0.0.1", 0, get_wsgi_application(), _Server, _QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        overrides.disable()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    # Console errors (a CSP violation, a JavaScript error) and sub-resources that failed to load
    # (the CSS, a script, an image). The page's own 4xx/5xx status is expected.
    page.console_errors = []
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and not m.text.startswith("Failed to load resource")
            and page.console_errors.append(m.text)
        ),
    )
    page.on(
        "response",
        lambda r: (
            r.request.resource_type != "document"
            and r.status >= 400
            and page.console_errors.append(f"{r.status} {r.url}")
        ),
    )
    yield page
    context.close()


def axe_violations(page):
    # Injected with evaluate, not add_script_tag: the CSP blocks inline scripts.
    page.evaluate(AXE.read_text())
    return page.evaluate(
        """async () => (await axe.run(document)).violations.map(
            v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"""
    )


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/form/", 200),
        ("/signed-in/", 200),
        ("/no-such-page/", 404),
        ("/forbidden/", 403),
        ("/broken/", 500),
        ("/database-down/", 503),
    ],
)
def test_page_passes_axe(page, base_url, path, status):
    response = page.goto(base_url + path)
    assert response.status == status
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_form_with_errors_passes_axe_and_the_summary_takes_focus(page, base_url):
    page.goto(base_url + "/form/")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: New contact – ")
    # GOV.UK Frontend's JavaScript moves focus to the error summary.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_a_valid_form_shows_a_success_banner(page, base_url):
    page.goto(base_url + "/form/")
    page.fill("#id_first_name", "Alex")
    page.fill("#id_date_of_birth_day", "27")
    page.fill("#id_date_of_birth_month", "3")
    page.fill("#id_date_of_birth_year", "2019")
    page.fill("#id_received_at_day", "1")
    page.fill("#id_received_at_month", "2")
    page.fill("#id_received_at_year", "2024")
    page.fill("#id_received_at_time", "09:15")
    page.check("#id_urgent-2")
    page.check("#id_source")
    page.check("#id_concerns")
    page.select_option("#id_team", "north")
    page.fill("#id_summary", "Bruising seen at school")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    banner = page.locator(".govuk-notification-banner--success")
    assert banner.get_attribute("role") == "alert"
    assert "Contact saved" in banner.inner_text()
    assert axe_violations(page) == []


def test_forms_and_error_links_work_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/form/")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    link = page.locator(".govuk-error-summary a", has_text="Enter the child's date of birth")
    assert link.get_attribute("href") == "#id_date_of_birth_day"
    link.click()
    assert page.url.endswith("#id_date_of_birth_day")
    context.close()


def test_sign_out_is_a_button_in_the_service_navigation(page, base_url):
    page.goto(base_url + "/signed-in/")
    assert page.locator(".frontdoor-account__name").inner_text() == "Sam Screener"
    sign_out = page.get_by_role("button", name="Sign out")
    assert sign_out.is_visible()
    assert sign_out.evaluate("b => b.form.method") == "post"
