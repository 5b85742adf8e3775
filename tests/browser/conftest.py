"""What every browser test shares: a live server, Debian's Chromium, pages that notice browser
errors, and the helpers `sign_in(page, user)`, `sign_out(page)`, `assert_accessible(page)` and
`screenshot(page, name)` (see helpers.py).

Chromium comes from Debian (scripts/install-browser-deps, run by `make pytest`); Playwright's own
browser download is never used. When /usr/bin/chromium is missing the browser tests skip and
say why; everything else still runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread, so Django would refuse the ORM calls
# the tests make to set up personas and check what was stored. Nothing here is really async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from playwright.sync_api import Browser, Page  # noqa: E402

from . import helpers  # noqa: E402


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Chromium, started for each test.

    Not module or session scope, on purpose: while Playwright's sync API runs, the test's code
    sees another contextvars context, so Django's connection objects differ from the ones that
    pytest-django set the test database up with (and stored `serialized_rollback`'s data on).
    Starting Chromium after the test's database set-up and stopping it before the tear-down
    keeps both in one context. It costs about half a second a test.
    """
    if helpers.chromium_missing():
        pytest.skip(f"Debian's chromium is not installed at {helpers.CHROMIUM}: run `make pytest`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=helpers.CHROMIUM, args=helpers.CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # The connections Django opened in Playwright's context (the test's own ORM calls) are
        # unreachable once it stops: close them now, or PostgreSQL cannot drop the test database.
        connections.close_all()


HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in tests/browser is a browser test, runs against a live server (so in real
    transactions), and starts from the database as the migrations left it: reference data such
    as code lists and hubs included, whatever transactional test ran before it."""
    for item in items:
        if not item.path.is_relative_to(HERE):
            continue
        item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="module", autouse=True)
def empty_database(django_db_setup: None, django_db_blocker: Any) -> None:
    """Empty the test database once before each module of browser tests.

    Their tests use `serialized_rollback` (see above): each reloads the database as it was after
    the migrations (code lists, hubs, content types) before it starts. An earlier transactional
    test without serialized_rollback (the PostgreSQL concurrency tests, say) leaves content
    types re-created under new ids by its flush, and reloading the original ones then fails on
    their unique names. Emptying the tables first, re-creating nothing, makes the reload start
    from nothing.
    """
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)


@pytest.fixture
def new_page(browser: Browser, live_server: Any) -> Iterator[Callable[..., Page]]:
    """`new_page(javascript=False)`: a page in a fresh browser context (its own cookies), 1280 px
    wide, with relative URLs going to the live server.

    Each page carries `page.problems` (console errors, uncaught exceptions, failed requests);
    the test fails at teardown if any page recorded one.
    """
    contexts = []
    pages: list[Page] = []

    def make(*, javascript: bool = True) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            viewport=helpers.VIEWPORT,
            locale="en-GB",
            timezone_id="Europe/London",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.problems = helpers.watch(page)  # type: ignore[attr-defined]
        page.javascript_enabled = javascript  # type: ignore[attr-defined]
        pages.append(page)
        return page

    yield make
    problems = [p for page in pages for p in page.problems]  # type: ignore[attr-defined]
    for context in contexts:
        context.close()
    assert problems == [], "The browser reported problems:\n" + "\n".join(problems)


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    return new_page()


@pytest.fixture(name="sign_in")
def sign_in_fixture() -> Callable[[Page, Any], None]:
    return helpers.sign_in


@pytest.fixture(name="sign_out")
def sign_out_fixture() -> Callable[[Page], None]:
    return helpers.sign_out


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture() -> Callable[[Page], None]:
    return helpers.assert_accessible


@pytest.fixture(name="screenshot")
def screenshot_fixture() -> Callable[..., None]:
    return helpers.screenshot


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if helpers.checked_urls:
        terminalreporter.write_line(
            f"axe checked {len(helpers.checked_urls)} page views "
            f"({len(set(helpers.checked_urls))} distinct URLs) in the browser tests"
        )
